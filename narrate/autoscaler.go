package narrate

import (
	"strings"

	"github.com/nodenucleus/nucleus/sim"
)

// districtManager is the HorizontalPodAutoscaler controller's word: the
// manager who hires for the rush and lets staff go when it is over.
const districtManager = "head office's district manager"

// autoscalerTeller returns the teller for what the autoscaler records,
// or nil.
func autoscalerTeller(reason string) teller {
	switch reason {
	case "SuccessfulRescale":
		return successfulRescale
	case "FailedGetResourceMetric", "FailedComputeMetricsReplicas":
		return failedMetric
	case "FailedGetScale", "FailedRescale":
		return failedRescale
	}
	return nil
}

// successfulRescale: Facts.From and Facts.To are the old and new counts;
// the message ends with the reason ("... above target", "All metrics
// below target").
func successfulRescale(r sim.Record) string {
	why := "the floor is quiet"
	if strings.Contains(r.Message, "above target") {
		why = "the employees are busier than planned"
	}
	if strings.Contains(r.Message, "MinReplicas") || strings.Contains(r.Message, "MaxReplicas") {
		why = "the headcount was outside the bounds set for the rush"
	}
	return sentence(districtManager + " sets the headcount of team " + r.Object.Name + " from " +
		orZero(r.Facts.From) + " to " + orZero(r.Facts.To) + ": " + why)
}

func failedMetric(r sim.Record) string {
	return sentence(districtManager + " cannot tell how busy team " + r.Object.Name + " is and leaves the headcount alone" + detail(r))
}

func failedRescale(r sim.Record) string {
	return sentence(districtManager + " cannot change the headcount of team " + r.Object.Name + detail(r))
}
