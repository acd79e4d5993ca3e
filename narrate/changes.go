package narrate

import "github.com/nodenucleus/nucleus/sim"

// changeTeller returns the teller for a Change record, a state change that
// Kubernetes keeps in an object's status rather than in an Event, or nil.
func changeTeller(reason string) teller {
	switch reason {
	case "PhaseChanged":
		return phaseChanged
	case "ContainerExited":
		return containerExited
	case "ReadyChanged":
		return readyChanged
	case "ResizeAllocated":
		return resizeAllocated
	case "Resized":
		return resized
	case "ResizePending":
		return resizePending
	case "ResizeError":
		return resizeError
	case "Terminating":
		return terminating
	case "Deleted":
		return deleted
	case "EndpointsChanged":
		return endpointsChanged
	case "RulesSynced":
		return rulesSynced
	case "NodeLost", "NodeUnknown":
		return nodeLost
	case "Customer":
		return customer
	case "CustomersServed":
		return customersServed
	}
	return nil
}

// phaseChanged: Facts.From and Facts.To are pod phases.
func phaseChanged(r sim.Record) string {
	who := employee(r)
	switch r.Facts.To {
	case "Pending":
		return sentence(who + " is waiting to start work")
	case "Running":
		return sentence(who + " is on the floor")
	case "Succeeded":
		return sentence(who + " finished the work and clocks out")
	case "Failed":
		return sentence(who + "'s shift ended in failure")
	case "Unknown":
		return sentence(headOffice + " has lost track of " + who)
	}
	return sentence(who + " moves from " + r.Facts.From + " to " + r.Facts.To)
}

// containerExited: Facts.ExitCode is the exit code and Facts.To the
// terminated reason (Completed, Error, OOMKilled, ...).
func containerExited(r sim.Record) string {
	why := itoa32(r.Facts.ExitCode)
	if r.Facts.To != "" {
		why += ": " + r.Facts.To
	}
	return sentence(employeesJob(r) + " ended (exit code " + why + ")")
}

// readyChanged: Facts.To is the pod's Ready condition, "True" or "False".
func readyChanged(r sim.Record) string {
	if r.Facts.To == "True" {
		return sentence(employee(r) + " is ready to serve customers")
	}
	return sentence(employee(r) + " is no longer serving customers")
}

// terminating: the pod was deleted with a grace period (Facts.Duration). The
// store is the record's store, else Facts.To.
func terminating(r sim.Record) string {
	where := r.Source.Store
	if where == "" {
		where = r.Facts.To
	}
	if where == "" {
		where = "the store"
	}
	who := employee(r)
	s := headOffice + " tells " + where + " to let " + who + " go"
	if r.Facts.Duration > 0 {
		s += "; " + who + " has " + span(r.Facts.Duration) + " to wrap up"
	} else {
		s += " at once"
	}
	return sentence(s)
}

func deleted(r sim.Record) string {
	return sentence(employee(r) + "'s paperwork is filed away: the employee has left the store")
}

// endpointsChanged: Facts.Count is the number of ready endpoints of the
// Service named by the record's object.
func endpointsChanged(r sim.Record) string {
	return sentence("the desk's roster for " + counter(r) + " now lists " + employees(r.Facts.Count))
}

func rulesSynced(sim.Record) string {
	return sentence(serviceDesk + " updates its routing cards")
}

// nodeLost: the node stopped renewing its Lease and posting its status.
func nodeLost(r sim.Record) string {
	return sentence(store(r) + " has stopped calling " + headOffice)
}

// customer: a request to the Service named by the object; Facts.From is
// "served", "refused" or "dropped" and Facts.To the pod that took it.
func customer(r sim.Record) string {
	at := "a customer at " + counter(r)
	switch r.Facts.From {
	case "served":
		return sentence(at + " is served by " + orSomeone(r.Facts.To))
	case "refused":
		if r.Facts.To != "" {
			return sentence(at + " is sent to " + r.Facts.To + ", who is not taking customers (connection refused)")
		}
		return sentence(at + " is turned away: nobody is on the floor for it")
	case "failed":
		return sentence(at + " gets a bad answer from " + orSomeone(r.Facts.To))
	case "dropped":
		if r.Facts.To != "" {
			return sentence(at + " is sent to " + r.Facts.To + " but nobody answers")
		}
		return sentence(at + " waits, but nobody answers")
	}
	return sentence(at + " arrives")
}

func orSomeone(name string) string {
	if name == "" {
		return "an employee"
	}
	return name
}

// customersServed: Facts.Count customers were served at the counter over
// the last Facts.Duration.
func customersServed(r sim.Record) string {
	n := itoa32(r.Facts.Count)
	who := n + " customers were"
	if r.Facts.Count == 1 {
		who = "1 customer was"
	}
	return sentence("At " + counter(r) + ", " + who + " served in the last " + r.Facts.Duration.String())
}
