package kubelet_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/kubelet"
	"github.com/nodenucleus/nucleus/sim"
)

// fullRun is a store with a 64Mi disk and a busybox pod that writes
// chunks 256KiB chunks into its emptyDir at once, then sleeps.
func fullRun(t *testing.T, chunks int) *run {
	t.Helper()
	capacity := kubelet.DefaultCapacity()
	capacity[corev1.ResourceEphemeralStorage] = resource.MustParse("64Mi")
	cfg := cluster.Config{Seed: 1, Stores: []cluster.StoreConfig{{Name: "store-1", Capacity: capacity}}}
	script := fmt.Sprintf(`s=0123456789abcdef; s=$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s; s=$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s
s=$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s; s=$s$s$s$s; i=0; while [ $i -lt %d ]; do printf %%s $s >> /data/f; i=$((i+1)); done; s=; sleep 3600`, chunks)
	return newRun(t, cfg, volumePod("filler", script, corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}))
}

// A store whose disk is 84% used by a running pod's emptyDir (190
// chunks: 10701504 bytes free of 64Mi, just over 15.9%) is under no disk
// pressure, yet at the image garbage collector's passes at 5m and 10m it
// is over its 85% high threshold (100 - 15 = 85: the percentage free is
// truncated) and every image is in use: each pass fails with a Warning
// FreeDiskSpaceFailed, and the second failure in a row adds a Warning
// ImageGCFailed with the same message.
// Reference: pkg/kubelet/images/image_gc_manager.go (GarbageCollect:
// "Failed to garbage collect required amount of images. Attempted to
// free %d bytes, but only found %d bytes eligible to free.");
// pkg/kubelet/kubelet.go (StartGarbageCollection: ImageGCFailed only for
// repeated failures).
func TestImageGCFailedAfterTwoFailuresInARow(t *testing.T) {
	if testing.Short() {
		t.Skip("a long run of simulation alone: not with -short (CI's race detector run)")
	}
	r := fullRun(t, 190)
	r.c.RunFor(11 * time.Minute)
	failed := r.find("FreeDiskSpaceFailed", "store-1")
	require.Len(t, failed, 2, "FreeDiskSpaceFailed at each pass")
	assert.Equal(t, sim.Time(5*time.Minute), failed[0].Time)
	assert.Equal(t, sim.Time(10*time.Minute), failed[1].Time)
	want := "Failed to garbage collect required amount of images. Attempted to free 2720268 bytes, but only found 0 bytes eligible to free."
	assert.Equal(t, want, failed[0].Message)
	gc := r.find("ImageGCFailed", "store-1")
	require.Len(t, gc, 1, "ImageGCFailed only for the second failure in a row")
	assert.Equal(t, sim.Warning, gc[0].Type)
	assert.Equal(t, failed[1].Time, gc[0].Time)
	assert.Equal(t, failed[1].Message, gc[0].Message)
	assert.Empty(t, r.find("Evicted", ""), "no disk pressure: nobody is evicted")
}
