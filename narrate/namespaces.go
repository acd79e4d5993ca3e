package narrate

import "github.com/nodenucleus/nucleus/sim"

// namespaceTeller returns the teller for what the namespace controller
// records, or nil. A namespace is a division of the chain: its own
// orders, employees and counters under one name.
func namespaceTeller(reason string) teller {
	if reason == "NamespaceDeleted" {
		return namespaceDeleted
	}
	return nil
}

func namespaceDeleted(r sim.Record) string {
	return sentence(headOffice + " closes division " + r.Object.Name + ": its orders, employees and counters are gone, and its name comes off the door")
}
