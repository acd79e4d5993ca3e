package kubelet_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/sim"
)

// pullTries runs a pod whose image does not exist for d and returns when
// the kubelet pulled (and failed) and when it refused to pull during the
// back-off, and the container's waiting reason sampled every second.
func pullTries(t *testing.T, seed uint64, d time.Duration) (pulls, refusals []sim.Time, reasons []string) {
	t.Helper()
	typo := &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: "ngnix:1.27"}}}}
	typo.Name, typo.Namespace = "typo", "default"
	r := newRun(t, cluster.Config{Seed: seed}, typo)
	for range int(d / time.Second) {
		r.c.RunFor(time.Second)
		p, err := r.c.Pod("default", "typo")
		require.NoError(t, err)
		if w := p.Status.ContainerStatuses[0].State.Waiting; w != nil {
			reasons = append(reasons, w.Reason)
		}
	}
	for _, rec := range r.find("Pulling", "typo") {
		pulls = append(pulls, rec.Time)
	}
	for _, rec := range r.find("BackOff", "typo") {
		refusals = append(refusals, rec.Time)
	}
	return pulls, refusals, reasons
}

// Reference: pkg/kubelet/pod_workers.go (completeWork: after a sync error
// the pod is requeued at wait.Jitter(backOffPeriod=10s, 0.5), so 10s to
// 15s later, not when the image back-off ends); pkg/kubelet/images/
// image_manager.go (EnsureImageExists: within the back-off, ErrImagePullBackOff
// without pulling; a failed pull, ErrImagePull and a doubled back-off of
// 10s, 20s, 40s ... 300s).
func TestImagePullRetriesWithTheWorkersJitter(t *testing.T) {
	pulls, refusals, reasons := pullTries(t, 1, 4*time.Minute)
	tries := append(append([]sim.Time{}, pulls...), refusals...)
	slices.Sort(tries)
	// After the first pull, the relist's sync a moment later, every try
	// comes 10s to 15s after the one before.
	for i := 2; i < len(tries); i++ {
		gap := tries[i].Sub(tries[i-1])
		assert.True(t, gap >= 10*time.Second && gap < 15*time.Second, "try %d at %v came %v after the one before", i, tries[i], gap)
	}
	// A pull happens only once the back-off since the last failed pull has
	// run out: 10s, 20s, 40s, 80s, 160s.
	for i := 1; i < len(pulls); i++ {
		backOff := 10 * time.Second << (i - 1)
		assert.GreaterOrEqual(t, pulls[i].Sub(pulls[i-1]), backOff, "pull %d", i)
	}
	assert.GreaterOrEqual(t, len(pulls), 5, "pulls in 4 minutes")
	assert.Greater(t, len(refusals), len(pulls), "more refusals than pulls as the back-off grows")
	// STATUS alternates: each reason follows the other more than once.
	changes := 0
	for i := 1; i < len(reasons); i++ {
		if reasons[i] != reasons[i-1] {
			changes++
		}
	}
	assert.GreaterOrEqual(t, changes, 6, "ErrImagePull and ImagePullBackOff by turns: %v", reasons)

	// The jitter comes from the run's seed: the same seed, the same tries;
	// another seed, other instants.
	again, _, _ := pullTries(t, 1, 4*time.Minute)
	assert.Equal(t, pulls, again)
	other, _, _ := pullTries(t, 2, 4*time.Minute)
	assert.NotEqual(t, pulls, other)
}
