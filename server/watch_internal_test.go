package server

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/nodenucleus/nucleus/apiserver"
)

// TestSlowWatcherIsDropped checks that a watch whose buffer is full is
// closed rather than waited for or grown: the API server's watch cache
// drops a watcher that cannot keep up, and its client watches again.
// Reference: staging/src/k8s.io/apiserver/pkg/storage/cacher/cache_watcher.go
// (add: a full input channel terminates the watcher).
func TestSlowWatcherIsDropped(t *testing.T) {
	r := &resource{kind: "Pod", fields: metaFields}
	w := &watcher{sel: selection{labels: labels.Everything(), fields: fields.Everything()}, ch: make(chan change, 2)}
	p := &corev1.Pod{}
	for v := uint64(1); v <= 2; v++ {
		if !w.offer(r, change{typ: apiserver.Modified, obj: p, version: v}) {
			t.Fatalf("offer %d closed the watch with room in its buffer", v)
		}
	}
	if w.offer(r, change{typ: apiserver.Modified, obj: p, version: 3}) {
		t.Fatal("offer 3 into a full buffer kept the watch open, want it dropped")
	}
	n := 0
	for range w.ch {
		n++
	}
	if n != 2 {
		t.Errorf("the dropped watch held %d changes, want the 2 it had room for", n)
	}
	if !w.offer(r, change{version: 0}) {
		t.Error("a change at or below the watch's start version is skipped, not refused")
	}
}
