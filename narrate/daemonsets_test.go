package narrate

import (
	"testing"

	"github.com/nodenucleus/nucleus/sim"
)

// The door rule's sentences for the DaemonSet controller's Events.
// Reference: pkg/controller/daemon/daemon_controller.go (syncNodes, which
// records SuccessfulCreate "Created pod: <name>" and SuccessfulDelete
// "Deleted pod: <name>" through controller_utils.go RealPodControl).
func TestDaemonSetStories(t *testing.T) {
	ds := sim.ObjectRef{Kind: "DaemonSet", Namespace: "default", Name: "greeter"}
	for _, tc := range []struct {
		r    sim.Record
		want string
	}{
		{sim.Record{Reason: "SuccessfulCreate", Object: ds, Facts: sim.Facts{From: "store-2", To: "greeter-x2k9p"}},
			"Head office's door rule hires greeter greeter-x2k9p for store-2's door (team greeter)."},
		{sim.Record{Reason: "SuccessfulDelete", Object: ds, Facts: sim.Facts{From: "store-2", To: "greeter-x2k9p"}},
			"Head office's door rule lets greeter greeter-x2k9p go from store-2's door (team greeter)."},
		{sim.Record{Reason: "SuccessfulDelete", Object: ds, Facts: sim.Facts{To: "greeter-x2k9p"}},
			"Head office's door rule lets greeter greeter-x2k9p go from a store's door (team greeter)."},
	} {
		if got := Story(tc.r); got != tc.want {
			t.Errorf("Story(%s) =\n  %s\nwant\n  %s", tc.r.Reason, got, tc.want)
		}
	}
}
