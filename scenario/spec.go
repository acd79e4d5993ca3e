package scenario

import (
	"encoding/json"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/manifest"
)

// APIVersion and Kind name the Scenario document.
const (
	APIVersion = "nucleus.dev/v1alpha1"
	Kind       = "Scenario"
	// TeachesAnnotation holds one sentence on what the scenario teaches.
	TeachesAnnotation = "nucleus.dev/teaches"
)

// Scenario is a situation a teacher writes once: the Kubernetes objects
// applied at time zero, and the Scenario document with the chain to build,
// the timed actions and the expectations. Its JSON tags are the schema of
// the Scenario document, decoded strictly like any Kubernetes object.
type Scenario struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              Spec `json:"spec"`

	// File is the file the Scenario document came from ("" when the
	// files held none and the defaults apply).
	File string `json:"-"`
	// Objects are the ordinary Kubernetes objects of every file, in file
	// order, applied at time zero.
	Objects []manifest.Document `json:"-"`
	// Warnings name the real Kubernetes fields the objects set that
	// nucleus does not simulate.
	Warnings []manifest.Warning `json:"-"`

	doc   manifest.Document     // the Scenario document, which knows each field's line
	apply [][]manifest.Document // per action: the objects it applies
}

// line returns the file line of the Scenario document's field at path; 0
// for the defaults, which come from no file.
func (s *Scenario) line(path string) int {
	return s.doc.FieldLine(path)
}

// Spec is the chain to build and what happens in it.
type Spec struct {
	// Seed seeds every random stream of the run; nil means 1.
	Seed *uint64 `json:"seed,omitempty"`
	// Duration is how long the run lasts, at most 24h.
	Duration Duration `json:"duration"`
	// Stores are the chain's stores; empty means one store, "store-1". An
	// entry with a count stands for that many alike stores (see
	// StoreSpec.Count).
	Stores []StoreSpec `json:"stores,omitempty"`
	// Proxy configures every store's kube-proxy.
	Proxy *ProxySpec `json:"proxy,omitempty"`
	// WatchDelay is how long head office's changes take to reach the desks.
	WatchDelay Duration `json:"watchDelay,omitempty"`
	// Images are extra images with a scripted behaviour.
	Images []ImageSpec `json:"images,omitempty"`
	// Actions happen at their instants, in order of At.
	Actions []Action `json:"actions,omitempty"`
	// Expect are the checks made at their instants.
	Expect []Expectation `json:"expect,omitempty"`
}

// StoreSpec describes one store (node) of the chain, or, with a count,
// that many alike stores.
type StoreSpec struct {
	Name string `json:"name"`
	// Count, when set, opens Count alike stores named Name-1, Name-2, ...
	// Name-Count (store-1 to store-5000 for name "store" and count 5000),
	// as a cloud's node group or KWOK's `kwokctl scale node --replicas`
	// does; 0 means one store named Name.
	Count     int32               `json:"count,omitempty"`
	Capacity  corev1.ResourceList `json:"capacity,omitempty"`
	Labels    map[string]string   `json:"labels,omitempty"`
	Taints    []corev1.Taint      `json:"taints,omitempty"`
	Bandwidth int64               `json:"bandwidth,omitempty"`
}

// ProxySpec chooses kube-proxy's mode and, in ipvs mode, its scheduler.
type ProxySpec struct {
	Mode      string `json:"mode,omitempty"`
	Scheduler string `json:"scheduler,omitempty"`
}

// ImageSpec is a scripted image: any tag of Repository runs Behaviour.
type ImageSpec struct {
	Repository string    `json:"repository"`
	Size       int64     `json:"size,omitempty"`
	Behaviour  Behaviour `json:"behaviour"`
}

// Action is one thing that happens at an instant. Exactly one verb is set.
type Action struct {
	At        Duration         `json:"at"`
	Apply     *json.RawMessage `json:"apply,omitempty"`
	ApplyFile string           `json:"applyFile,omitempty"`
	// Update replaces the labels, annotations and spec of an object that
	// exists with the given object's, as `kubectl edit`, `label`,
	// `annotate`, `set image` and `patch` do; the API server's update
	// rules say what may change (a pod's images, not its ports).
	Update *json.RawMessage `json:"update,omitempty"`
	// Resize writes a pod inline to the resize subresource of the pod of
	// that name, as `kubectl patch pod --subresource resize` does: its
	// containers' cpu and memory requests and limits change in place.
	Resize *json.RawMessage `json:"resize,omitempty"`
	Delete *DeleteAction    `json:"delete,omitempty"`
	// Bind assigns a pod to a store, as a scheduler of one's own does
	// (POST of the pod's binding).
	Bind          *BindAction      `json:"bind,omitempty"`
	Scale         *ScaleAction     `json:"scale,omitempty"`
	KillContainer *ContainerAction `json:"killContainer,omitempty"`
	UseMemory     *UseMemoryAction `json:"useMemory,omitempty"`
	Store         *StoreAction     `json:"store,omitempty"`
	Customers     *CustomersAction `json:"customers,omitempty"`
	// Evict asks head office to evict a pod (a POST of its eviction
	// subresource), which honours the pod's disruption budget.
	Evict *EvictAction `json:"evict,omitempty"`
	// Drain cordons a store and evicts its pods, as `kubectl drain` does.
	Drain *DrainAction `json:"drain,omitempty"`
}

// EvictAction evicts a pod through the eviction API.
type EvictAction struct {
	Pod                string `json:"pod"`
	Namespace          string `json:"namespace,omitempty"`
	GracePeriodSeconds *int64 `json:"gracePeriodSeconds,omitempty"`
}

// DrainAction drains a store, with the flags of `kubectl drain`.
type DrainAction struct {
	Store              string   `json:"store"`
	IgnoreDaemonSets   bool     `json:"ignoreDaemonSets,omitempty"`
	DeleteEmptyDirData bool     `json:"deleteEmptyDirData,omitempty"`
	Force              bool     `json:"force,omitempty"`
	GracePeriodSeconds *int64   `json:"gracePeriodSeconds,omitempty"`
	Timeout            Duration `json:"timeout,omitempty"`
}

// DeleteAction deletes a Pod, a Service, a Deployment, a ReplicaSet, a
// ReplicationController, a Job, a CronJob, a StatefulSet, a DaemonSet, a
// PersistentVolumeClaim, a PodDisruptionBudget, a HorizontalPodAutoscaler,
// a Namespace, a ConfigMap, a Secret, a PersistentVolume or a StorageClass,
// as `kubectl delete` does (a Deployment's ReplicaSets and
// pods go after it).
type DeleteAction struct {
	Kind               string `json:"kind"`
	Name               string `json:"name"`
	Namespace          string `json:"namespace,omitempty"`
	GracePeriodSeconds *int64 `json:"gracePeriodSeconds,omitempty"`
}

// BindAction assigns a pod that has no store yet to Store.
type BindAction struct {
	Pod       string `json:"pod"`
	Namespace string `json:"namespace,omitempty"`
	Store     string `json:"store"`
}

// ScaleAction sets the replicas of a Deployment, a StatefulSet or a
// ReplicationController (one of the three names), as `kubectl scale` does.
type ScaleAction struct {
	Deployment            string `json:"deployment,omitempty"`
	StatefulSet           string `json:"statefulSet,omitempty"`
	ReplicationController string `json:"replicationController,omitempty"`
	Namespace             string `json:"namespace,omitempty"`
	Replicas              int32  `json:"replicas"`
}

// target returns the kind and name of what the action scales.
func (a *ScaleAction) target() (kind, name string) {
	switch {
	case a.StatefulSet != "":
		return "StatefulSet", a.StatefulSet
	case a.ReplicationController != "":
		return "ReplicationController", a.ReplicationController
	}
	return "Deployment", a.Deployment
}

// names returns how many of the three names are set.
func (a *ScaleAction) names() int {
	n := 0
	for _, s := range []string{a.Deployment, a.StatefulSet, a.ReplicationController} {
		if s != "" {
			n++
		}
	}
	return n
}

// ContainerAction makes a running container's process exit with ExitCode
// (nil means 137, as after `kill -9`).
type ContainerAction struct {
	Pod       string `json:"pod"`
	Namespace string `json:"namespace,omitempty"`
	Container string `json:"container"`
	ExitCode  *int32 `json:"exitCode,omitempty"`
}

// UseMemoryAction sets a running container's memory use.
type UseMemoryAction struct {
	Pod       string            `json:"pod"`
	Namespace string            `json:"namespace,omitempty"`
	Container string            `json:"container"`
	Bytes     resource.Quantity `json:"bytes"`
}

// StoreAction injects a fault into a store, or opens a new one.
type StoreAction struct {
	Name  string `json:"name"`
	Fault string `json:"fault"`
}

// The store faults a StoreAction names.
const (
	PowerOff  = "powerOff"
	PowerOn   = "powerOn"
	CutOff    = "cutOff"
	Reconnect = "reconnect"
	// Cordon and Uncordon close a store to new pods and open it again, as
	// `kubectl cordon` and `kubectl uncordon` do.
	Cordon   = "cordon"
	Uncordon = "uncordon"
	// Open adds a new store, with no labels or taints, to the running
	// chain, as a new node joins a cluster.
	Open = "open"
)

// CustomersAction starts a stream of customers to a Service.
type CustomersAction struct {
	Service   string   `json:"service"`
	Namespace string   `json:"namespace,omitempty"`
	Port      int32    `json:"port,omitempty"`
	Path      string   `json:"path,omitempty"`
	Rate      float64  `json:"rate"`
	For       Duration `json:"for"`
	FromPod   string   `json:"fromPod,omitempty"`
	Store     string   `json:"store,omitempty"`
	NodePort  bool     `json:"nodePort,omitempty"`
	Clients   int      `json:"clients,omitempty"`
}

// Expectation is a check at an instant, on a pod, a Service's customers,
// a store, a Job, a Deployment, a disruption budget, an autoscaler, a
// DaemonSet, a ReplicationController, a StatefulSet or a CronJob. Exactly
// one of Pod, Customers, Store, Job, Deployment, Budget, Autoscaler,
// DaemonSet, ReplicationController, StatefulSet and CronJob is set.
type Expectation struct {
	At Duration `json:"at"`
	// Pod names the pod the fields below are about.
	Pod       string `json:"pod,omitempty"`
	Namespace string `json:"namespace,omitempty"`
	Phase     string `json:"phase,omitempty"`
	Ready     *bool  `json:"ready,omitempty"`
	Restarts  *Range `json:"restarts,omitempty"`
	// Status is the STATUS column of `kubectl get pods`.
	Status    string           `json:"status,omitempty"`
	Customers *CustomersExpect `json:"customers,omitempty"`
	Store     *StoreExpect     `json:"store,omitempty"`
	// Image is an image the pod's containers must run: "nginx:1.27".
	Image string `json:"image,omitempty"`
	// Liveness, "passing", requires every container of the pod to have a
	// liveness probe whose latest attempt answered success.
	Liveness string `json:"liveness,omitempty"`
	// MemoryLimit bounds limits.memory of each of the pod's regular
	// containers; a container without a memory limit fails it.
	MemoryLimit *QuantityRange `json:"memoryLimit,omitempty"`
	// Event is a reason the pod must have had a record with by now
	// ("Scheduled": head office's scheduler placed it, rather than a
	// nodeName written into the manifest).
	Event string `json:"event,omitempty"`
	// Hint is printed under each of this expectation's failures: a word
	// for the student who tried a common wrong answer.
	Hint string `json:"hint,omitempty"`
	// Job checks a Job (see JobExpect).
	Job *JobExpect `json:"job,omitempty"`
	// Deployment checks a Deployment (see DeploymentExpect).
	Deployment *DeploymentExpect `json:"deployment,omitempty"`
	// Budget checks a PodDisruptionBudget (see BudgetExpect).
	Budget *BudgetExpect `json:"budget,omitempty"`
	// Autoscaler checks a HorizontalPodAutoscaler (see AutoscalerExpect).
	Autoscaler *AutoscalerExpect `json:"autoscaler,omitempty"`
	// DaemonSet checks a DaemonSet (see DaemonSetExpect).
	DaemonSet *DaemonSetExpect `json:"daemonSet,omitempty"`
	// ReplicationController checks a ReplicationController (see
	// ReplicationControllerExpect).
	ReplicationController *ReplicationControllerExpect `json:"replicationController,omitempty"`
	// StatefulSet checks a StatefulSet (see StatefulSetExpect).
	StatefulSet *StatefulSetExpect `json:"statefulSet,omitempty"`
	// CronJob checks a CronJob (see CronJobExpect).
	CronJob *CronJobExpect `json:"cronJob,omitempty"`
}

// DeploymentExpect checks a Deployment: how many pods it asks for
// (spec.replicas) and how many are ready (status.readyReplicas), the
// two sides of the READY column of `kubectl get deployments`.
type DeploymentExpect struct {
	Name      string `json:"name"`
	Namespace string `json:"namespace,omitempty"`
	Replicas  *Range `json:"replicas,omitempty"`
	Ready     *Range `json:"ready,omitempty"`
}

// BudgetExpect checks a PodDisruptionBudget's status: the ALLOWED
// DISRUPTIONS column of `kubectl get pdb` (status.disruptionsAllowed) and
// its healthy pods (status.currentHealthy).
type BudgetExpect struct {
	Name               string `json:"name"`
	Namespace          string `json:"namespace,omitempty"`
	DisruptionsAllowed *Range `json:"disruptionsAllowed,omitempty"`
	CurrentHealthy     *Range `json:"currentHealthy,omitempty"`
}

// QuantityRange bounds a resource quantity ("150M", "1Gi"); a nil bound
// does not bound.
type QuantityRange struct {
	AtLeast *resource.Quantity `json:"atLeast,omitempty"`
	AtMost  *resource.Quantity `json:"atMost,omitempty"`
}

// JobExpect checks a Job: the STATUS column of `kubectl get jobs`
// (Running, Complete, Failed, Suspended, ...) and how many of its pods
// succeeded and failed (status.succeeded, status.failed).
type JobExpect struct {
	Name      string `json:"name"`
	Namespace string `json:"namespace,omitempty"`
	Status    string `json:"status,omitempty"`
	Succeeded *Range `json:"succeeded,omitempty"`
	Failed    *Range `json:"failed,omitempty"`
}

// Range bounds a count; a nil bound does not bound.
type Range struct {
	AtLeast *int64 `json:"atLeast,omitempty"`
	AtMost  *int64 `json:"atMost,omitempty"`
}

// CustomersExpect bounds the customers sent to a Service so far, summed
// over every customers action for it.
type CustomersExpect struct {
	Service   string `json:"service"`
	Namespace string `json:"namespace,omitempty"`
	Served    *Range `json:"served,omitempty"`
	Failed    *Range `json:"failed,omitempty"`
	Refused   *Range `json:"refused,omitempty"`
	Dropped   *Range `json:"dropped,omitempty"`
}

// StoreExpect checks a condition of a store's Node.
type StoreExpect struct {
	Name      string `json:"name"`
	Condition string `json:"condition"`
	Status    string `json:"status"`
}
