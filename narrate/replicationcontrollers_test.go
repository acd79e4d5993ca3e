package narrate

import (
	"testing"

	"github.com/nodenucleus/nucleus/sim"
)

// The old staffing order's sentences for the replication manager's
// records: the ReplicaSet controller's Events, told of an RC.
// Reference: pkg/controller/replication/replication_controller.go (the
// ReplicaSet controller's SuccessfulCreate and SuccessfulDelete, recorded
// on the ReplicationController).
func TestReplicationControllerStories(t *testing.T) {
	rc := sim.ObjectRef{Kind: "ReplicationController", Namespace: "default", Name: "nginx"}
	for _, tc := range []struct {
		r    sim.Record
		want string
	}{
		{sim.Record{Reason: "SuccessfulCreate", Object: rc, Facts: sim.Facts{To: "nginx-x2k9p"}},
			"Head office's old staffing order nginx hires nginx-x2k9p."},
		{sim.Record{Reason: "SuccessfulDelete", Object: rc, Facts: sim.Facts{To: "nginx-x2k9p"}},
			"Head office's old staffing order nginx lets nginx-x2k9p go."},
		{sim.Record{Kind: sim.Change, Reason: "ReplicasChanged", Object: rc, Facts: sim.Facts{Count: 3, From: "1", To: "2"}},
			"Staffing order nginx has 2 of 3 employees ready."},
		{sim.Record{Kind: sim.Change, Reason: "ScenarioAction", Message: "scale: replicationcontroller nginx to 1 replicas", Object: rc},
			"Head office receives a change to staffing order nginx: 1 employee."},
	} {
		if got := Story(tc.r); got != tc.want {
			t.Errorf("Story(%s) =\n  %s\nwant\n  %s", tc.r.Reason, got, tc.want)
		}
	}
}
