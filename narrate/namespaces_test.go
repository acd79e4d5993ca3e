package narrate

import (
	"testing"

	"github.com/nodenucleus/nucleus/sim"
)

// The namespace controller emits no Event when it removes an emptied
// namespace (pkg/controller/namespace/namespace_controller.go); nucleus
// records the change, and the store voice tells it as a division closing.
func TestNamespaceStory(t *testing.T) {
	r := sim.Record{Kind: sim.Change, Reason: "NamespaceDeleted", Object: sim.ObjectRef{Kind: "Namespace", Name: "shop"}}
	want := "Head office closes division shop: its orders, employees and counters are gone, and its name comes off the door."
	if got := Story(r); got != want {
		t.Errorf("Story(NamespaceDeleted) =\n  %s\nwant\n  %s", got, want)
	}
}
