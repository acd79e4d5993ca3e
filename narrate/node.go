package narrate

import "github.com/nodenucleus/nucleus/sim"

// nodeTeller returns the teller for an event about a node (a store), or nil.
func nodeTeller(reason string) teller {
	switch reason {
	case "NodeReady":
		return nodeReady
	case "NodeNotReady":
		return nodeNotReady
	case "RegisteredNode":
		return registeredNode
	case "NodeHasSufficientMemory":
		return nodeHasSufficientMemory
	case "NodeHasInsufficientMemory":
		return nodeHasInsufficientMemory
	case "Starting":
		return starting
	case "Rebooted":
		return rebooted
	}
	return nil
}

func nodeReady(r sim.Record) string {
	return sentence(manager + " tells " + headOffice + " that " + store(r) + " is open for employees")
}

func nodeNotReady(r sim.Record) string {
	return sentence(store(r) + " is not ready for employees")
}

// registeredNode: the node lifecycle controller has seen the node.
func registeredNode(r sim.Record) string {
	return sentence(headOffice + " adds " + store(r) + " to the retail chain")
}

func nodeHasSufficientMemory(r sim.Record) string {
	return sentence(store(r) + " has enough memory to go around")
}

func nodeHasInsufficientMemory(r sim.Record) string {
	return sentence(store(r) + " is running short of memory; employees may be sent home")
}

// starting: a node component started; Source.Component says which.
func starting(r sim.Record) string {
	if r.Source.Component == "kube-proxy" {
		return sentence(serviceDesk + " at " + store(r) + " opens")
	}
	return sentence(manager + " arrives and opens " + store(r))
}

// rebooted: the node restarted, so every container on it starts again.
func rebooted(r sim.Record) string {
	return sentence(store(r) + " closed and reopened: every employee must start their jobs again")
}
