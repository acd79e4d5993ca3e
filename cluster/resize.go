package cluster

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/pod"
)

// Resize writes p to the resize subresource of the stored pod of the same
// name, as `kubectl patch pod --subresource resize` does: the containers'
// cpu and memory requests and limits (and resizePolicy) become p's, and
// the pod's store manager resizes the running containers in place, or
// restarts them where their resizePolicy says RestartContainer, once its
// store has room. Any other change p makes is dropped; a resize the API
// server refuses (a new QoS class, a removed request, another resource,
// any resize of a pod with pod-level resources) changes nothing and returns an Invalid status naming the fields. A
// plain Update of a pod's resources is refused, as the API server refuses
// it.
// Reference: pkg/registry/core/pod/strategy.go (podResizeStrategy);
// https://kubernetes.io/docs/tasks/configure-pod-container/resize-container-resources/
func (c *Cluster) Resize(p *corev1.Pod) error {
	next, errs, err := c.prepareResize(p)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return apierrors.NewInvalid(schema.GroupKind{Kind: "Pod"}, p.Name, errs)
	}
	_, err = c.api.Pods.Update(next)
	return err
}

// ValidateResize returns what is wrong with writing p to the resize
// subresource of its stored namesake, or a NotFound status when there is
// no such pod.
func (c *Cluster) ValidateResize(p *corev1.Pod) (field.ErrorList, error) {
	_, errs, err := c.prepareResize(p)
	return errs, err
}

func (c *Cluster) prepareResize(p *corev1.Pod) (*corev1.Pod, field.ErrorList, error) {
	cur, err := c.api.Pods.Get(defaultNS(p.Namespace), p.Name)
	if err != nil {
		return nil, nil, err
	}
	next := pod.Resized(p, cur)
	pod.Default(next)
	newPodVersion(cur, next)
	return next, pod.ValidateResize(next, cur), nil
}

// newPodVersion readies next to replace cur: a changed spec is a new
// generation, and the ledger gives the resourceVersion.
// Reference: pkg/registry/core/pod/strategy.go (updatePodGeneration).
func newPodVersion(cur, next *corev1.Pod) {
	if !equality.Semantic.DeepEqual(cur.Spec, next.Spec) {
		next.Generation = cur.Generation + 1
	}
	next.ResourceVersion = ""
}
