package narrate

import "github.com/nodenucleus/nucleus/sim"

// staffingPlan is the Deployment and ReplicaSet controllers' word.
const staffingPlan = "head office's staffing plan"

// headOfficeTeller returns the teller for what head office's controllers
// record (the staffing plan, the watch on silent stores) and for the faults
// a scenario injects into a store, or nil.
func headOfficeTeller(reason string) teller {
	switch reason {
	case "ScalingReplicaSet":
		return scalingReplicaSet
	case "SuccessfulCreate":
		return successfulCreate
	case "SuccessfulDelete":
		return successfulDelete
	case "ReplicasChanged":
		return replicasChanged
	case "TaintManagerEviction":
		return taintManagerEviction
	case "PowerOff":
		return powerOff
	case "PowerOn":
		return powerOn
	case "CutOff":
		return cutOff
	case "Reconnected":
		return reconnected
	}
	return nil
}

// scalingReplicaSet: Facts.To is the ReplicaSet, Facts.From the old size,
// Facts.Count the new one; the object is the Deployment.
func scalingReplicaSet(r sim.Record) string {
	return sentence(staffingPlan + " for " + r.Object.Name + " now wants " + employees(r.Facts.Count) +
		" from team " + orSomeone(r.Facts.To) + " (was " + orZero(r.Facts.From) + ")")
}

// successfulCreate: Facts.To is the new pod; the object is the ReplicaSet.
func successfulCreate(r sim.Record) string {
	switch r.Object.Kind {
	case "Job":
		return jobCreate(r)
	case "CronJob":
		return cronJobCreate(r)
	case "StatefulSet":
		return statefulSetCreate(r)
	case "DaemonSet":
		return daemonSetCreate(r)
	case "ReplicationController":
		return replicationCreate(r)
	}
	return sentence(staffingPlan + " hires " + orSomeone(r.Facts.To) + " for team " + r.Object.Name)
}

// successfulDelete: Facts.To is the pod let go.
func successfulDelete(r sim.Record) string {
	switch r.Object.Kind {
	case "Job":
		return jobDelete(r)
	case "CronJob":
		return cronJobDelete(r)
	case "StatefulSet":
		return statefulSetDelete(r)
	case "DaemonSet":
		return daemonSetDelete(r)
	case "ReplicationController":
		return replicationDelete(r)
	}
	return sentence(staffingPlan + " lets " + orSomeone(r.Facts.To) + " go from team " + r.Object.Name)
}

// replicasChanged: Facts.To ready of Facts.Count wanted.
func replicasChanged(r sim.Record) string {
	if r.Object.Kind == "ReplicationController" {
		return replicationReady(r)
	}
	return sentence("Team " + r.Object.Name + " has " + orZero(r.Facts.To) + " of " + itoa32(r.Facts.Count) + " employees ready")
}

// taintManagerEviction: head office gives up on a pod of a silent store.
func taintManagerEviction(r sim.Record) string {
	return sentence(headOffice + " gives up waiting for " + employee(r) + "'s store and lets " + employee(r) + " go")
}

func powerOff(r sim.Record) string {
	return sentence(store(r) + " goes dark: the power is out, and every job on the floor stops")
}

func powerOn(r sim.Record) string {
	return sentence("the lights come back on at " + store(r) + "; the store manager starts the day again")
}

func cutOff(r sim.Record) string {
	return sentence(store(r) + "'s line to head office is cut: the store keeps working, but nobody hears its calls")
}

func reconnected(r sim.Record) string {
	return sentence(store(r) + " can call head office again")
}

func orZero(s string) string {
	if s == "" {
		return "0"
	}
	return s
}
