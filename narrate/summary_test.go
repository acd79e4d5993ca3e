package narrate

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/nodenucleus/nucleus/sim"
)

// summaryRecord returns a record about pod name at t.
func summaryRecord(t sim.Time, kind sim.Kind, reason, name, from, to string) sim.Record {
	return sim.Record{Time: t, Kind: kind, Reason: reason, Object: sim.ObjectRef{Kind: "Pod", Name: name},
		Facts: sim.Facts{From: from, To: to}}
}

// sec returns n seconds of virtual time.
func sec(n int) sim.Time { return sim.Time(time.Duration(n) * time.Second) }

// TestSummaryTellsMilestones: a summary of 20 pods on 4 stores tells the
// totals when all 20 have a store, at each tenth Running (every second
// pod), and at the end; a pod that leaves Running, or is deleted while
// Running, is counted out, and a tenth already told is not told again.
// The ReplicaSet's records and the pods' other records tell nothing.
func TestSummaryTellsMilestones(t *testing.T) {
	var out bytes.Buffer
	s := NewSummary(New(&out, Kubernetes), 4, 20)
	s.Observe(sim.Record{Reason: "SuccessfulCreate", Object: sim.ObjectRef{Kind: "ReplicaSet", Name: "web-1"}})
	for range 20 {
		s.Observe(summaryRecord(0, sim.Event, "Scheduled", "web", "", ""))
		s.Observe(summaryRecord(0, sim.Event, "Pulling", "web", "", ""))
	}
	for i := range 5 {
		s.Observe(summaryRecord(sec(i+1), sim.Change, "PhaseChanged", fmt.Sprintf("web-%d", i), "Pending", "Running"))
	}
	s.Observe(summaryRecord(sec(6), sim.Change, "PhaseChanged", "web-0", "Running", "Failed"))
	s.Observe(summaryRecord(sec(6), sim.Change, "Deleted", "web-1", "", ""))
	s.Observe(summaryRecord(sec(6), sim.Change, "Deleted", "web-9", "", "")) // never Running
	s.Observe(summaryRecord(sec(7), sim.Change, "PhaseChanged", "web-5", "Pending", "Running"))
	s.Observe(summaryRecord(sec(8), sim.Change, "PhaseChanged", "web-6", "Pending", "Running")) // back to 5: 20% already told
	s.Finish(sec(9))
	want := []string{
		"00:00:00 head-office # nucleus Totals 0 of 20 pods Running (0%), 20 scheduled, on 4 nodes",
		"00:00:02 head-office # nucleus Totals 2 of 20 pods Running (10%), 20 scheduled, on 4 nodes",
		"00:00:04 head-office # nucleus Totals 4 of 20 pods Running (20%), 20 scheduled, on 4 nodes",
		"00:00:09 head-office # nucleus Totals 5 of 20 pods Running (25%), 20 scheduled, on 4 nodes",
	}
	assert.Equal(t, strings.Join(want, "\n")+"\n", out.String())
	assert.Equal(t, int64(5), s.Totals().Running)
}

// TestSummaryVoices: the storefront voice tells the same totals as the
// technical one, in the glossary's words (employees, stores), with the
// thousands grouped; without a known number of pods wanted, neither says
// "of" or a percentage.
func TestSummaryVoices(t *testing.T) {
	totals := Totals{Time: 206_000_000, Stores: 5000, Wanted: 150000, Scheduled: 150000, Running: 15000}
	assert.Equal(t, "00:00:00.206 head-office # nucleus Totals 15000 of 150000 pods Running (10%), 150000 scheduled, on 5000 nodes",
		TechnicalTotals(totals))
	assert.Equal(t, "00:00:00.206 head-office 15,000 of 150,000 employees are at work (10%); 150,000 have a store, across 5,000 stores.",
		StorefrontTotals(totals))
	totals.Wanted = 0
	assert.Equal(t, "00:00:00.206 head-office # nucleus Totals 15000 pods Running, 150000 scheduled, on 5000 nodes", TechnicalTotals(totals))
	assert.Equal(t, "00:00:00.206 head-office 15,000 employees are at work; 150,000 have a store, across 5,000 stores.", StorefrontTotals(totals))

	var out bytes.Buffer
	s := NewSummary(New(&out, Both), 1, 0)
	s.Observe(summaryRecord(0, sim.Change, "PhaseChanged", "web", "Pending", "Running"))
	assert.Empty(t, out.String(), "no milestone without a number of pods wanted")
	s.Finish(sec(1))
	assert.Equal(t, "00:00:01 head-office # nucleus Totals 1 pods Running, 0 scheduled, on 1 nodes\n"+
		"00:00:01 head-office 1 employees are at work; 0 have a store, across 1 stores.\n", out.String())
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 30000: "30,000",
		150000: "150,000", 1234567: "1,234,567", -1500: "-1,500"} {
		assert.Equal(t, want, thousands(n), "thousands(%d)", n)
	}
}
