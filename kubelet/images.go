package kubelet

import (
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/sim"
)

// ensureImage is the kubelet's EnsureImageExists: use the image if the pull
// policy allows and it is present, otherwise pull it, with a back-off per
// pod and image after a failed pull. done reports whether the image is
// there. A failed pull (ErrImagePull) and a pull refused during the back-off
// (ImagePullBackOff) both fail the sync: the pod worker tries again 10 to
// 15 seconds later, not when the back-off ends, so STATUS alternates
// between the two reasons as the back-off grows.
// Reference: proxy-and-runtime.md B3.2-B3.3, kubelet.md §3.6
// (pkg/kubelet/images/image_manager.go).
func (k *Kubelet) ensureImage(w *worker, c containerRef, done func(ok bool)) {
	img := c.spec.Image
	// The runtime refuses a malformed reference with the parser's error.
	info, err := k.rt.ImageStatus(img)
	if err != nil {
		msg := fmt.Sprintf("Failed to apply default image tag %q: %v", img, err)
		k.podEvent(w, &c, sim.Warning, "InspectFailed", msg, sim.Facts{Image: img})
		w.setReason(c.spec.Name, reason{"InvalidImageName", msg})
		done(false)
		return
	}
	policy := c.spec.ImagePullPolicy
	if policy == "" {
		// Head office defaults it; a pod that bypassed defaulting gets the
		// same rule here.
		policy = pod.DefaultPullPolicy(img)
	}
	if info != nil && policy != corev1.PullAlways {
		k.podEvent(w, &c, sim.Normal, "Pulled", fmt.Sprintf("Container image %q already present on machine", img), sim.Facts{Image: img})
		done(true)
		return
	}
	if policy == corev1.PullNever {
		msg := fmt.Sprintf("Container image %q is not present with pull policy of Never", img)
		k.podEvent(w, &c, sim.Warning, "ErrImageNeverPull", msg, sim.Facts{Image: img})
		w.setReason(c.spec.Name, reason{"ErrImageNeverPull", msg})
		done(false)
		return
	}
	key := string(w.pod.UID) + "_" + img
	now := k.loop.Now()
	if k.imageBackOff.InBackOffSinceUpdate(key, now) {
		msg := fmt.Sprintf("Back-off pulling image %q", img)
		k.podEvent(w, &c, sim.Normal, "BackOff", msg, sim.Facts{Image: img, Duration: k.imageBackOff.Get(key)})
		k.podEvent(w, &c, sim.Warning, "Failed", "Error: ImagePullBackOff", sim.Facts{Image: img})
		w.setReason(c.spec.Name, reason{"ImagePullBackOff", msg})
		w.failed = true
		done(false)
		return
	}
	k.podEvent(w, &c, sim.Normal, "Pulling", fmt.Sprintf("Pulling image %q", img), sim.Facts{Image: img})
	start := now
	k.rt.PullImage(img, func(_ string, size int64, err error) {
		if err != nil {
			k.podEvent(w, &c, sim.Warning, "Failed", fmt.Sprintf("Failed to pull image %q: %v", img, err), sim.Facts{Image: img})
			k.podEvent(w, &c, sim.Warning, "Failed", "Error: ErrImagePull", sim.Facts{Image: img})
			k.imageBackOff.Next(key, k.loop.Now(), k.loop.Now())
			w.setReason(c.spec.Name, reason{"ErrImagePull", err.Error()})
			w.failed = true
			done(false)
			return
		}
		took := k.loop.Now().Sub(start)
		k.podEvent(w, &c, sim.Normal, "Pulled",
			fmt.Sprintf("Successfully pulled image %q in %s (%s including waiting). Image size: %d bytes.", img, roundPull(took), roundPull(took), size),
			sim.Facts{Image: img, Duration: took})
		done(true)
	})
}

// roundPull rounds a pull time the way the kubelet prints it (milliseconds).
func roundPull(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
