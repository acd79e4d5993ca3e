package scenario

import (
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/kubelet/prober"
)

// livenessPassing is the one value spec.expect[].liveness takes.
const livenessPassing = "passing"

// expectPodSpec checks what a pod runs rather than how it is doing: an
// image it must run, and liveness probes that must be in place and
// passing. These are the checks that keep a wrong fix (an invented tag, a
// probe taken away) from passing an exercise.
func expectPodSpec(c *cluster.Cluster, p *corev1.Pod, name string, e Expectation, add checker) {
	if e.Image != "" {
		saw := "no such pod"
		if p != nil {
			saw = strings.Join(podImages(p), ", ")
		}
		add("image", name+" runs image "+e.Image, saw, p != nil && slices.Contains(podImages(p), e.Image))
	}
	if e.Liveness != "" {
		saw := "no such pod"
		if p != nil {
			saw = livenessVerdicts(c, p)
		}
		add("liveness", name+" liveness probe is passing", saw, saw == livenessPassing)
	}
}

// podImages returns the images of a pod's regular containers, in order.
func podImages(p *corev1.Pod) []string {
	out := make([]string, len(p.Spec.Containers))
	for i, ctr := range p.Spec.Containers {
		out[i] = ctr.Image
	}
	return out
}

// livenessVerdicts returns "passing" when every regular container of p has
// a liveness probe whose latest attempt answered success, or what is wrong
// with the first container that does not.
func livenessVerdicts(c *cluster.Cluster, p *corev1.Pod) string {
	for _, ctr := range p.Spec.Containers {
		if ctr.LivenessProbe == nil {
			return "container " + ctr.Name + " has no liveness probe"
		}
		answer, answered := prober.Unknown, false
		if s, ok := c.Store(p.Spec.NodeName); ok {
			answer, answered = s.Kubelet.ProbeAnswer(p.UID, ctr.Name, prober.Liveness)
		}
		switch {
		case !answered:
			return "container " + ctr.Name + ": not asked yet"
		case answer == prober.Failure:
			return "container " + ctr.Name + ": failing"
		case answer != prober.Success:
			return "container " + ctr.Name + ": erroring"
		}
	}
	return livenessPassing
}

// validateSpecChecks checks the image and liveness fields of a pod
// expectation.
func (e Expectation) validateSpecChecks(p *field.Path) field.ErrorList {
	if e.Liveness != "" && e.Liveness != livenessPassing {
		return field.ErrorList{field.NotSupported(p.Child("liveness"), e.Liveness, []string{livenessPassing})}
	}
	return nil
}

// validateSpecSubject refuses image and liveness on an expectation that is
// not about a pod.
func (e Expectation) validateSpecSubject(p *field.Path) field.ErrorList {
	if e.Pod != "" {
		return nil
	}
	var errs field.ErrorList
	if e.Image != "" {
		errs = append(errs, field.Forbidden(p.Child("image"), "only a pod expectation checks an image"))
	}
	if e.Liveness != "" {
		errs = append(errs, field.Forbidden(p.Child("liveness"), "only a pod expectation checks a liveness probe"))
	}
	return errs
}
