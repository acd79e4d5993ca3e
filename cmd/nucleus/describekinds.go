package main

import (
	"io"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/view"
)

// describables returns the types `nucleus describe` knows, in the order its
// help lists them.
func describables() []describable {
	return append([]describable{
		{"pod", []string{"pods", "po"}, describePod},
		{"service", []string{"services", "svc"}, describeService},
		{"endpointslice", []string{"endpointslices"}, describeEndpointSlice},
		{"node", []string{"nodes", "no"}, describeNode},
		{"deployment", []string{"deployments", "deploy"}, describeDeployment},
		{"replicaset", []string{"replicasets", "rs"}, describeReplicaSet},
		replicationControllerDescribable(),
		{"job", []string{"jobs"}, describeJob},
		{"cronjob", []string{"cronjobs", "cj"}, describeCronJob},
		{"horizontalpodautoscaler", []string{"horizontalpodautoscalers", "hpa"}, describeHPA},
		namespaceDescribable(),
	}, append(configDescribables(), append(storageDescribables(), budgetDescribables()...)...)...)
}

// describePod writes `kubectl describe pod`: the pod, and the Events about it.
func describePod(w *world, out io.Writer, ns, name string) error {
	return view.DescribePod(out, w.c, w.log.For("Pod", ns, name), ns, name)
}

// describeService writes `kubectl describe service`: the Service, the
// ready endpoints of its EndpointSlices, and the Events about it.
func describeService(w *world, out io.Writer, ns, name string) error {
	svc, err := w.c.API().Services.Get(ns, name)
	if err != nil {
		return err
	}
	return kubectl.DescribeService(out, svc, w.c.EndpointSlices(), w.log.For("Service", ns, name), w.now())
}

// describeEndpointSlice writes `kubectl describe endpointslice`.
func describeEndpointSlice(w *world, out io.Writer, ns, name string) error {
	s, err := w.c.API().EndpointSlices.Get(ns, name)
	if err != nil {
		return err
	}
	return kubectl.DescribeEndpointSlice(out, s, w.log.For("EndpointSlice", ns, name), w.now())
}

// describeNode writes `kubectl describe node`: the node (a cluster-scoped
// object: the namespace is not used), the pods bound to it, and its Events.
func describeNode(w *world, out io.Writer, _, name string) error {
	n, err := w.c.API().Nodes.Get("", name)
	if err != nil {
		return err
	}
	var pods []*corev1.Pod
	for _, p := range w.c.Pods() {
		if p.Spec.NodeName == n.Name {
			pods = append(pods, p)
		}
	}
	return kubectl.DescribeNode(out, n, pods, w.log.For("Node", "", name), w.now())
}

// describeDeployment writes `kubectl describe deployment`: the Deployment,
// its old and new ReplicaSets, and the Events about it.
func describeDeployment(w *world, out io.Writer, ns, name string) error {
	d, err := w.c.API().Deployments.Get(ns, name)
	if err != nil {
		return err
	}
	var rss []*appsv1.ReplicaSet
	for _, rs := range w.c.API().ReplicaSets.List() {
		if rs.Namespace == ns {
			rss = append(rss, rs)
		}
	}
	return kubectl.DescribeDeployment(out, d, rss, w.log.For("Deployment", ns, name), w.now())
}

// describeReplicaSet writes `kubectl describe replicaset`: the ReplicaSet,
// how many of its pods are in each phase, and the Events about it.
func describeReplicaSet(w *world, out io.Writer, ns, name string) error {
	rs, err := w.c.API().ReplicaSets.Get(ns, name)
	if err != nil {
		return err
	}
	var pods []*corev1.Pod
	for _, p := range w.c.Pods() {
		if p.Namespace == ns {
			pods = append(pods, p)
		}
	}
	return kubectl.DescribeReplicaSet(out, rs, pods, w.log.For("ReplicaSet", ns, name), w.now())
}

// describeJob writes `kubectl describe job`: the Job and the Events about
// it.
func describeJob(w *world, out io.Writer, ns, name string) error {
	j, err := w.c.API().Jobs.Get(ns, name)
	if err != nil {
		return err
	}
	return kubectl.DescribeJob(out, j, w.log.For("Job", ns, name), w.now())
}

// describeCronJob writes `kubectl describe cronjob`: the CronJob and the
// Events about it.
func describeCronJob(w *world, out io.Writer, ns, name string) error {
	cj, err := w.c.API().CronJobs.Get(ns, name)
	if err != nil {
		return err
	}
	return kubectl.DescribeCronJob(out, cj, w.log.For("CronJob", ns, name), w.now())
}
