package narrate

import "github.com/nodenucleus/nucleus/sim"

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
func failedScheduling(r sim.Record) string {
	return sentence(staffingDesk + " finds no store with room for " + employee(r) + detail(r))
}

// preempted: the scheduler removed a lower-priority pod to make room.
func preempted(r sim.Record) string {
	return sentence(staffingDesk + " lets " + employee(r) +
		" go to make room for a more important employee")
}
