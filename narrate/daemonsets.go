package narrate

import "github.com/nodenucleus/nucleus/sim"

// doorRule is the DaemonSet controller's word: one greeter at every
// store's door.
const doorRule = "head office's door rule"

// daemonSetCreate: Facts.To is the new pod, Facts.From the store it is
// hired for.
func daemonSetCreate(r sim.Record) string {
	return sentence(doorRule + " hires greeter " + orSomeone(r.Facts.To) + " for " + orSomeStore(r.Facts.From) + "'s door (team " + r.Object.Name + ")")
}

// daemonSetDelete: Facts.To is the pod let go, Facts.From its store.
func daemonSetDelete(r sim.Record) string {
	return sentence(doorRule + " lets greeter " + orSomeone(r.Facts.To) + " go from " + orSomeStore(r.Facts.From) + "'s door (team " + r.Object.Name + ")")
}

// orSomeStore returns name, or "a store" when it is empty.
func orSomeStore(name string) string {
	if name == "" {
		return "a store"
	}
	return name
}
