package narrate

import (
	"testing"

	"github.com/nodenucleus/nucleus/sim"
)

// The district manager's sentences for the autoscaler's Events.
// Reference: pkg/controller/podautoscaler/horizontal.go (SuccessfulRescale
// "New size: %d; reason: %s", FailedGetResourceMetric).
func TestAutoscalerStories(t *testing.T) {
	hpa := sim.ObjectRef{Kind: "HorizontalPodAutoscaler", Namespace: "default", Name: "php-apache"}
	for _, tc := range []struct {
		r    sim.Record
		want string
	}{
		{sim.Record{Reason: "SuccessfulRescale", Object: hpa, Message: "New size: 4; reason: cpu resource utilization (percentage of request) above target", Facts: sim.Facts{From: "1", To: "4"}},
			"Head office's district manager sets the headcount of team php-apache from 1 to 4: the employees are busier than planned."},
		{sim.Record{Reason: "SuccessfulRescale", Object: hpa, Message: "New size: 1; reason: All metrics below target", Facts: sim.Facts{From: "7", To: "1"}},
			"Head office's district manager sets the headcount of team php-apache from 7 to 1: the floor is quiet."},
		{sim.Record{Reason: "FailedGetResourceMetric", Object: hpa, Message: "failed to get cpu utilization: no pods"},
			"Head office's district manager cannot tell how busy team php-apache is and leaves the headcount alone: failed to get cpu utilization: no pods."},
	} {
		if got := Story(tc.r); got != tc.want {
			t.Errorf("Story(%s) =\n  %s\nwant\n  %s", tc.r.Reason, got, tc.want)
		}
	}
}
