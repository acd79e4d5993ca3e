package view

import (
	"cmp"
	"io"
	"slices"
	"strings"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	policyv1 "k8s.io/api/policy/v1"
	storagev1 "k8s.io/api/storage/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/events"
	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/pod"
)

// Types returns the types `get` knows, in the order its help
// lists them.
func Types() []Type {
	return append([]Type{
		{"pods", []string{"pod", "po"}, func(w Source, sc Scope) Listing {
			return ShowPods(InScope(w.Cluster.Pods(), sc), w.Now())
		}},
		{"services", []string{"service", "svc"}, func(w Source, sc Scope) Listing {
			return showServices(InScope(w.Cluster.Services(), sc), w.Now())
		}},
		{"endpointslices", []string{"endpointslice"}, func(w Source, sc Scope) Listing {
			return showEndpointSlices(InScope(w.Cluster.EndpointSlices(), sc), w.Now())
		}},
		{"nodes", []string{"node", "no"}, func(w Source, _ Scope) Listing {
			return showNodes(w.Cluster.API().Nodes.List(), w.Now())
		}},
		{"deployments", []string{"deployment", "deploy"}, func(w Source, sc Scope) Listing {
			return ShowDeployments(InScope(w.Cluster.API().Deployments.List(), sc), w.Now())
		}},
		{"replicasets", []string{"replicaset", "rs"}, func(w Source, sc Scope) Listing {
			return showReplicaSets(InScope(w.Cluster.API().ReplicaSets.List(), sc), w.Now())
		}},
		replicationControllerResource(),
		{"jobs", []string{"job"}, func(w Source, sc Scope) Listing {
			return showJobs(InScope(w.Cluster.API().Jobs.List(), sc), w.Now())
		}},
		{"cronjobs", []string{"cronjob", "cj"}, func(w Source, sc Scope) Listing {
			return showCronJobs(InScope(w.Cluster.API().CronJobs.List(), sc), w.Now())
		}},
		{"horizontalpodautoscalers", []string{"horizontalpodautoscaler", "hpa"}, func(w Source, sc Scope) Listing {
			return ShowHPAs(InScope(w.Cluster.API().HPAs.List(), sc), w.Now())
		}},
		{"events", []string{"event", "ev"}, func(w Source, sc Scope) Listing {
			return ShowEvents(eventsInScope(w.Log, sc), w.Now())
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

// ShowPods returns pods as `kubectl get pods` shows them at now.
func ShowPods(pods []*corev1.Pod, now time.Time) Listing {
	return Listing{APIVersion: "v1", Kind: "Pod", Namespaced: true, Items: objects(pods),
		Table: func(w io.Writer, wide, _ bool) error { return pod.PrintTable(w, pods, now, wide) }}
}

// showServices returns svcs as `kubectl get services` shows them at now.
func showServices(svcs []*corev1.Service, now time.Time) Listing {
	return Listing{APIVersion: "v1", Kind: "Service", Namespaced: true, Items: objects(svcs),
		Table: func(w io.Writer, wide, _ bool) error { return kubectl.PrintServices(w, svcs, now, wide) }}
}

// showEndpointSlices returns slices as `kubectl get endpointslices` shows
// them at now; -o wide adds no column to this table.
func showEndpointSlices(slices []*discoveryv1.EndpointSlice, now time.Time) Listing {
	return Listing{APIVersion: "discovery.k8s.io/v1", Kind: "EndpointSlice", Namespaced: true, Items: objects(slices),
		Table: func(w io.Writer, _, _ bool) error { return kubectl.PrintEndpointSlices(w, slices, now) }}
}

// showNodes returns nodes as `kubectl get nodes` shows them at now.
func showNodes(nodes []*corev1.Node, now time.Time) Listing {
	return Listing{APIVersion: "v1", Kind: "Node", Items: objects(nodes),
		Table: func(w io.Writer, wide, _ bool) error { return kubectl.PrintNodes(w, nodes, now, wide) }}
}

// ShowDeployments returns ds as `kubectl get deployments` shows them at now.
func ShowDeployments(ds []*appsv1.Deployment, now time.Time) Listing {
	return Listing{APIVersion: "apps/v1", Kind: "Deployment", Namespaced: true, Items: objects(ds),
		Table: func(w io.Writer, wide, _ bool) error { return kubectl.PrintDeployments(w, ds, now, wide) }}
}

// showReplicaSets returns rss as `kubectl get replicasets` shows them at now.
func showReplicaSets(rss []*appsv1.ReplicaSet, now time.Time) Listing {
	return Listing{APIVersion: "apps/v1", Kind: "ReplicaSet", Namespaced: true, Items: objects(rss),
		Table: func(w io.Writer, wide, _ bool) error { return kubectl.PrintReplicaSets(w, rss, now, wide) }}
}

// showJobs returns jobs as `kubectl get jobs` shows them at now.
func showJobs(jobs []*batchv1.Job, now time.Time) Listing {
	return Listing{APIVersion: "batch/v1", Kind: "Job", Namespaced: true, Items: objects(jobs),
		Table: func(w io.Writer, wide, _ bool) error { return kubectl.PrintJobs(w, jobs, now, wide) }}
}

// showCronJobs returns cjs as `kubectl get cronjobs` shows them at now.
func showCronJobs(cjs []*batchv1.CronJob, now time.Time) Listing {
	return Listing{APIVersion: "batch/v1", Kind: "CronJob", Namespaced: true, Items: objects(cjs),
		Table: func(w io.Writer, wide, _ bool) error { return kubectl.PrintCronJobs(w, cjs, now, wide) }}
}

// ShowEvents returns evs as `kubectl get events` shows them at now. The
// table sorts them by lastTimestamp (package events); -o json and -o yaml
// list them as the API server does, by namespace and name.
func ShowEvents(evs []corev1.Event, now time.Time) Listing {
	listed := make([]*corev1.Event, len(evs))
	for i := range evs {
		listed[i] = &evs[i]
	}
	slices.SortStableFunc(listed, func(a, b *corev1.Event) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	return Listing{APIVersion: "v1", Kind: "Event", Namespaced: true, Items: objects(listed), OwnNamespaceColumn: true,
		Table: func(w io.Writer, wide, all bool) error {
			if wide {
				return events.PrintWideTable(w, evs, now, all)
			}
			return events.PrintTable(w, evs, now, all)
		}}
}

// eventsInScope returns the logbook's Events whose own namespace is in sc
// (Events about a Node live in "default", as on a real cluster).
func eventsInScope(log *events.Log, sc Scope) []corev1.Event {
	var out []corev1.Event
	for _, e := range log.Events() {
		if sc.Holds(e.Namespace) {
			out = append(out, e)
		}
	}
	return out
}

// configResources are the ConfigMaps and Secrets `nucleus get` shows.
func configResources() []Type {
	return []Type{
		{"configmaps", []string{"configmap", "cm"}, func(w Source, sc Scope) Listing {
			return showConfigMaps(InScope(w.Cluster.API().ConfigMaps.List(), sc), w.Now())
		}},
		{"secrets", []string{"secret"}, func(w Source, sc Scope) Listing {
			return showSecrets(InScope(w.Cluster.API().Secrets.List(), sc), w.Now())
		}},
	}
}

// showConfigMaps returns cms as `kubectl get configmaps` shows them at now.
func showConfigMaps(cms []*corev1.ConfigMap, now time.Time) Listing {
	return Listing{APIVersion: "v1", Kind: "ConfigMap", Namespaced: true, Items: objects(cms),
		Table: func(w io.Writer, _, _ bool) error { return kubectl.PrintConfigMaps(w, cms, now) }}
}

// showSecrets returns ss as `kubectl get secrets` shows them at now; -o
// yaml shows data base64-encoded, as kubectl does.
func showSecrets(ss []*corev1.Secret, now time.Time) Listing {
	return Listing{APIVersion: "v1", Kind: "Secret", Namespaced: true, Items: objects(ss),
		Table: func(w io.Writer, _, _ bool) error { return kubectl.PrintSecrets(w, ss, now) }}
}

// storageResources are the StatefulSets, DaemonSets, claims, volumes and classes
// `nucleus get` shows.
func storageResources() []Type {
	return []Type{
		{"statefulsets", []string{"statefulset", "sts"}, func(w Source, sc Scope) Listing {
			return showStatefulSets(InScope(w.Cluster.StatefulSets(), sc), w.Now())
		}},
		{"daemonsets", []string{"daemonset", "ds"}, func(w Source, sc Scope) Listing {
			d := InScope(w.Cluster.DaemonSets(), sc)
			return Listing{APIVersion: "apps/v1", Kind: "DaemonSet", Namespaced: true, Items: objects(d),
				Table: func(out io.Writer, wide, _ bool) error { return kubectl.PrintDaemonSets(out, d, w.Now(), wide) }}
		}},
		{"persistentvolumeclaims", []string{"persistentvolumeclaim", "pvc"}, func(w Source, sc Scope) Listing {
			return showClaims(InScope(w.Cluster.Claims(), sc), w.Now())
		}},
		{"persistentvolumes", []string{"persistentvolume", "pv"}, func(w Source, _ Scope) Listing {
			return showVolumes(w.Cluster.Volumes(), w.Now())
		}},
		{"storageclasses", []string{"storageclass", "sc"}, func(w Source, _ Scope) Listing {
			return showStorageClasses(w.Cluster.StorageClasses(), w.Now())
		}},
	}
}

// showStatefulSets returns sets as `kubectl get statefulsets` shows them
// at now.
func showStatefulSets(sets []*appsv1.StatefulSet, now time.Time) Listing {
	return Listing{APIVersion: "apps/v1", Kind: "StatefulSet", Namespaced: true, Items: objects(sets),
		Table: func(w io.Writer, wide, _ bool) error { return kubectl.PrintStatefulSets(w, sets, now, wide) }}
}

// showClaims returns claims as `kubectl get pvc` shows them at now.
func showClaims(claims []*corev1.PersistentVolumeClaim, now time.Time) Listing {
	return Listing{APIVersion: "v1", Kind: "PersistentVolumeClaim", Namespaced: true, Items: objects(claims),
		Table: func(w io.Writer, wide, _ bool) error { return kubectl.PrintClaims(w, claims, now, wide) }}
}

// showVolumes returns volumes as `kubectl get pv` shows them at now.
func showVolumes(volumes []*corev1.PersistentVolume, now time.Time) Listing {
	return Listing{APIVersion: "v1", Kind: "PersistentVolume", Items: objects(volumes),
		Table: func(w io.Writer, wide, _ bool) error { return kubectl.PrintVolumes(w, volumes, now, wide) }}
}

// showStorageClasses returns classes as `kubectl get storageclass` shows
// them at now.
func showStorageClasses(classes []*storagev1.StorageClass, now time.Time) Listing {
	return Listing{APIVersion: "storage.k8s.io/v1", Kind: "StorageClass", Items: objects(classes),
		Table: func(w io.Writer, _, _ bool) error { return kubectl.PrintStorageClasses(w, classes, now) }}
}

// budgetResources are the disruption budgets `get` knows.
func budgetResources() []Type {
	return []Type{
		{"poddisruptionbudgets", []string{"poddisruptionbudget", "pdb"}, func(w Source, sc Scope) Listing {
			return showBudgets(InScope(w.Cluster.API().PodDisruptionBudgets.List(), sc), w.Now())
		}},
	}
}

// showBudgets returns budgets as `kubectl get pdb` shows them at now.
func showBudgets(budgets []*policyv1.PodDisruptionBudget, now time.Time) Listing {
	return Listing{APIVersion: "policy/v1", Kind: "PodDisruptionBudget", Namespaced: true, Items: objects(budgets),
		Table: func(w io.Writer, _, _ bool) error { return kubectl.PrintPodDisruptionBudgets(w, budgets, now) }}
}

// replicationControllerResource is `nucleus get replicationcontrollers`.
func replicationControllerResource() Type {
	return Type{"replicationcontrollers", []string{"replicationcontroller", "rc"}, func(w Source, sc Scope) Listing {
		rcs := InScope(w.Cluster.ReplicationControllers(), sc)
		return Listing{APIVersion: "v1", Kind: "ReplicationController", Namespaced: true, Items: objects(rcs),
			Table: func(out io.Writer, wide, _ bool) error {
				return kubectl.PrintReplicationControllers(out, rcs, w.Now(), wide)
			}}
	}}
}

// namespaceResource is the namespaces `nucleus get` shows: the four every
// cluster starts with and those the manifests create (cluster-scoped, so
// -n and -A change nothing).
func namespaceResource() Type {
	return Type{"namespaces", []string{"namespace", "ns"}, func(w Source, _ Scope) Listing {
		return showNamespaces(w.Cluster.Namespaces(), w.Now())
	}}
}

// showNamespaces returns nss as `kubectl get namespaces` shows them at now.
func showNamespaces(nss []*corev1.Namespace, now time.Time) Listing {
	return Listing{APIVersion: "v1", Kind: "Namespace", Items: objects(nss),
		Table: func(w io.Writer, _, _ bool) error { return kubectl.PrintNamespaces(w, nss, now) }}
}

// ShowHPAs returns hpas as `kubectl get hpa` shows them at now.
func ShowHPAs(hpas []*autoscalingv2.HorizontalPodAutoscaler, now time.Time) Listing {
	return Listing{APIVersion: "autoscaling/v2", Kind: "HorizontalPodAutoscaler", Namespaced: true, Items: objects(hpas),
		Table: func(w io.Writer, _, _ bool) error { return kubectl.PrintHPAs(w, hpas, now) }}
}

// Type is one type `get` shows, under kubectl's names for it.
type Type struct {
	// Name is the plural kubectl prints in usage ("pods"); Aliases are the
	// singular and short names kubectl also takes ("pod", "po").
	Name    string
	Aliases []string
	// Show returns the objects of this type in sc.
	Show func(src Source, sc Scope) Listing
}

// AllCategory is kubectl's "all" category: the kinds `kubectl get all`
// lists, in the order discovery gives them (the core group, then apps,
// autoscaling and batch).
// Reference: the categories field of each resource in the API server's
// discovery (pkg/registry/*/storage: CategoriesProvider returns "all"),
// which kubectl expands through k8s.io/client-go/restmapper
// category_expansion.go.
var AllCategory = []string{
	"pods", "replicationcontrollers", "services", "daemonsets", "deployments", "replicasets",
	"statefulsets", "horizontalpodautoscalers", "cronjobs", "jobs",
}

// TypesNamed returns the types a `get` TYPE argument names: one or more
// kubectl names separated by commas ("pods,pvc"), each of them a type's
// plural, singular or short name (in any case), or "all". unknown is the
// first word that names no type.
func TypesNamed(arg string) (out []Type, unknown string) {
	byName := map[string]Type{}
	for _, r := range Types() {
		byName[r.Name] = r
		for _, a := range r.Aliases {
			byName[a] = r
		}
	}
	seen := map[string]bool{}
	add := func(r Type) {
		if !seen[r.Name] {
			seen[r.Name] = true
			out = append(out, r)
		}
	}
	for _, word := range strings.Split(arg, ",") {
		if word == "all" {
			for _, n := range AllCategory {
				add(byName[n])
			}
			continue
		}
		r, found := byName[strings.ToLower(word)]
		if !found {
			return nil, word
		}
		add(r)
	}
	return out, ""
}

// TypeNames returns the plural names of the types `get` knows.
func TypeNames() []string {
	var names []string
	for _, r := range Types() {
		names = append(names, r.Name)
	}
	return names
}
