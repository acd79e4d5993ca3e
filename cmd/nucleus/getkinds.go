package main

import (
	"cmp"
	"io"
	"slices"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/events"
	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/pod"
)

// resource is one type `nucleus get` shows, under kubectl's names for it.
type resource struct {
	// name is the plural kubectl prints in usage ("pods"); aliases are the
	// singular and short names kubectl also takes ("pod", "po").
	name    string
	aliases []string
	// show returns the objects of this type in sc after the run.
	show func(w *world, sc scope) shown
}

// resources returns the types `nucleus get` knows, in the order its help
// lists them.
func resources() []resource {
	return append([]resource{
		{"pods", []string{"pod", "po"}, func(w *world, sc scope) shown {
			return showPods(inScope(w.c.Pods(), sc), w.now())
		}},
		{"services", []string{"service", "svc"}, func(w *world, sc scope) shown {
			return showServices(inScope(w.c.Services(), sc), w.now())
		}},
		{"endpointslices", []string{"endpointslice"}, func(w *world, sc scope) shown {
			return showEndpointSlices(inScope(w.c.EndpointSlices(), sc), w.now())
		}},
		{"nodes", []string{"node", "no"}, func(w *world, _ scope) shown {
			return showNodes(w.c.API().Nodes.List(), w.now())
		}},
		{"deployments", []string{"deployment", "deploy"}, func(w *world, sc scope) shown {
			return showDeployments(inScope(w.c.API().Deployments.List(), sc), w.now())
		}},
		{"replicasets", []string{"replicaset", "rs"}, func(w *world, sc scope) shown {
			return showReplicaSets(inScope(w.c.API().ReplicaSets.List(), sc), w.now())
		}},
		replicationControllerResource(),
		{"jobs", []string{"job"}, func(w *world, sc scope) shown {
			return showJobs(inScope(w.c.API().Jobs.List(), sc), w.now())
		}},
		{"cronjobs", []string{"cronjob", "cj"}, func(w *world, sc scope) shown {
			return showCronJobs(inScope(w.c.API().CronJobs.List(), sc), w.now())
		}},
		{"horizontalpodautoscalers", []string{"horizontalpodautoscaler", "hpa"}, func(w *world, sc scope) shown {
			return showHPAs(inScope(w.c.API().HPAs.List(), sc), w.now())
		}},
		{"events", []string{"event", "ev"}, func(w *world, sc scope) shown {
			return showEvents(eventsInScope(w.log, sc), w.now())
		}},
		namespaceResource(),
	}, append(configResources(), append(storageResources(), budgetResources()...)...)...)
}

// objects returns objs as a list of Kubernetes objects.
func objects[T metav1.Object](objs []T) []metav1.Object {
	out := make([]metav1.Object, len(objs))
	for i, o := range objs {
		out[i] = o
	}
	return out
}

// showPods returns pods as `kubectl get pods` shows them at now.
func showPods(pods []*corev1.Pod, now time.Time) shown {
	return shown{apiVersion: "v1", kind: "Pod", namespaced: true, items: objects(pods),
		table: func(w io.Writer, wide, _ bool) error { return pod.PrintTable(w, pods, now, wide) }}
}

// showServices returns svcs as `kubectl get services` shows them at now.
func showServices(svcs []*corev1.Service, now time.Time) shown {
	return shown{apiVersion: "v1", kind: "Service", namespaced: true, items: objects(svcs),
		table: func(w io.Writer, wide, _ bool) error { return kubectl.PrintServices(w, svcs, now, wide) }}
}

// showEndpointSlices returns slices as `kubectl get endpointslices` shows
// them at now; -o wide adds no column to this table.
func showEndpointSlices(slices []*discoveryv1.EndpointSlice, now time.Time) shown {
	return shown{apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice", namespaced: true, items: objects(slices),
		table: func(w io.Writer, _, _ bool) error { return kubectl.PrintEndpointSlices(w, slices, now) }}
}

// showNodes returns nodes as `kubectl get nodes` shows them at now.
func showNodes(nodes []*corev1.Node, now time.Time) shown {
	return shown{apiVersion: "v1", kind: "Node", items: objects(nodes),
		table: func(w io.Writer, wide, _ bool) error { return kubectl.PrintNodes(w, nodes, now, wide) }}
}

// showDeployments returns ds as `kubectl get deployments` shows them at now.
func showDeployments(ds []*appsv1.Deployment, now time.Time) shown {
	return shown{apiVersion: "apps/v1", kind: "Deployment", namespaced: true, items: objects(ds),
		table: func(w io.Writer, wide, _ bool) error { return kubectl.PrintDeployments(w, ds, now, wide) }}
}

// showReplicaSets returns rss as `kubectl get replicasets` shows them at now.
func showReplicaSets(rss []*appsv1.ReplicaSet, now time.Time) shown {
	return shown{apiVersion: "apps/v1", kind: "ReplicaSet", namespaced: true, items: objects(rss),
		table: func(w io.Writer, wide, _ bool) error { return kubectl.PrintReplicaSets(w, rss, now, wide) }}
}

// showJobs returns jobs as `kubectl get jobs` shows them at now.
func showJobs(jobs []*batchv1.Job, now time.Time) shown {
	return shown{apiVersion: "batch/v1", kind: "Job", namespaced: true, items: objects(jobs),
		table: func(w io.Writer, wide, _ bool) error { return kubectl.PrintJobs(w, jobs, now, wide) }}
}

// showCronJobs returns cjs as `kubectl get cronjobs` shows them at now.
func showCronJobs(cjs []*batchv1.CronJob, now time.Time) shown {
	return shown{apiVersion: "batch/v1", kind: "CronJob", namespaced: true, items: objects(cjs),
		table: func(w io.Writer, wide, _ bool) error { return kubectl.PrintCronJobs(w, cjs, now, wide) }}
}

// showEvents returns evs as `kubectl get events` shows them at now. The
// table sorts them by lastTimestamp (package events); -o json and -o yaml
// list them as the API server does, by namespace and name.
func showEvents(evs []corev1.Event, now time.Time) shown {
	listed := make([]*corev1.Event, len(evs))
	for i := range evs {
		listed[i] = &evs[i]
	}
	slices.SortStableFunc(listed, func(a, b *corev1.Event) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	return shown{apiVersion: "v1", kind: "Event", namespaced: true, items: objects(listed), ownNamespaceColumn: true,
		table: func(w io.Writer, wide, all bool) error {
			if wide {
				return events.PrintWideTable(w, evs, now, all)
			}
			return events.PrintTable(w, evs, now, all)
		}}
}

// eventsInScope returns the logbook's Events whose own namespace is in sc
// (Events about a Node live in "default", as on a real cluster).
func eventsInScope(log *events.Log, sc scope) []corev1.Event {
	var out []corev1.Event
	for _, e := range log.Events() {
		if sc.holds(e.Namespace) {
			out = append(out, e)
		}
	}
	return out
}
