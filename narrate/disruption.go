package narrate

import (
	"strings"

	"github.com/nodenucleus/nucleus/sim"
)

// staffingRule is a PodDisruptionBudget's word: head office's minimum
// staffing rule ("never fewer than two cashiers on the floor"), which
// the eviction API checks before it sends anyone away.
const staffingRule = "the minimum staffing rule"

// disruptionTeller returns the teller for what the disruption controller
// records and for the steps of a drain (`kubectl drain`'s lines), or nil.
func disruptionTeller(reason string) teller {
	switch reason {
	case "NoPods":
		return budgetNoPods
	case "CalculateExpectedPodCountFailed", "NoControllerRef", "NoControllers":
		return budgetCannotCount
	case "EvictionGranted":
		return evictionGranted
	case "EvictingPod":
		return evictingPod
	case "EvictionRefused":
		return evictionRefused
	case "PodEvicted":
		return podEvicted
	case "NodeDrained":
		return nodeDrained
	case "DrainFailed":
		return drainFailed
	case "DrainWarning":
		return drainWarning
	}
	return nil
}

// rule names a budget: "the minimum staffing rule web".
func rule(r sim.Record) string { return staffingRule + " " + r.Object.Name }

func budgetNoPods(r sim.Record) string {
	return sentence(rule(r) + " covers no employee yet")
}

func budgetCannotCount(r sim.Record) string {
	return sentence(rule(r) + " cannot count how many employees it protects (" + r.Message + "), so it lets nobody be sent away")
}

// evictingPod: the drain asks head office to send the employee away.
func evictingPod(r sim.Record) string {
	return sentence("the closing crew asks head office to send " + employee(r) + " away from the store")
}

// evictionGranted: Facts.To is the budget; Facts.From "unready" for an
// employee who was not serving anyway.
func evictionGranted(r sim.Record) string {
	if r.Facts.From == "unready" {
		return sentence("head office lets " + employee(r) + " go: not serving customers anyway, so " + staffingRule + " " + r.Facts.To + " does not count it")
	}
	return sentence("head office lets " + employee(r) + " go: " + staffingRule + " " + r.Facts.To + " can spare one")
}

// evictionRefused: the budget has no disruption to spare; the drain asks
// again 5 seconds later.
func evictionRefused(r sim.Record) string {
	return sentence("head office refuses: sending " + employee(r) + " away would break " + staffingRule +
		"; the closing crew asks again in 5 seconds")
}

func podEvicted(r sim.Record) string {
	return sentence(employee(r) + " has left the store")
}

func nodeDrained(r sim.Record) string {
	return sentence("store " + store(r) + " is empty and closed to new hires: the closing crew is done")
}

func drainFailed(r sim.Record) string {
	msg := r.Message
	if i := strings.Index(msg, "error: "); i >= 0 {
		msg = msg[i+len("error: "):]
	}
	return sentence("the closing crew gives up: " + msg)
}

func drainWarning(r sim.Record) string {
	return sentence("the closing crew leaves the greeters (DaemonSet pods) in store " + store(r) + " where they are")
}
