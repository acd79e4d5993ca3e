package simtest

import (
	"fmt"
	"slices"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/controller"
	"github.com/nodenucleus/nucleus/manifest"
	"github.com/nodenucleus/nucleus/proxy"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/sim"
)

// runner runs a scenario one event at a time, as scenario.Run does, so
// that the invariants can be checked between events. It makes the same
// records in the same order: the transcript of a day that scenario.Run
// can also run is the same under both (runner_test.go holds them to it).
//
// It departs from scenario.Run in one way: applying a Deployment that
// exists updates it, as `kubectl apply` does (and starts a rollout),
// where cluster.Apply refuses it as AlreadyExists. Expectations are not
// checked: a random day has none.
type runner struct {
	s       *scenario.Scenario
	c       *cluster.Cluster
	traffic []*cluster.Traffic
	failed  int // actions that failed
	dec     *manifest.Decoder
}

// newRunner builds the chain the scenario describes and applies its
// objects at time zero.
func newRunner(s *scenario.Scenario) (*runner, error) {
	catalog := runtime.NewCatalog()
	for i, im := range s.Spec.Images {
		if err := catalog.Register(im.Repository, im.Size, im.Behaviour.Runtime()); err != nil {
			return nil, fmt.Errorf("spec.images[%d]: %w", i, err)
		}
	}
	cfg := cluster.Config{Seed: s.Seed(), Catalog: catalog, WatchDelay: s.Spec.WatchDelay.D()}
	if p := s.Spec.Proxy; p != nil {
		cfg.Proxy = proxy.Config{Mode: proxy.Mode(p.Mode), Scheduler: proxy.IPVSScheduler(p.Scheduler)}
	}
	for _, st := range s.Spec.Stores {
		cfg.Stores = append(cfg.Stores, cluster.StoreConfig{
			Name: st.Name, Capacity: st.Capacity, Labels: st.Labels, Taints: st.Taints, Bandwidth: st.Bandwidth,
		})
	}
	c, err := cluster.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("spec: %w", err)
	}
	return &runner{s: s, c: c, dec: manifest.NewDecoder()}, nil
}

// start applies the objects and schedules the actions.
func (r *runner) start() error {
	for _, d := range r.s.Objects {
		if err := r.c.Apply(d.Object); err != nil {
			return &manifest.Error{File: d.File, Line: d.Line, Reason: err.Error()}
		}
	}
	order := make([]int, len(r.s.Spec.Actions))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return int64Compare(int64(r.s.Spec.Actions[a].At), int64(r.s.Spec.Actions[b].At))
	})
	for _, i := range order {
		r.c.Loop().At(sim.Time(r.s.Spec.Actions[i].At), func() { r.act(i) })
	}
	return nil
}

func int64Compare(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// act does action i now and records it, as scenario.Run does.
func (r *runner) act(i int) {
	a := r.s.Spec.Actions[i]
	verb := verbOf(a)
	obj, what, err := r.do(a)
	rec := sim.Record{Kind: sim.Change, Source: sim.Source{Component: "scenario"}, Object: obj,
		Reason: "ScenarioAction", Message: verb + ": " + what}
	if err != nil {
		rec.Kind, rec.Type, rec.Reason = sim.Event, sim.Warning, "ScenarioActionFailed"
		rec.Message = fmt.Sprintf("%s: %s failed: %v", verb, what, err)
		r.failed++
	}
	r.c.Loop().Record(rec)
}

// verbOf returns the verb an action sets, as spec.actions[i] names it.
func verbOf(a scenario.Action) string {
	switch {
	case a.Apply != nil:
		return "apply"
	case a.ApplyFile != "":
		return "applyFile"
	case a.Delete != nil:
		return "delete"
	case a.Scale != nil:
		return "scale"
	case a.KillContainer != nil:
		return "killContainer"
	case a.UseMemory != nil:
		return "useMemory"
	case a.Store != nil:
		return "store"
	}
	return "customers"
}

// do performs an action and returns the object it is about, a few words
// on what it does, and what went wrong.
func (r *runner) do(a scenario.Action) (sim.ObjectRef, string, error) {
	c := r.c
	switch {
	case a.Apply != nil:
		return r.apply(*a.Apply)
	case a.ApplyFile != "":
		return sim.ObjectRef{}, "objects", fmt.Errorf("applyFile is not supported by simtest")
	case a.Delete != nil:
		d := a.Delete
		ref := sim.ObjectRef{Kind: d.Kind, Namespace: namespace(d.Namespace), Name: d.Name}
		if d.Kind == "Service" {
			return ref, "service " + d.Name, c.DeleteService(ref.Namespace, d.Name)
		}
		return ref, "pod " + d.Name, c.DeletePod(ref.Namespace, d.Name, d.GracePeriodSeconds)
	case a.Scale != nil:
		ref := sim.ObjectRef{Kind: "Deployment", Namespace: namespace(a.Scale.Namespace), Name: a.Scale.Deployment}
		return ref, fmt.Sprintf("deployment %s to %d replicas", a.Scale.Deployment, a.Scale.Replicas),
			c.Scale(ref.Namespace, a.Scale.Deployment, a.Scale.Replicas)
	case a.KillContainer != nil:
		return killContainer(c, a.KillContainer)
	case a.UseMemory != nil:
		return useMemory(c, a.UseMemory)
	case a.Store != nil:
		return storeFault(c, a.Store)
	}
	return r.sendCustomers(a.Customers)
}

// apply applies the objects written inline in an action; a Deployment
// that exists is updated, as `kubectl apply` does.
func (r *runner) apply(raw []byte) (sim.ObjectRef, string, error) {
	var ref sim.ObjectRef
	docs, _, err := r.dec.Decode(r.s.File, raw)
	if err != nil {
		return ref, "objects", err
	}
	var names []string
	for _, d := range docs {
		ref = objectRef(d.Object)
		names = append(names, strings.ToLower(ref.Kind)+" "+ref.Name)
		if err := r.applyOne(d.Object, ref); err != nil {
			return ref, strings.Join(names, ", "), err
		}
	}
	return ref, strings.Join(names, ", "), nil
}

func (r *runner) applyOne(obj any, ref sim.ObjectRef) error {
	if d, ok := obj.(*appsv1.Deployment); ok {
		if _, err := r.c.API().Deployments.Get(ref.Namespace, d.Name); err == nil {
			d = d.DeepCopy()
			d.Namespace = ref.Namespace
			_, err := controller.UpdateDeployment(r.c.API(), d)
			return err
		}
	}
	return r.c.Apply(obj)
}

// objectRef names a decoded object.
func objectRef(obj any) sim.ObjectRef {
	switch o := obj.(type) {
	case *corev1.Pod:
		return sim.ObjectRef{Kind: "Pod", Namespace: namespace(o.Namespace), Name: o.Name}
	case *corev1.Service:
		return sim.ObjectRef{Kind: "Service", Namespace: namespace(o.Namespace), Name: o.Name}
	case *appsv1.Deployment:
		return sim.ObjectRef{Kind: "Deployment", Namespace: namespace(o.Namespace), Name: o.Name}
	case *appsv1.ReplicaSet:
		return sim.ObjectRef{Kind: "ReplicaSet", Namespace: namespace(o.Namespace), Name: o.Name}
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

func (r *runner) sendCustomers(cs *scenario.CustomersAction) (sim.ObjectRef, string, error) {
	ref := sim.ObjectRef{Kind: "Service", Namespace: namespace(cs.Namespace), Name: cs.Service}
	what := fmt.Sprintf("%g customers a second to service %s for %s", cs.Rate, cs.Service, cs.For)
	t, err := r.c.SendCustomers(cluster.Customers{
		Service: cs.Service, Namespace: ref.Namespace, Port: cs.Port, Path: cs.Path, Rate: cs.Rate,
		For: cs.For.D(), FromPod: cs.FromPod, Store: cs.Store, NodePort: cs.NodePort, Clients: cs.Clients,
	})
	if err == nil {
		r.traffic = append(r.traffic, t)
	}
	return ref, what, err
}
