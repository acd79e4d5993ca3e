package narrate

import (
	"strings"

	"github.com/nodenucleus/nucleus/sim"
)

// In-place resize: the store manager re-budgets an employee's desk space
// (cpu and memory) without a rehire, or with one when the job's
// resizePolicy says so (that part is the Killing event, Facts.From
// "Resize").

// afterColon returns what a record's message says after its first ": ".
func afterColon(r sim.Record) string {
	_, d, _ := strings.Cut(r.Message, ": ")
	return d
}

// resizeAllocated: the store had room for the pod's new requests.
func resizeAllocated(r sim.Record) string {
	return sentence(manager + " sets aside new desk space for " + employee(r) + " (" + afterColon(r) + ")")
}

// resized: the running jobs got their new limits in place.
func resized(r sim.Record) string {
	return sentence(manager + " re-budgets the desk space of " + employeesJob(r) + " without a rehire: " + afterColon(r))
}

// resizePending: Facts.To is Deferred or Infeasible.
func resizePending(r sim.Record) string {
	if r.Facts.To == "Infeasible" {
		return sentence(employee(r) + " asks for more desk space than the whole store has, so " + manager +
			" keeps the old budget (" + afterColon(r) + ")")
	}
	return sentence(employee(r) + "'s new desk space must wait until the store has room (" + afterColon(r) + ")")
}

// resizeError: a memory budget below what the employee uses now is not
// set.
func resizeError(r sim.Record) string {
	return sentence(manager + " holds off shrinking " + employee(r) +
		"'s memory budget: they use more than the new budget right now, and would be sent home")
}
