package narrate

import (
	"strings"

	"github.com/nodenucleus/nucleus/sim"
)

// workOrderTeller returns the teller for a scenario's actions, and for the
// changes a client of `nucleus serve` makes (each is one): head office
// receives a work order, a change, a dismissal. Nil for another reason.
func workOrderTeller(reason string) teller {
	switch reason {
	case "ScenarioAction":
		return workOrder
	case "ScenarioActionFailed":
		return workOrderRefused
	}
	return nil
}

// thing names the object of a work order in the storefront's words:
// "employee web", "counter shop", "staffing plan web", "team web-5d8f",
// "store store-1".
func thing(ref sim.ObjectRef) string {
	word := strings.ToLower(ref.Kind)
	switch ref.Kind {
	case "Pod":
		word = "employee"
	case "Service":
		word = "counter"
	case "Deployment":
		word = "staffing plan"
	case "ReplicaSet":
		word = "team"
	case "ReplicationController":
		word = "staffing order"
	case "Node":
		word = "store"
	}
	return word + " " + ref.Name
}

// workOrder tells a scenario action: its message is "verb: what".
func workOrder(r sim.Record) string {
	verb, what, _ := strings.Cut(r.Message, ": ")
	t := thing(r.Object)
	switch verb {
	case "apply", "applyFile":
		return sentence(headOffice + " receives a new work order for " + t)
	case "update":
		return sentence(headOffice + " receives a change to " + t)
	case "delete":
		if r.Object.Kind == "Pod" {
			return sentence(headOffice + " receives a dismissal for " + t)
		}
		return sentence(headOffice + " receives a work order to close " + t)
	case "scale":
		n := strings.TrimSuffix(strings.TrimPrefix(what, strings.ToLower(r.Object.Kind)+" "+r.Object.Name+" to "), " replicas")
		people := n + " employees"
		if n == "1" {
			people = "1 employee"
		}
		return sentence(headOffice + " receives a change to " + t + ": " + people)
	case "store":
		switch {
		case strings.HasPrefix(what, "cordon "):
			return sentence(headOffice + " closes " + t + " to new hires")
		case strings.HasPrefix(what, "uncordon "):
			return sentence(headOffice + " opens " + t + " to new hires again")
		}
	case "bind":
		return sentence(headOffice + " receives an assignment of " + t + " to a store, made outside " + staffingDesk)
	}
	return sentence(headOffice + " receives a work order: " + what)
}

// workOrderRefused tells an action that could not be done: "verb: what
// failed: why".
func workOrderRefused(r sim.Record) string {
	_, rest, _ := strings.Cut(r.Message, ": ")
	what, why, _ := strings.Cut(rest, " failed: ")
	return sentence(headOffice + " turns down a work order (" + what + "): " + why)
}
