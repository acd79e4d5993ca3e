package narrate

import (
	"strings"

	"github.com/nodenucleus/nucleus/sim"
)

// schedulerTeller returns the teller for an event of the scheduler
// (head office's staffing desk), or nil.
func schedulerTeller(reason string) teller {
	switch reason {
	case "Scheduled":
		return scheduled
	case "FailedScheduling":
		return failedScheduling
	case "Preempted":
		return preempted
	}
	return nil
}

// scheduled: Facts.To is the node the pod was bound to.
func scheduled(r sim.Record) string {
	to := r.Facts.To
	if to == "" {
		to = "a store"
	}
	return sentence(staffingDesk + " assigns " + employee(r) + " to " + to)
}

// failedScheduling repeats the scheduler's reasons, which are the news.
// When every store lacked room the desk found none "with room"; when a
// rule turned stores away (affinity, spread, a taint) it found none "that
// can take" the employee.
func failedScheduling(r sim.Record) string {
	verdict := " finds no store that can take "
	if onlyRoom(r.Message) {
		verdict = " finds no store with room for "
	}
	return sentence(staffingDesk + verdict + employee(r) + detail(r))
}

// onlyRoom reports whether every reason of a FailedScheduling message
// ("0/3 nodes are available: 1 Insufficient cpu, 2 Too many pods.
// preemption: ...") is a shortage of room.
func onlyRoom(msg string) bool {
	_, reasons, ok := strings.Cut(msg, "available: ")
	if !ok {
		return true
	}
	reasons, _, _ = strings.Cut(reasons, ". preemption:")
	for _, part := range strings.Split(strings.TrimSuffix(reasons, "."), ", ") {
		_, reason, _ := strings.Cut(part, " ")
		if !strings.HasPrefix(reason, "Insufficient ") && reason != "Too many pods" {
			return false
		}
	}
	return true
}

// preempted: the scheduler removed a lower-priority pod to make room.
// Facts.From is the more important employee, Facts.To the store.
func preempted(r sim.Record) string {
	who := "a more important employee"
	if r.Facts.From != "" {
		who = "a more important employee, " + r.Facts.From
	}
	where := ""
	if r.Facts.To != "" {
		where = " from " + r.Facts.To
	}
	return sentence(staffingDesk + " sends " + employee(r) + " home" + where + " to make room for " + who)
}
