package narrate

import "github.com/nodenucleus/nucleus/sim"

// teller returns the storefront sentences for one kind of record.
type teller func(sim.Record) string

// Story returns the storefront sentence(s) for r, without the time and store
// prefix: "web starts job app.". A reason the storefront voice does not know
// is told as "The store logbook notes: <Reason> for <object>.".
func Story(r sim.Record) string {
	if t := tellerFor(r.Reason); t != nil {
		return t(r)
	}
	return fallback(r)
}

// fallback tells a record whose reason has no story of its own.
func fallback(r sim.Record) string {
	return sentence(logbook + " notes: " + r.Reason + " for " + r.Object.String())
}

// tellerFor returns the teller for a reason, or nil. The reasons are
// Kubernetes' own (Events) or nucleus's (Change records); the tellers live in
// one file per component.
func tellerFor(reason string) teller {
	if t := schedulerTeller(reason); t != nil {
		return t
	}
	if t := imageTeller(reason); t != nil {
		return t
	}
	if t := containerTeller(reason); t != nil {
		return t
	}
	if t := nodeTeller(reason); t != nil {
		return t
	}
	if t := headOfficeTeller(reason); t != nil {
		return t
	}
	if t := jobTeller(reason); t != nil {
		return t
	}
	if t := cronJobTeller(reason); t != nil {
		return t
	}
	if t := storageTeller(reason); t != nil {
		return t
	}
	if t := disruptionTeller(reason); t != nil {
		return t
	}
	if t := autoscalerTeller(reason); t != nil {
		return t
	}
	if t := namespaceTeller(reason); t != nil {
		return t
	}
	if t := workOrderTeller(reason); t != nil {
		return t
	}
	return changeTeller(reason)
}
