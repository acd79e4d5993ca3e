package cluster

import (
	"fmt"
	"maps"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/controller"
	"github.com/nodenucleus/nucleus/nodelifecycle"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/service"
)

// Update replaces the labels, annotations and spec of each stored object
// with those of the object of the same kind and name, as the API server's
// update does for `kubectl edit`, `label`, `annotate`, `set image` and
// `patch`. What an update may change follows the API server's rules
// (ValidateUpdate); a refused update changes nothing and returns an
// Invalid status naming the fields.
func (c *Cluster) Update(objs ...any) error {
	for _, o := range objs {
		if err := c.update(o); err != nil {
			return err
		}
	}
	return nil
}

// ValidateUpdate returns what is wrong with replacing the stored object of
// o's kind and name by o: the errors of the kind's update validation, or a
// NotFound status when there is no such object.
func (c *Cluster) ValidateUpdate(o any) (field.ErrorList, error) {
	_, errs, err := c.prepareUpdate(o)
	return errs, err
}

func (c *Cluster) update(o any) error {
	next, errs, err := c.prepareUpdate(o)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return apierrors.NewInvalid(kindOf(o), nameOf(o), errs)
	}
	switch n := next.(type) {
	case *corev1.Pod:
		old, _ := c.api.Pods.Get(n.Namespace, n.Name)
		if _, err := c.api.Pods.Update(n); err != nil {
			return err
		}
		if !maps.Equal(old.Labels, n.Labels) {
			// Services that selected the pod by its old labels lose it.
			c.services.podChanged(old)
		}
		return nil
	case *corev1.Service:
		_, err = c.api.Services.Update(n)
	case *appsv1.Deployment:
		_, err = controller.UpdateDeployment(c.api, n)
	case *appsv1.ReplicaSet:
		_, err = controller.UpdateReplicaSet(c.api, n)
	case *corev1.Node:
		_, err = c.api.Nodes.Update(n)
	case *corev1.Namespace:
		_, err = c.api.Namespaces.Update(n)
	case *policyv1.PodDisruptionBudget:
		_, err = controller.UpdatePodDisruptionBudget(c.api, n)
	default:
		if ok, werr := c.updateWorkload(n); ok {
			return werr
		}
		if ok, derr := c.updateDiscovery(n); ok {
			return derr
		}
		_, err = c.updateConfigAndStorage(n)
	}
	return err
}

// prepareUpdate returns the object to store in place of o's stored
// namesake: the stored object with o's labels, annotations and spec,
// defaulted, and what the kind's update rules refuse.
// Reference: pkg/apis/core/validation/validation.go (ValidatePodUpdate,
// ValidateServiceUpdate, ValidateNodeUpdate) and
// pkg/apis/apps/validation/validation.go (ValidateDeploymentUpdate,
// ValidateReplicaSetUpdate: the selector is immutable in apps/v1).
func (c *Cluster) prepareUpdate(o any) (any, field.ErrorList, error) {
	spec := field.NewPath("spec")
	switch o := o.(type) {
	case *corev1.Pod:
		cur, err := c.api.Pods.Get(defaultNS(o.Namespace), o.Name)
		if err != nil {
			return nil, nil, err
		}
		next := cur.DeepCopy()
		next.Labels, next.Annotations, next.Spec = o.Labels, o.Annotations, *o.Spec.DeepCopy()
		if next.Spec.NodeName == "" {
			// The store the staffing desk chose stays, as `kubectl
			// apply`'s patch of a manifest without nodeName keeps it.
			next.Spec.NodeName = cur.Spec.NodeName
		}
		pod.Default(next)
		// Reference: plugin/pkg/admission/defaulttolerationseconds (it
		// admits updates as well as creates).
		nodelifecycle.DefaultTolerations(next)
		newPodVersion(cur, next)
		return next, pod.ValidateUpdate(next, cur), nil
	case *corev1.Service:
		cur, err := c.api.Services.Get(defaultNS(o.Namespace), o.Name)
		if err != nil {
			return nil, nil, err
		}
		next := cur.DeepCopy()
		next.Labels, next.Annotations, next.Spec = o.Labels, o.Annotations, *o.Spec.DeepCopy()
		// What head office allocated stays when the update leaves it out.
		if next.Spec.ClusterIP == "" {
			next.Spec.ClusterIP, next.Spec.ClusterIPs = cur.Spec.ClusterIP, cur.Spec.ClusterIPs
		}
		for i := range next.Spec.Ports {
			if next.Spec.Ports[i].NodePort == 0 && i < len(cur.Spec.Ports) {
				next.Spec.Ports[i].NodePort = cur.Spec.Ports[i].NodePort
			}
		}
		service.Default(next)
		errs := service.Validate(next)
		if next.Spec.ClusterIP != cur.Spec.ClusterIP {
			errs = append(errs, field.Invalid(spec.Child("clusterIP"), next.Spec.ClusterIP, "field is immutable"))
		}
		if next.Spec.Type != cur.Spec.Type {
			errs = append(errs, field.Forbidden(spec.Child("type"), "nucleus does not change a Service's type; delete the Service and create it again"))
		}
		for i, p := range next.Spec.Ports {
			if p.NodePort != 0 && (i >= len(cur.Spec.Ports) || cur.Spec.Ports[i].NodePort != p.NodePort) {
				errs = append(errs, field.Forbidden(spec.Child("ports").Index(i).Child("nodePort"), "nucleus allocates node ports when a Service is created only; delete the Service and create it again"))
			}
		}
		next.ResourceVersion = ""
		return next, errs, nil
	case *appsv1.Deployment:
		cur, err := c.api.Deployments.Get(defaultNS(o.Namespace), o.Name)
		if err != nil {
			return nil, nil, err
		}
		next := cur.DeepCopy()
		next.Labels, next.Annotations, next.Spec = o.Labels, o.Annotations, *o.Spec.DeepCopy()
		controller.DefaultDeployment(next)
		errs := controller.ValidateDeployment(next)
		if !equality.Semantic.DeepEqual(cur.Spec.Selector, next.Spec.Selector) {
			errs = append(errs, field.Invalid(spec.Child("selector"), next.Spec.Selector, "field is immutable"))
		}
		next.ResourceVersion = ""
		return next, errs, nil
	case *appsv1.ReplicaSet:
		cur, err := c.api.ReplicaSets.Get(defaultNS(o.Namespace), o.Name)
		if err != nil {
			return nil, nil, err
		}
		next := cur.DeepCopy()
		next.Labels, next.Annotations, next.Spec = o.Labels, o.Annotations, *o.Spec.DeepCopy()
		controller.DefaultReplicaSet(next)
		errs := controller.ValidateReplicaSet(next)
		if !equality.Semantic.DeepEqual(cur.Spec.Selector, next.Spec.Selector) {
			errs = append(errs, field.Invalid(spec.Child("selector"), next.Spec.Selector, "field is immutable"))
		}
		next.ResourceVersion = ""
		return next, errs, nil
	case *policyv1.PodDisruptionBudget:
		// Every spec field of a budget may change (since Kubernetes 1.15).
		cur, err := c.api.PodDisruptionBudgets.Get(defaultNS(o.Namespace), o.Name)
		if err != nil {
			return nil, nil, err
		}
		next := cur.DeepCopy()
		next.Labels, next.Annotations, next.Spec = o.Labels, o.Annotations, *o.Spec.DeepCopy()
		controller.DefaultPodDisruptionBudget(next)
		next.ResourceVersion = ""
		return next, controller.ValidatePodDisruptionBudget(next), nil
	case *corev1.Namespace:
		next, err := c.prepareNamespaceUpdate(o)
		return next, nil, err
	case *corev1.Node:
		cur, err := c.api.Nodes.Get("", o.Name)
		if err != nil {
			return nil, nil, err
		}
		next := cur.DeepCopy()
		next.Labels, next.Annotations = o.Labels, o.Annotations
		next.Spec.Unschedulable, next.Spec.Taints = o.Spec.Unschedulable, o.Spec.Taints
		var errs field.ErrorList
		if !equality.Semantic.DeepEqual(next.Spec, o.Spec) {
			errs = append(errs, field.Forbidden(spec, "nucleus changes a Node's spec.unschedulable and spec.taints only"))
		}
		next.ResourceVersion = ""
		return next, errs, nil
	}
	if next, errs, ok, err := c.prepareWorkloadUpdate(o); ok {
		return next, errs, err
	}
	if next, errs, ok, err := c.prepareDiscoveryUpdate(o); ok {
		return next, errs, err
	}
	if next, errs, ok, err := c.prepareConfigAndStorageUpdate(o); ok {
		return next, errs, err
	}
	return nil, nil, fmt.Errorf("update: %T is not simulated yet", o)
}

// Bind assigns a pod that has no store yet to a store, as a client
// posting the pod's binding subresource does (a scheduler of its own,
// for a pod whose spec.schedulerName names it). The binding is refused
// with Conflict when the pod is already assigned; a store that does not
// exist is taken, as the API server takes it, and the pod then waits for
// a store manager that never comes.
// Reference: pkg/registry/core/pod/storage/storage.go (BindingREST,
// assignPod).
func (c *Cluster) Bind(namespace, name, store string) error {
	p, err := c.api.Pods.Get(defaultNS(namespace), name)
	if err != nil {
		return err
	}
	_, err = c.api.Bind(p.Namespace, p.Name, p.UID, store)
	return err
}

// defaultNS returns ns, or "default".
// appliesNothing reports whether an apply leaves an object as it was: the
// same spec (curSpec, nextSpec) and the same labels and annotations, so
// that nothing is written ("unchanged", as kubectl apply says).
func appliesNothing(curSpec, nextSpec any, cur, next metav1.Object) bool {
	return equality.Semantic.DeepEqual(curSpec, nextSpec) &&
		maps.Equal(cur.GetLabels(), next.GetLabels()) && maps.Equal(cur.GetAnnotations(), next.GetAnnotations())
}

func defaultNS(ns string) string {
	if ns == "" {
		return corev1.NamespaceDefault
	}
	return ns
}

// kindOf names o's kind for an Invalid status.
func kindOf(o any) schema.GroupKind {
	if gk, ok := configAndStorageKind(o); ok {
		return gk
	}
	if gk, ok := workloadKind(o); ok {
		return gk
	}
	if gk, ok := discoveryKind(o); ok {
		return gk
	}
	switch o.(type) {
	case *appsv1.Deployment:
		return schema.GroupKind{Group: "apps", Kind: "Deployment"}
	case *appsv1.ReplicaSet:
		return schema.GroupKind{Group: "apps", Kind: "ReplicaSet"}
	case *corev1.Service:
		return schema.GroupKind{Kind: "Service"}
	case *corev1.Node:
		return schema.GroupKind{Kind: "Node"}
	case *corev1.Namespace:
		return schema.GroupKind{Kind: "Namespace"}
	case *policyv1.PodDisruptionBudget:
		return schema.GroupKind{Group: "policy", Kind: "PodDisruptionBudget"}
	}
	return schema.GroupKind{Kind: "Pod"}
}

// nameOf returns o's name.
func nameOf(o any) string {
	if m, ok := o.(interface{ GetName() string }); ok {
		return m.GetName()
	}
	return ""
}
