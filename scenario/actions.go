package scenario

import (
	"encoding/json"
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// act does action i now. A failure becomes a Warning record and an
// ActionError; success is recorded as a Normal record, so that the
// narration shows why what follows happens.
func (s *Scenario) act(r *Result, i int) {
	a := s.Spec.Actions[i]
	verb := a.verbs()[0]
	path := fmt.Sprintf("spec.actions[%d].%s", i, verb)
	c := r.Cluster
	obj, what, err := s.do(r, i)
	rec := sim.Record{Kind: sim.Change, Source: sim.Source{Component: "scenario"}, Object: obj,
		Reason: "ScenarioAction", Message: verb + ": " + what}
	if err != nil {
		rec.Kind, rec.Type, rec.Reason = sim.Event, sim.Warning, "ScenarioActionFailed"
		rec.Message = fmt.Sprintf("%s: %s failed: %v", verb, what, err)
		r.Errors = append(r.Errors, &ActionError{File: s.File, Line: s.line(path), Path: path, At: c.Now(), Err: err})
	}
	c.Loop().Record(rec)
}

// do performs action i and returns the object it is about, a few words on
// what it does, and what went wrong.
func (s *Scenario) do(r *Result, i int) (sim.ObjectRef, string, error) {
	a := s.Spec.Actions[i]
	c := r.Cluster
	switch {
	case a.Apply != nil || a.ApplyFile != "":
		return s.applyAction(c, i)
	case a.Update != nil:
		return s.updateAction(c, i, c.Update)
	case a.Resize != nil:
		return s.updateAction(c, i, func(objs ...any) error {
			for _, o := range objs {
				p, ok := o.(*corev1.Pod)
				if !ok {
					return fmt.Errorf("only a Pod has a resize subresource, not a %s", objectRef(o).Kind)
				}
				if err := c.Resize(p); err != nil {
					return err
				}
			}
			return nil
		})
	case a.Delete != nil:
		d := a.Delete
		ref := sim.ObjectRef{Kind: d.Kind, Namespace: namespace(d.Namespace), Name: d.Name}
		switch d.Kind {
		case "Service":
			return ref, "service " + d.Name, c.DeleteService(ref.Namespace, d.Name)
		case "Deployment":
			return ref, "deployment " + d.Name, c.DeleteDeployment(ref.Namespace, d.Name)
		case "ReplicaSet":
			return ref, "replicaset " + d.Name, c.DeleteReplicaSet(ref.Namespace, d.Name)
		case "Job":
			return ref, "job " + d.Name, c.DeleteJob(ref.Namespace, d.Name)
		case "CronJob":
			return ref, "cronjob " + d.Name, c.DeleteCronJob(ref.Namespace, d.Name)
		case "StatefulSet":
			return ref, "statefulset " + d.Name, c.DeleteStatefulSet(ref.Namespace, d.Name)
		case "PersistentVolumeClaim":
			return ref, "persistentvolumeclaim " + d.Name, c.DeleteClaim(ref.Namespace, d.Name)
		case "PodDisruptionBudget":
			return ref, "poddisruptionbudget " + d.Name, c.DeletePodDisruptionBudget(ref.Namespace, d.Name)
		case "HorizontalPodAutoscaler":
			return ref, "horizontalpodautoscaler " + d.Name, c.DeleteHPA(ref.Namespace, d.Name)
		case "Namespace":
			ref.Namespace = ""
			return ref, "namespace " + d.Name, c.DeleteNamespace(d.Name)
		case "DaemonSet":
			return ref, "daemonset " + d.Name, c.DeleteDaemonSet(ref.Namespace, d.Name)
		case "ReplicationController":
			return ref, "replicationcontroller " + d.Name, c.DeleteReplicationController(ref.Namespace, d.Name)
		case "ConfigMap":
			return ref, "configmap " + d.Name, c.DeleteConfigMap(ref.Namespace, d.Name)
		case "Secret":
			return ref, "secret " + d.Name, c.DeleteSecret(ref.Namespace, d.Name)
		case "Endpoints":
			return ref, "endpoints " + d.Name, c.DeleteEndpoints(ref.Namespace, d.Name)
		case "EndpointSlice":
			return ref, "endpointslice " + d.Name, c.DeleteEndpointSlice(ref.Namespace, d.Name)
		case "PersistentVolume":
			ref.Namespace = ""
			return ref, "persistentvolume " + d.Name, c.DeleteVolume(d.Name)
		case "StorageClass":
			ref.Namespace = ""
			return ref, "storageclass " + d.Name, c.DeleteStorageClass(d.Name)
		}
		return ref, "pod " + d.Name, c.DeletePod(ref.Namespace, d.Name, d.GracePeriodSeconds)
	case a.Bind != nil:
		b := a.Bind
		ref := sim.ObjectRef{Kind: "Pod", Namespace: namespace(b.Namespace), Name: b.Pod}
		return ref, fmt.Sprintf("pod %s to store %s", b.Pod, b.Store), c.Bind(ref.Namespace, b.Pod, b.Store)
	case a.Scale != nil:
		kind, name := a.Scale.target()
		ref := sim.ObjectRef{Kind: kind, Namespace: namespace(a.Scale.Namespace), Name: name}
		what := fmt.Sprintf("%s %s to %d replicas", strings.ToLower(kind), name, a.Scale.Replicas)
		switch kind {
		case "StatefulSet":
			return ref, what, c.ScaleStatefulSet(ref.Namespace, name, a.Scale.Replicas)
		case "ReplicationController":
			return ref, what, c.ScaleReplicationController(ref.Namespace, name, a.Scale.Replicas)
		}
		return ref, what, c.Scale(ref.Namespace, name, a.Scale.Replicas)
	case a.KillContainer != nil:
		return killContainer(c, a.KillContainer)
	case a.UseMemory != nil:
		return useMemory(c, a.UseMemory)
	case a.Store != nil:
		return storeFault(c, a.Store)
	case a.Evict != nil:
		e := a.Evict
		ref := sim.ObjectRef{Kind: "Pod", Namespace: namespace(e.Namespace), Name: e.Pod}
		return ref, "pod " + e.Pod, c.Evict(ref.Namespace, e.Pod, e.GracePeriodSeconds)
	case a.Drain != nil:
		return drainStore(c, a.Drain)
	}
	return sendCustomers(r, a.Customers)
}

// applyAction applies the objects of action i.
func (s *Scenario) applyAction(c *cluster.Cluster, i int) (sim.ObjectRef, string, error) {
	var ref sim.ObjectRef
	var names []string
	if i >= len(s.apply) {
		return ref, "objects", fmt.Errorf("the objects were not decoded: build a Scenario with Load")
	}
	for _, d := range cluster.NamespacesFirst(s.apply[i]) {
		ref = objectRef(d.Object)
		names = append(names, strings.ToLower(ref.Kind)+" "+ref.Name)
		if err := c.Apply(d.Object); err != nil {
			return ref, strings.Join(names, ", "), err
		}
	}
	return ref, strings.Join(names, ", "), nil
}

// updateAction replaces the objects of action i with its own: with
// write, which is the chain's Update, or its Resize.
func (s *Scenario) updateAction(c *cluster.Cluster, i int, write func(...any) error) (sim.ObjectRef, string, error) {
	var ref sim.ObjectRef
	if i >= len(s.apply) || len(s.apply[i]) == 0 {
		return ref, "objects", fmt.Errorf("the objects were not decoded: build a Scenario with Load")
	}
	var names []string
	for _, d := range cluster.NamespacesFirst(s.apply[i]) {
		ref = objectRef(d.Object)
		names = append(names, strings.ToLower(ref.Kind)+" "+ref.Name)
		if err := write(d.Object); err != nil {
			return ref, strings.Join(names, ", "), err
		}
	}
	return ref, strings.Join(names, ", "), nil
}

// inline returns the inline objects of an apply or update action, and the
// verb's name.
func (a Action) inline() (*json.RawMessage, string) {
	switch {
	case a.Apply != nil:
		return a.Apply, "apply"
	case a.Update != nil:
		return a.Update, "update"
	case a.Resize != nil:
		return a.Resize, "resize"
	}
	return nil, ""
}

// objectRef names a decoded object.
func objectRef(obj any) sim.ObjectRef {
	switch o := obj.(type) {
	case *corev1.Pod:
		return sim.ObjectRef{Kind: "Pod", Namespace: namespace(o.Namespace), Name: o.Name}
	case *corev1.Service:
		return sim.ObjectRef{Kind: "Service", Namespace: namespace(o.Namespace), Name: o.Name}
	}
	if o, ok := obj.(interface {
		GetName() string
		GetNamespace() string
	}); ok {
		kind := strings.TrimPrefix(fmt.Sprintf("%T", obj), "*")
		kind = kind[strings.LastIndexByte(kind, '.')+1:]
		return sim.ObjectRef{Kind: kind, Namespace: namespace(o.GetNamespace()), Name: o.GetName()}
	}
	return sim.ObjectRef{}
}

// namespace returns ns, or "default".
func namespace(ns string) string {
	if ns == "" {
		return corev1.NamespaceDefault
	}
	return ns
}

// runningContainer finds the running container of a pod, on the store
// the pod is bound to.
func runningContainer(c *cluster.Cluster, ns, podName, container string) (*runtime.Engine, string, error) {
	p, err := c.Pod(ns, podName)
	if err != nil {
		return nil, "", fmt.Errorf("pod %q: Not found", podName)
	}
	store, ok := c.Store(p.Spec.NodeName)
	if !ok {
		return nil, "", fmt.Errorf("pod %q is not on a store yet", podName)
	}
	rt := store.Runtime
	for _, sb := range rt.ListPodSandbox() {
		if sb.Config.UID != string(p.UID) || sb.State != runtime.SandboxReady {
			continue
		}
		cs := rt.ListContainers(sb.ID)
		for j := len(cs) - 1; j >= 0; j-- {
			if cs[j].Name == container && cs[j].State == runtime.ContainerRunning {
				return rt, cs[j].ID, nil
			}
		}
	}
	return nil, "", fmt.Errorf("container %q of pod %q is not running", container, podName)
}

func killContainer(c *cluster.Cluster, k *ContainerAction) (sim.ObjectRef, string, error) {
	ref := sim.ObjectRef{Kind: "Pod", Namespace: namespace(k.Namespace), Name: k.Pod, FieldPath: "spec.containers{" + k.Container + "}"}
	code := int32(137)
	if k.ExitCode != nil {
		code = *k.ExitCode
	}
	what := fmt.Sprintf("container %s of pod %s exits with code %d", k.Container, k.Pod, code)
	rt, id, err := runningContainer(c, ref.Namespace, k.Pod, k.Container)
	if err != nil {
		return ref, what, err
	}
	return ref, what, rt.Crash(id, int(code))
}

func useMemory(c *cluster.Cluster, u *UseMemoryAction) (sim.ObjectRef, string, error) {
	ref := sim.ObjectRef{Kind: "Pod", Namespace: namespace(u.Namespace), Name: u.Pod, FieldPath: "spec.containers{" + u.Container + "}"}
	what := fmt.Sprintf("container %s of pod %s uses %s of memory", u.Container, u.Pod, u.Bytes.String())
	rt, id, err := runningContainer(c, ref.Namespace, u.Pod, u.Container)
	if err != nil {
		return ref, what, err
	}
	return ref, what, rt.UseMemory(id, u.Bytes.Value())
}

func storeFault(c *cluster.Cluster, st *StoreAction) (sim.ObjectRef, string, error) {
	ref := sim.ObjectRef{Kind: "Node", Name: st.Name}
	what := st.Fault + " store " + st.Name
	switch st.Fault {
	case PowerOff:
		return ref, what, c.PowerOff(st.Name)
	case PowerOn:
		return ref, what, c.PowerOn(st.Name)
	case CutOff:
		return ref, what, c.CutOff(st.Name)
	case Cordon, Uncordon:
		return ref, what, c.Cordon(st.Name, st.Fault == Cordon)
	case Open:
		return ref, what, c.AddStore(cluster.StoreConfig{Name: st.Name})
	}
	return ref, what, c.Reconnect(st.Name)
}

// drainStore drains a store as `kubectl drain` does; the drain goes on
// after the action, retrying evictions its budgets refuse.
func drainStore(c *cluster.Cluster, d *DrainAction) (sim.ObjectRef, string, error) {
	ref := sim.ObjectRef{Kind: "Node", Name: d.Store}
	what := "store " + d.Store
	if d.IgnoreDaemonSets {
		what += " --ignore-daemonsets"
	}
	if d.DeleteEmptyDirData {
		what += " --delete-emptydir-data"
	}
	if d.Force {
		what += " --force"
	}
	return ref, what, c.Drain(d.Store, cluster.DrainOptions{
		IgnoreDaemonSets: d.IgnoreDaemonSets, DeleteEmptyDirData: d.DeleteEmptyDirData, Force: d.Force,
		GracePeriodSeconds: d.GracePeriodSeconds, Timeout: d.Timeout.D(),
	})
}

func sendCustomers(r *Result, cs *CustomersAction) (sim.ObjectRef, string, error) {
	ref := sim.ObjectRef{Kind: "Service", Namespace: namespace(cs.Namespace), Name: cs.Service}
	what := fmt.Sprintf("%g customers a second to service %s for %s", cs.Rate, cs.Service, cs.For)
	t, err := r.Cluster.SendCustomers(cluster.Customers{
		Service: cs.Service, Namespace: ref.Namespace, Port: cs.Port, Path: cs.Path, Rate: cs.Rate,
		For: cs.For.D(), FromPod: cs.FromPod, Store: cs.Store, NodePort: cs.NodePort, Clients: cs.Clients,
	})
	if err == nil {
		r.Traffic = append(r.Traffic, t)
	}
	return ref, what, err
}
