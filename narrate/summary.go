package narrate

import (
	"fmt"
	"strconv"

	"github.com/nodenucleus/nucleus/sim"
)

// Totals are a chain's pod counts at an instant: what a summary tells
// instead of every event.
type Totals struct {
	Time sim.Time
	// Stores is how many stores (nodes) the chain has.
	Stores int
	// Wanted is how many pods the run asks for (0: not known).
	Wanted int64
	// Scheduled counts the scheduler's assignments (its Scheduled
	// events): a pod that replaces another counts too.
	Scheduled int64
	// Running counts the pods in phase Running now.
	Running int64
}

// Summary is an [sim.Observer] that tells a large run in summary: rather
// than one line per record, the chain's totals each time another tenth of
// the pods the run asks for is Running, and when every one of them has a
// store, in the voices of its [Narrator]. A run of 150,000 pods is a few
// dozen lines instead of millions. It counts from the records alone
// (Scheduled, a pod's phase to or from Running, a pod deleted), so it
// costs a comparison per record, and formats nothing in between.
type Summary struct {
	n         *Narrator
	t         Totals
	running   map[podName]bool // the pods in phase Running
	milestone int64            // the tenths of Wanted Running already told
	scheduled bool             // "every pod has a store" told
}

// podName names a pod in its namespace.
type podName struct{ namespace, name string }

// NewSummary returns a Summary that tells, through n, the totals of a
// chain of stores stores, of which wanted pods are asked for.
func NewSummary(n *Narrator, stores int, wanted int64) *Summary {
	if n == nil {
		panic("narrate.NewSummary: nil narrator")
	}
	// Room for the pods wanted at once: grown as 150,000 pods start, the
	// set would be copied again and again.
	room := int(min(max(wanted, 0), 1<<20))
	return &Summary{n: n, t: Totals{Stores: stores, Wanted: wanted}, running: make(map[podName]bool, room)}
}

// Observe counts r, and tells the totals when r reaches a milestone.
func (s *Summary) Observe(r sim.Record) {
	if r.Object.Kind != "Pod" {
		return
	}
	switch {
	case r.Reason == "Scheduled" && r.Kind == sim.Event:
		s.t.Scheduled++
		if !s.scheduled && s.t.Wanted > 0 && s.t.Scheduled >= s.t.Wanted {
			s.scheduled = true
			s.tell(r.Time)
		}
	case r.Reason == "PhaseChanged" && r.Facts.To == running:
		s.running[podName{r.Object.Namespace, r.Object.Name}] = true
		s.t.Running = int64(len(s.running))
		if s.t.Wanted > 0 && s.t.Running*10 >= (s.milestone+1)*s.t.Wanted && s.milestone < 10 {
			s.milestone = s.t.Running * 10 / s.t.Wanted
			s.tell(r.Time)
		}
	case r.Reason == "PhaseChanged" || r.Reason == "Deleted":
		// Out of Running, or gone while Running.
		delete(s.running, podName{r.Object.Namespace, r.Object.Name})
		s.t.Running = int64(len(s.running))
	}
}

// running is the phase a Summary counts.
const running = "Running"

// Totals returns the counts so far, at the instant of the last line told.
func (s *Summary) Totals() Totals { return s.t }

// Finish tells the totals at the end of the run, at.
func (s *Summary) Finish(at sim.Time) { s.tell(at) }

// tell writes the totals at t.
func (s *Summary) tell(t sim.Time) {
	s.t.Time = t
	s.n.tellTotals(s.t)
}

// tellTotals writes t in n's voices, the technical line first.
func (n *Narrator) tellTotals(t Totals) {
	if n.voice != Store {
		n.write(TechnicalTotals(t))
	}
	if n.voice != Kubernetes {
		n.write(StorefrontTotals(t))
	}
}

// TechnicalTotals returns t in the technical voice, as nucleus's own note
// from head office:
//
//	00:00:00.206 head-office # nucleus Totals 15000 of 150000 pods Running (10%), 150000 scheduled, on 5000 nodes
func TechnicalTotals(t Totals) string {
	return fmt.Sprintf("%v head-office %s nucleus Totals %d%s pods Running%s, %d scheduled, on %d nodes",
		t.Time, NoteMark, t.Running, ofWanted(t, strconv.FormatInt), percent(t), t.Scheduled, t.Stores)
}

// StorefrontTotals returns t in the storefront voice:
//
//	00:00:00.206 head-office 15,000 of 150,000 employees are at work (10%); 150,000 have a store, across 5,000 stores.
func StorefrontTotals(t Totals) string {
	return fmt.Sprintf("%v head-office %s%s employees are at work%s; %s have a store, across %s stores.",
		t.Time, thousands(t.Running), ofWanted(t, func(n int64, _ int) string { return thousands(n) }), percent(t),
		thousands(t.Scheduled), thousands(int64(t.Stores)))
}

// ofWanted returns " of WANTED", or "" when Wanted is not known.
func ofWanted(t Totals, format func(int64, int) string) string {
	if t.Wanted <= 0 {
		return ""
	}
	return " of " + format(t.Wanted, 10)
}

// percent returns " (P%)", Running over Wanted rounded down, or "" when
// Wanted is not known.
func percent(t Totals) string {
	if t.Wanted <= 0 {
		return ""
	}
	return fmt.Sprintf(" (%d%%)", t.Running*100/t.Wanted)
}

// thousands returns n with a comma between each group of three digits:
// "150,000".
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3+1)
	if neg {
		out = append(out, '-')
	}
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}
