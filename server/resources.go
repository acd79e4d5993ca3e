//lint:file-ignore SA1019 v1 Endpoints is served on purpose

package server

import (
	"slices"
	"strconv"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	policyv1 "k8s.io/api/policy/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/events"
	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/pod"
)

// resource is one kind the server serves, and how to read it from the
// ledger.
type resource struct {
	group, version, kind, plural, singular string
	shortNames                             []string
	categories                             []string
	namespaced                             bool
	// writable are the verbs beyond get, list and watch.
	writable     []string
	subresources []string
	// list returns the stored objects, sorted by namespace and name,
	// shared with the ledger: read-only.
	list func() []apiserver.Object
	// fields returns the fields a field selector may name, with values.
	fields func(o apiserver.Object) fields.Set
	// table returns the `kubectl get` table of objs at virtual time now.
	table func(objs []apiserver.Object, now time.Time) (kubectl.Table, []bool, error)
	// subscribe sends every later change to fn, as a loop event; nil for a
	// kind that cannot be watched.
	subscribe func(fn func(apiserver.EventType, apiserver.Object))
	// newObject returns an empty object of the kind.
	newObject func() apiserver.Object
	// listVersion, when set, is the resourceVersion of the kind's list, for a
	// kind not kept in the ledger (Events); nil means the ledger's.
	listVersion func() string
	// missing, when set, is the error of a get of an object that is not
	// listed; nil means NotFound of the resource.
	missing func(ns, name string) error
	// owners keeps the managedFields of the objects clients wrote.
	owners *fieldOwners
	// deprecated, when set, is the warning the API server sends with
	// every request for the resource (v1 Endpoints).
	deprecated string
}

// groupVersion returns "v1" or "apps/v1".
func (r *resource) groupVersion() string {
	if r.group == "" {
		return r.version
	}
	return r.group + "/" + r.version
}

// groupResource names the resource in errors: "pods", "deployments.apps".
func (r *resource) groupResource() schema.GroupResource {
	return schema.GroupResource{Group: r.group, Resource: r.plural}
}

// verbs returns the verbs discovery lists for the resource.
func (r *resource) verbs() []string {
	v := []string{"get", "list"}
	if r.subscribe != nil {
		v = append(v, "watch")
	}
	v = append(v, r.writable...)
	if slices.Contains(r.writable, "delete") {
		v = append(v, "deletecollection")
	}
	return v
}

// find returns the stored object ns/name.
func (r *resource) find(ns, name string) (apiserver.Object, error) {
	objs := r.list()
	i, ok := slices.BinarySearchFunc(objs, apiserver.Key{Namespace: ns, Name: name}, func(o apiserver.Object, k apiserver.Key) int {
		return compareKeys(apiserver.KeyOf(o), k)
	})
	if !ok {
		if r.missing != nil {
			return nil, r.missing(ns, name)
		}
		return nil, apierrors.NewNotFound(r.groupResource(), name)
	}
	return objs[i], nil
}

func compareKeys(a, b apiserver.Key) int {
	switch {
	case a.Namespace < b.Namespace:
		return -1
	case a.Namespace > b.Namespace:
		return 1
	case a.Name < b.Name:
		return -1
	case a.Name > b.Name:
		return 1
	}
	return 0
}

// storeResource fills in list, subscribe and newObject from a ledger
// store.
func storeResource[T apiserver.Object](r *resource, st *apiserver.Store[T], newObject func() T) *resource {
	r.list = func() []apiserver.Object {
		objs := st.ListShared()
		out := make([]apiserver.Object, len(objs))
		for i, o := range objs {
			out[i] = o
		}
		return out
	}
	r.subscribe = func(fn func(apiserver.EventType, apiserver.Object)) {
		st.WatchShared(0, false, func(ev apiserver.WatchEvent[T]) { fn(ev.Type, ev.Object) })
	}
	r.newObject = func() apiserver.Object { return newObject() }
	if r.fields == nil {
		r.fields = metaFields
	}
	return r
}

// metaFields are the fields every kind can be selected by.
func metaFields(o apiserver.Object) fields.Set {
	set := fields.Set{"metadata.name": o.GetName()}
	if o.GetNamespace() != "" {
		set["metadata.namespace"] = o.GetNamespace()
	}
	return set
}

// typed turns a table function over one type into one over Objects.
func typed[T apiserver.Object](f func([]T, time.Time) (kubectl.Table, error)) func([]apiserver.Object, time.Time) (kubectl.Table, []bool, error) {
	return func(objs []apiserver.Object, now time.Time) (kubectl.Table, []bool, error) {
		ts := make([]T, len(objs))
		for i, o := range objs {
			ts[i] = o.(T)
		}
		t, err := f(ts, now)
		return t, lastWide(len(t.Header), t.Wide), err
	}
}

// lastWide returns n flags, the last wide of them set.
func lastWide(n, wide int) []bool {
	out := make([]bool, n)
	for i := n - wide; i < n; i++ {
		out[i] = true
	}
	return out
}

// table returns every resource the server serves, in discovery order.
func (s *Server) table() []*resource {
	api := s.api
	pods := storeResource(&resource{
		version: "v1", kind: "Pod", plural: "pods", singular: "pod", namespaced: true,
		shortNames: []string{"po"}, categories: []string{"all"},
		writable:     []string{"create", "update", "patch", "delete"},
		subresources: []string{"status", "log", "eviction", "binding", "resize"},
		fields:       podFields,
		table: func(objs []apiserver.Object, now time.Time) (kubectl.Table, []bool, error) {
			t := kubectl.Table{Header: pod.TableHeader, Wide: 4}
			for _, o := range objs {
				t.Rows = append(t.Rows, pod.PrintRow(o.(*corev1.Pod), now).Cells())
			}
			return t, lastWide(len(t.Header), t.Wide), nil
		},
	}, api.Pods, func() *corev1.Pod { return &corev1.Pod{} })
	services := storeResource(&resource{
		version: "v1", kind: "Service", plural: "services", singular: "service", namespaced: true,
		shortNames: []string{"svc"}, categories: []string{"all"},
		writable: []string{"create", "update", "patch", "delete"}, subresources: []string{"status"},
		table: typed(kubectl.ServiceTable),
	}, api.Services, func() *corev1.Service { return &corev1.Service{} })
	nodes := storeResource(&resource{
		version: "v1", kind: "Node", plural: "nodes", singular: "node",
		shortNames: []string{"no"}, subresources: []string{"status"}, writable: []string{"update", "patch"},
		fields: func(o apiserver.Object) fields.Set {
			set := metaFields(o)
			set["spec.unschedulable"] = boolString(o.(*corev1.Node).Spec.Unschedulable)
			return set
		},
		table: typed(kubectl.NodeTable),
	}, api.Nodes, func() *corev1.Node { return &corev1.Node{} })
	slices := storeResource(&resource{
		group: "discovery.k8s.io", version: "v1", kind: "EndpointSlice", plural: "endpointslices", singular: "endpointslice",
		namespaced: true, writable: []string{"create", "update", "patch", "delete"},
		table: typed(kubectl.EndpointSliceTable),
	}, api.EndpointSlices, func() *discoveryv1.EndpointSlice { return &discoveryv1.EndpointSlice{} })
	eps := storeResource(&resource{
		version: "v1", kind: "Endpoints", plural: "endpoints", singular: "endpoints", namespaced: true,
		shortNames: []string{"ep"}, writable: []string{"create", "update", "patch", "delete"},
		table: typed(kubectl.EndpointsTable), deprecated: endpointsDeprecated,
	}, api.Endpoints, func() *corev1.Endpoints { return &corev1.Endpoints{} })
	leases := storeResource(&resource{
		group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases", singular: "lease",
		namespaced: true, table: typed(kubectl.LeaseTable),
	}, api.Leases, func() *coordinationv1.Lease { return &coordinationv1.Lease{} })
	deployments := storeResource(&resource{
		group: "apps", version: "v1", kind: "Deployment", plural: "deployments", singular: "deployment",
		namespaced: true, shortNames: []string{"deploy"}, categories: []string{"all"},
		writable:     []string{"create", "update", "patch", "delete"},
		subresources: []string{"status", "scale"},
		table:        typed(kubectl.DeploymentTable),
	}, api.Deployments, func() *appsv1.Deployment { return &appsv1.Deployment{} })
	replicasets := storeResource(&resource{
		group: "apps", version: "v1", kind: "ReplicaSet", plural: "replicasets", singular: "replicaset",
		namespaced: true, shortNames: []string{"rs"}, categories: []string{"all"},
		writable: []string{"create", "update", "patch", "delete"}, subresources: []string{"status"},
		table: typed(kubectl.ReplicaSetTable),
	}, api.ReplicaSets, func() *appsv1.ReplicaSet { return &appsv1.ReplicaSet{} })
	jobs := storeResource(&resource{
		group: "batch", version: "v1", kind: "Job", plural: "jobs", singular: "job",
		namespaced: true, categories: []string{"all"},
		writable: []string{"create", "update", "patch", "delete"}, subresources: []string{"status"},
		table: typed(kubectl.JobTable),
	}, api.Jobs, func() *batchv1.Job { return &batchv1.Job{} })
	cronJobs := storeResource(&resource{
		group: "batch", version: "v1", kind: "CronJob", plural: "cronjobs", singular: "cronjob",
		namespaced: true, shortNames: []string{"cj"}, categories: []string{"all"},
		writable: []string{"create", "update", "patch", "delete"}, subresources: []string{"status"},
		table: typed(kubectl.CronJobTable),
	}, api.CronJobs, func() *batchv1.CronJob { return &batchv1.CronJob{} })
	hpas := storeResource(&resource{
		group: "autoscaling", version: "v2", kind: "HorizontalPodAutoscaler", plural: "horizontalpodautoscalers",
		singular: "horizontalpodautoscaler", namespaced: true, shortNames: []string{"hpa"}, categories: []string{"all"},
		writable: []string{"create", "update", "patch", "delete"}, subresources: []string{"status"},
		table: typed(kubectl.HPATable),
	}, api.HPAs, func() *autoscalingv2.HorizontalPodAutoscaler { return &autoscalingv2.HorizontalPodAutoscaler{} })
	configMaps := storeResource(&resource{
		version: "v1", kind: "ConfigMap", plural: "configmaps", singular: "configmap",
		namespaced: true, shortNames: []string{"cm"}, writable: []string{"create", "update", "patch", "delete"},
		table: typed(kubectl.ConfigMapTable),
	}, api.ConfigMaps, func() *corev1.ConfigMap { return &corev1.ConfigMap{} })
	secrets := storeResource(&resource{
		version: "v1", kind: "Secret", plural: "secrets", singular: "secret",
		namespaced: true, writable: []string{"create", "update", "patch", "delete"},
		table: typed(kubectl.SecretTable),
	}, api.Secrets, func() *corev1.Secret { return &corev1.Secret{} })
	budgets := storeResource(&resource{
		group: "policy", version: "v1", kind: "PodDisruptionBudget", plural: "poddisruptionbudgets", singular: "poddisruptionbudget",
		namespaced: true, shortNames: []string{"pdb"}, writable: []string{"create", "update", "patch", "delete"},
		subresources: []string{"status"},
		table:        typed(kubectl.PodDisruptionBudgetTable),
	}, api.PodDisruptionBudgets, func() *policyv1.PodDisruptionBudget { return &policyv1.PodDisruptionBudget{} })
	out := []*resource{pods, services, nodes, s.namespaces(), eps, slices, leases, deployments, replicasets,
		s.replicationControllers(), jobs, cronJobs, configMaps, secrets, budgets, hpas}
	out = append(out, s.storageResources()...)
	out = append(out, s.metricsResources()...)
	if s.log != nil {
		out = append(out, s.eventResource())
	}
	return out
}

// endpointsDeprecated is the warning the API server sends with every
// request for v1 Endpoints, deprecated in Kubernetes v1.33.
// Reference: KEP-4974 (deprecate v1 Endpoints);
// staging/src/k8s.io/apiserver/pkg/endpoints/deprecation (WarningMessage).
const endpointsDeprecated = "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice"

// podFields are the fields a pod can be selected by.
// Reference: pkg/registry/core/pod/strategy.go ToSelectableFields.
func podFields(o apiserver.Object) fields.Set {
	p := o.(*corev1.Pod)
	set := metaFields(o)
	set["spec.nodeName"] = p.Spec.NodeName
	set["spec.restartPolicy"] = string(p.Spec.RestartPolicy)
	set["spec.schedulerName"] = p.Spec.SchedulerName
	set["spec.serviceAccountName"] = p.Spec.ServiceAccountName
	set["spec.hostNetwork"] = boolString(p.Spec.HostNetwork)
	set["status.phase"] = string(p.Status.Phase)
	set["status.podIP"] = p.Status.PodIP
	set["status.nominatedNodeName"] = p.Status.NominatedNodeName
	return set
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// namespaces serves the chain's namespaces from the ledger: the four
// every cluster starts with and those clients or manifests created. A
// delete turns one Terminating; the namespace controller empties it and
// then it goes.
func (s *Server) namespaces() *resource {
	return storeResource(&resource{
		version: "v1", kind: "Namespace", plural: "namespaces", singular: "namespace",
		shortNames: []string{"ns"}, writable: []string{"create", "update", "patch", "delete"},
		table: typed(kubectl.NamespaceTable),
	}, s.c.API().Namespaces, func() *corev1.Namespace { return &corev1.Namespace{} })
}

// eventResource serves the logbook's Events. They are read from the
// logbook on each list, and watched as the logbook stores them. The
// logbook keeps no versions: the server numbers the Events it stores, on
// a counter of their own (a resourceVersion is opaque to clients).
func (s *Server) eventResource() *resource {
	versions := map[string]uint64{} // Event name -> the version it was last stored at
	var last uint64
	stamp := func(ev *corev1.Event) {
		ev.APIVersion, ev.Kind = "v1", "Event"
		if ev.Namespace == "" {
			ev.Namespace = corev1.NamespaceDefault
		}
		ev.ResourceVersion = strconv.FormatUint(versions[ev.Name], 10)
	}
	return &resource{
		version: "v1", kind: "Event", plural: "events", singular: "event", namespaced: true, shortNames: []string{"ev"},
		list: func() []apiserver.Object {
			evs := s.log.Events()
			out := make([]apiserver.Object, len(evs))
			for i := range evs {
				ev := &evs[i]
				stamp(ev)
				out[i] = ev
			}
			slices.SortStableFunc(out, func(a, b apiserver.Object) int { return compareKeys(apiserver.KeyOf(a), apiserver.KeyOf(b)) })
			return out
		},
		fields: func(o apiserver.Object) fields.Set {
			ev := o.(*corev1.Event)
			set := metaFields(o)
			io := ev.InvolvedObject
			set["involvedObject.kind"] = io.Kind
			set["involvedObject.namespace"] = io.Namespace
			set["involvedObject.name"] = io.Name
			set["involvedObject.uid"] = string(io.UID)
			set["involvedObject.apiVersion"] = io.APIVersion
			set["involvedObject.resourceVersion"] = io.ResourceVersion
			set["involvedObject.fieldPath"] = io.FieldPath
			set["reason"] = ev.Reason
			set["reportingComponent"] = ev.ReportingController
			set["source"] = ev.Source.Component
			set["type"] = ev.Type
			return set
		},
		table: func(objs []apiserver.Object, now time.Time) (kubectl.Table, []bool, error) {
			t := kubectl.Table{Header: events.WideHeader}
			for _, o := range objs {
				t.Rows = append(t.Rows, events.WideRow(o.(*corev1.Event), now))
			}
			return t, events.WideOnly, nil
		},
		newObject:   func() apiserver.Object { return &corev1.Event{} },
		listVersion: func() string { return strconv.FormatUint(last, 10) },
		subscribe: func(fn func(apiserver.EventType, apiserver.Object)) {
			s.log.Notify(func(ev corev1.Event, created bool) {
				last++
				versions[ev.Name] = last
				stamp(&ev)
				t := apiserver.Modified
				if created {
					t = apiserver.Added
				}
				fn(t, &ev)
			})
		},
	}
}

// gvk returns the resource's group, version and kind.
func (r *resource) gvk() schema.GroupVersionKind {
	return schema.GroupVersionKind{Group: r.group, Version: r.version, Kind: r.kind}
}
