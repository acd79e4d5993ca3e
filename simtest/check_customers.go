package simtest

import (
	"time"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/sim"
)

// customerCount is what the records told of one Service's customers: each
// customer not served is a record of its own, the served ones are summed
// every ten seconds.
type customerCount struct {
	tally cluster.Tally
}

// checkCustomers: every customer is counted exactly once. Each event adds
// at most one customer; the tallies by outcome match the records the
// customers left; the tallies by pod add up.
func (k *checker) checkCustomers(st Step) *finding {
	if k.customerRecords == nil {
		k.customerRecords = map[string]*customerCount{}
	}
	for _, r := range st.Records {
		if r.Source.Component != "customers" {
			continue
		}
		c := k.serviceCount(r.Object)
		switch r.Reason {
		case "Customer":
			addOutcome(&c.tally, r.Facts.From)
		case "CustomersServed":
			c.tally.Served += int(r.Facts.Count)
		}
	}
	total := 0
	sums := map[string]cluster.Tally{}
	for _, t := range st.Traffic {
		total += t.Tally.Total()
		if f := byPodAddsUp(t); f != nil {
			return f
		}
		key := t.Spec.Namespace + "/" + t.Spec.Service
		s := sums[key]
		s.Served, s.Failed, s.Refused, s.Dropped = s.Served+t.Tally.Served, s.Failed+t.Tally.Failed, s.Refused+t.Tally.Refused, s.Dropped+t.Tally.Dropped
		sums[key] = s
	}
	if total > k.customersTotal+1 {
		return found(CustomersCounted, "one event counted %d customers", total-k.customersTotal)
	}
	k.customersTotal = total
	for key, s := range sums {
		seen := k.customerRecords[key]
		if seen == nil {
			seen = &customerCount{}
		}
		if s.Failed != seen.tally.Failed || s.Refused != seen.tally.Refused || s.Dropped != seen.tally.Dropped || s.Served < seen.tally.Served {
			return found(CustomersCounted, "service %s tallies %+v, but the records tell %+v", key, s, seen.tally)
		}
	}
	return nil
}

// serviceCount returns the record count for a Service.
func (k *checker) serviceCount(o sim.ObjectRef) *customerCount {
	key := o.Namespace + "/" + o.Name
	c := k.customerRecords[key]
	if c == nil {
		c = &customerCount{}
		k.customerRecords[key] = c
	}
	return c
}

// byPodAddsUp checks that a stream's tallies by pod add up to no more
// than its tally, and that every served customer was served by a pod.
func byPodAddsUp(t *cluster.Traffic) *finding {
	var sum cluster.Tally
	for _, p := range t.ByPod {
		sum.Served, sum.Failed, sum.Refused, sum.Dropped = sum.Served+p.Served, sum.Failed+p.Failed, sum.Refused+p.Refused, sum.Dropped+p.Dropped
	}
	if sum.Served != t.Tally.Served || sum.Failed != t.Tally.Failed || sum.Total() > t.Tally.Total() {
		return found(CustomersCounted, "customers of %s by pod %+v do not add up to %+v", t.Spec.Service, sum, t.Tally)
	}
	return nil
}

// finalCustomers: once the streams are over and summed up, the served
// customers the records told match the tallies exactly.
func (k *checker) finalCustomers(traffic []*cluster.Traffic, s *scenario.Scenario) *finding {
	served := map[string]int{}
	for _, a := range s.Spec.Actions {
		if c := a.Customers; c != nil && a.At+c.For+scenario.Duration(11*time.Second) > s.Spec.Duration {
			return nil // a stream not yet summed up
		}
	}
	for _, t := range traffic {
		served[t.Spec.Namespace+"/"+t.Spec.Service] += t.Tally.Served
	}
	for key, n := range served {
		seen := k.customerRecords[key]
		if seen != nil && seen.tally.Served != n {
			return found(CustomersCounted, "service %s served %d customers, but the records tell %d", key, n, seen.tally.Served)
		}
	}
	return nil
}

// addOutcome counts one customer of that outcome.
func addOutcome(t *cluster.Tally, outcome string) {
	switch outcome {
	case cluster.Served:
		t.Served++
	case cluster.Failed:
		t.Failed++
	case cluster.Refused:
		t.Refused++
	case cluster.Dropped:
		t.Dropped++
	}
}
