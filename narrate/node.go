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
	case "NodeHasNoDiskPressure":
		return nodeHasNoDiskPressure
	case "NodeHasDiskPressure":
		return nodeHasDiskPressure
	case "ContainersGarbageCollected":
		return containersGarbageCollected
	case "ImageGarbageCollected":
		return imageGarbageCollected
	case "FreeDiskSpaceFailed":
		return freeDiskSpaceFailed
	case "ImageGCFailed":
		return imageGCFailed
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

// The store's disk is its storeroom: images (training manuals), the
// jobs' scratch files and logs, and the employees' shared boxes
// (emptyDirs) all take room there.

func nodeHasNoDiskPressure(r sim.Record) string {
	return sentence(store(r) + "'s storeroom has room to spare")
}

func nodeHasDiskPressure(r sim.Record) string {
	return sentence(store(r) + "'s storeroom is nearly full; head office sends no new employees, and employees may be sent home")
}

// containersGarbageCollected: the kubelet removed dead containers (their
// writable layers and logs) to free disk.
func containersGarbageCollected(r sim.Record) string {
	return sentence(manager + " clears the storeroom of the papers left by jobs that are over")
}

// imageGarbageCollected: the kubelet removed an unused image; Facts.Image
// names it.
func imageGarbageCollected(r sim.Record) string {
	return sentence(manager + " throws out the training manual " + r.Facts.Image + ", which no job uses, to make room in the storeroom")
}

// freeDiskSpaceFailed: the image garbage collection could not free enough.
func freeDiskSpaceFailed(r sim.Record) string {
	return sentence(manager + " finds too few unused training manuals to throw out: the storeroom stays full")
}

// imageGCFailed: the image garbage collection failed twice in a row.
func imageGCFailed(r sim.Record) string {
	return sentence(manager + " has again found too few unused training manuals to throw out, and writes it in the logbook")
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
