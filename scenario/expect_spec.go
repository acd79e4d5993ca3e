package scenario

import (
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/kubelet/prober"
	"github.com/nodenucleus/nucleus/sim"
)

// livenessPassing is the one value spec.expect[].liveness takes.
const livenessPassing = "passing"

// expectPodSpec checks what a pod runs rather than how it is doing: an
// image it must run, and liveness probes that must be in place and
// passing. These are the checks that keep a wrong fix (an invented tag, a
// probe taken away) from passing an exercise.
func expectPodSpec(r *Result, p *corev1.Pod, name string, e Expectation, add checker) {
	c := r.Cluster
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
	if e.MemoryLimit != nil {
		saw, ok := "no such pod", false
		if p != nil {
			saw, ok = memoryLimits(p, *e.MemoryLimit)
		}
		add("memoryLimit", name+" memory limit is "+e.MemoryLimit.String(), saw, ok)
	}
	if e.Event != "" {
		saw, ok := "no such pod", false
		if p != nil {
			ok = r.events[podEvent{p.Namespace, p.Name, e.Event}]
			saw = "no " + e.Event + " event"
			if ok {
				saw = e.Event
			}
		}
		add("event", name+" had a "+e.Event+" event", saw, ok)
	}
}

// podEvent is a reason a pod has had a record with.
type podEvent struct{ namespace, name, reason string }

// eventObserver notes, in r, each reason a pod has had a record with.
func eventObserver(r *Result) sim.Observer {
	return sim.ObserverFunc(func(rec sim.Record) {
		if rec.Object.Kind == "Pod" {
			r.events[podEvent{rec.Object.Namespace, rec.Object.Name, rec.Reason}] = true
		}
	})
}

// memoryLimits reports each regular container's memory limit, and whether
// every one is within q.
func memoryLimits(p *corev1.Pod, q QuantityRange) (string, bool) {
	var saw []string
	ok := true
	for _, ctr := range p.Spec.Containers {
		limit, set := ctr.Resources.Limits[corev1.ResourceMemory]
		if !set {
			saw = append(saw, "container "+ctr.Name+" has no memory limit")
			ok = false
			continue
		}
		saw = append(saw, "container "+ctr.Name+" "+limit.String())
		ok = ok && q.Contains(limit)
	}
	return strings.Join(saw, ", "), ok
}

// Contains reports whether v is within the range.
func (q QuantityRange) Contains(v resource.Quantity) bool {
	return (q.AtLeast == nil || v.Cmp(*q.AtLeast) >= 0) && (q.AtMost == nil || v.Cmp(*q.AtMost) <= 0)
}

// String returns "at least 150M", "at most 1Gi" or "at least 150M and at
// most 1Gi".
func (q QuantityRange) String() string {
	switch {
	case q.AtLeast != nil && q.AtMost != nil:
		return "at least " + q.AtLeast.String() + " and at most " + q.AtMost.String()
	case q.AtLeast != nil:
		return "at least " + q.AtLeast.String()
	case q.AtMost != nil:
		return "at most " + q.AtMost.String()
	}
	return "any size"
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
	var errs field.ErrorList
	if e.Liveness != "" && e.Liveness != livenessPassing {
		errs = append(errs, field.NotSupported(p.Child("liveness"), e.Liveness, []string{livenessPassing}))
	}
	if q := e.MemoryLimit; q != nil {
		switch {
		case q.AtLeast == nil && q.AtMost == nil:
			errs = append(errs, field.Required(p.Child("memoryLimit"), "atLeast or atMost"))
		case q.AtLeast != nil && q.AtLeast.Sign() < 0:
			errs = append(errs, field.Invalid(p.Child("memoryLimit", "atLeast"), q.AtLeast.String(), "must be greater than or equal to 0"))
		case q.AtMost != nil && q.AtMost.Sign() < 0:
			errs = append(errs, field.Invalid(p.Child("memoryLimit", "atMost"), q.AtMost.String(), "must be greater than or equal to 0"))
		case q.AtLeast != nil && q.AtMost != nil && q.AtMost.Cmp(*q.AtLeast) < 0:
			errs = append(errs, field.Invalid(p.Child("memoryLimit", "atMost"), q.AtMost.String(), "must be greater than or equal to atLeast"))
		}
	}
	return errs
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
	if e.MemoryLimit != nil {
		errs = append(errs, field.Forbidden(p.Child("memoryLimit"), "only a pod expectation checks a memory limit"))
	}
	if e.Event != "" {
		errs = append(errs, field.Forbidden(p.Child("event"), "only a pod expectation checks an event"))
	}
	return errs
}
