package controller

import (
	"maps"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/pod"
)

// ReplicationManagerComponent is the Source.Component of the replication
// manager's records (the event source of pkg/controller/replication).
const ReplicationManagerComponent = "replication-controller"

// NewReplicationManager returns the replication manager: head office's
// old staffing order, the standing order for N employees that the chain
// kept from before its staffing plans had rollouts. It is the ReplicaSet
// controller run over ReplicationControllers, each seen as the ReplicaSet
// it converts to, as pkg/controller/replication does: its pods are owned
// by the ReplicationController (apiVersion v1), and its records and
// status are the ReplicationController's. It starts watching at once.
func NewReplicationManager(cfg Config) *ReplicaSetController {
	api := cfg.API
	c := newReplicaSetController(cfg, managedKind{
		apiVersion: "v1", kind: "ReplicationController", component: ReplicationManagerComponent,
		names: "controller/replication-names",
		get: func(ns, name string) (*appsv1.ReplicaSet, error) {
			rc, err := api.ReplicationControllers.Get(ns, name)
			if err != nil {
				return nil, err
			}
			return pod.ReplicaSetOf(rc), nil
		},
		list: func() []*appsv1.ReplicaSet {
			rcs := api.ReplicationControllers.ListShared()
			out := make([]*appsv1.ReplicaSet, len(rcs))
			for i, rc := range rcs {
				out[i] = pod.ReplicaSetOf(rc)
			}
			return out
		},
		updateStatus: func(rs *appsv1.ReplicaSet) (*appsv1.ReplicaSet, error) {
			rc, err := api.ReplicationControllers.Get(rs.Namespace, rs.Name)
			if err != nil {
				return nil, err
			}
			st := rcStatus(rs.Status)
			if equality.Semantic.DeepEqual(rc.Status, st) {
				// What an RC has no field for (terminatingReplicas)
				// changed alone: nothing to write.
				return pod.ReplicaSetOf(rc), nil
			}
			rc.ResourceVersion = rs.ResourceVersion
			rc.Status = st
			updated, err := api.ReplicationControllers.Update(rc)
			if err != nil {
				return nil, err
			}
			return pod.ReplicaSetOf(updated), nil
		},
	})
	// The watch on pods starts with the first RC: a sync reads the pods
	// that are there, and a chain that has no RC pays nothing for the
	// watch (a loop event for every pod change).
	watchingPods := false
	api.ReplicationControllers.WatchShared(0, true, func(ev apiserver.WatchEvent[*corev1.ReplicationController]) {
		if !watchingPods {
			watchingPods = true
			api.Pods.WatchShared(0, false, c.onPod)
		}
		c.onReplicaSet(apiserver.WatchEvent[*appsv1.ReplicaSet]{Type: ev.Type, Object: pod.ReplicaSetOf(ev.Object)})
	})
	return c
}

// rcStatus returns a ReplicaSet's status as a ReplicationController's,
// which has every field but terminatingReplicas.
func rcStatus(st appsv1.ReplicaSetStatus) corev1.ReplicationControllerStatus {
	out := corev1.ReplicationControllerStatus{
		Replicas: st.Replicas, FullyLabeledReplicas: st.FullyLabeledReplicas,
		ReadyReplicas: st.ReadyReplicas, AvailableReplicas: st.AvailableReplicas,
		ObservedGeneration: st.ObservedGeneration,
	}
	for _, c := range st.Conditions {
		out.Conditions = append(out.Conditions, corev1.ReplicationControllerCondition{
			Type: corev1.ReplicationControllerConditionType(c.Type), Status: c.Status,
			LastTransitionTime: c.LastTransitionTime, Reason: c.Reason, Message: c.Message,
		})
	}
	return out
}

// DefaultReplicationController fills in what the API server fills in when
// a ReplicationController is created: namespace "default"; an empty
// selector, and empty labels, become the template's labels; replicas 1;
// and the template's pod defaults.
// Reference: pkg/apis/core/v1/defaults.go SetDefaults_ReplicationController.
func DefaultReplicationController(rc *corev1.ReplicationController) {
	if rc == nil {
		return
	}
	defaultMeta(&rc.ObjectMeta, &rc.TypeMeta, "v1", "ReplicationController")
	if t := rc.Spec.Template; t != nil {
		if t.Labels != nil && len(rc.Spec.Selector) == 0 {
			rc.Spec.Selector = maps.Clone(t.Labels)
		}
		if t.Labels != nil && len(rc.Labels) == 0 {
			rc.Labels = maps.Clone(t.Labels)
		}
		pod.DefaultPodSpec(&t.Spec)
	}
	defaultInt32(&rc.Spec.Replicas, DefaultReplicas)
}

// ValidateReplicationController checks a defaulted ReplicationController
// as the API server does (ValidateReplicationController): the name,
// replicas and minReadySeconds not negative, a non-empty selector, and a
// template whose labels the selector selects, with restartPolicy Always.
// It returns every problem, sorted by field path.
func ValidateReplicationController(rc *corev1.ReplicationController) field.ErrorList {
	if rc == nil {
		return field.ErrorList{field.Required(field.NewPath("metadata"), "replicationcontroller is nil")}
	}
	spec := field.NewPath("spec")
	errs := apivalidation.ValidateObjectMeta(&rc.ObjectMeta, true, apivalidation.NameIsDNSSubdomain, field.NewPath("metadata"))
	if rc.Spec.Replicas != nil {
		errs = append(errs, apivalidation.ValidateNonnegativeField(int64(*rc.Spec.Replicas), spec.Child("replicas"))...)
	}
	errs = append(errs, apivalidation.ValidateNonnegativeField(int64(rc.Spec.MinReadySeconds), spec.Child("minReadySeconds"))...)
	if len(rc.Spec.Selector) == 0 {
		errs = append(errs, field.Required(spec.Child("selector"), ""))
	}
	if rc.Spec.Template == nil {
		errs = append(errs, field.Required(spec.Child("template"), ""))
	} else {
		errs = append(errs, validateTemplate(rc.Spec.Template, labels.SelectorFromSet(rc.Spec.Selector), spec.Child("template"))...)
	}
	return sortErrors(errs)
}

// CreateReplicationController is the API server's side of creating a
// ReplicationController: defaulting, validation, generation 1.
func CreateReplicationController(api *apiserver.Server, rc *corev1.ReplicationController) (*corev1.ReplicationController, error) {
	rc = rc.DeepCopy()
	DefaultReplicationController(rc)
	if errs := ValidateReplicationController(rc); len(errs) > 0 {
		return nil, invalidError("replicationcontroller", rc.Name, errs)
	}
	rc.Generation = 1
	rc.Status = corev1.ReplicationControllerStatus{}
	return api.ReplicationControllers.Create(rc)
}

// UpdateReplicationController is the API server's side of changing a
// ReplicationController's spec (apply, scale): defaulting, validation, the
// stored status kept, and a generation bump when the spec changed. It
// returns the stored ReplicationController.
func UpdateReplicationController(api *apiserver.Server, rc *corev1.ReplicationController) (*corev1.ReplicationController, error) {
	return updateSpec(api.ReplicationControllers, rc, "replicationcontroller", DefaultReplicationController,
		func(rc, _ *corev1.ReplicationController) field.ErrorList { return ValidateReplicationController(rc) },
		func(rc, cur *corev1.ReplicationController) bool {
			rc.Status = cur.Status
			return !equality.Semantic.DeepEqual(cur.Spec, rc.Spec)
		})
}
