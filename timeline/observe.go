package timeline

import (
	"strconv"
	"strings"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/sim"
)

// Reasons the recorder reads from the record, as the kubelet and the
// customers' traffic spell them.
const (
	reasonUnhealthy       = "Unhealthy"
	reasonKilling         = "Killing"
	reasonCustomer        = "Customer"
	reasonCustomersServed = "CustomersServed"
	outcomeServed         = "served"
)

// observe takes one record: probe failures and kills become marks on the
// container's row, customers are counted for the pod they reached.
func (r *Recorder) observe(rec sim.Record) {
	switch rec.Reason {
	case reasonUnhealthy, reasonKilling:
		r.mark(rec)
	case reasonCustomer:
		if rec.Facts.To != "" && rec.Facts.From != outcomeServed {
			r.track(apiserver.Key{Namespace: rec.Object.Namespace, Name: rec.Facts.To}).customers.Failed++
		}
	case reasonCustomersServed:
		for pod, n := range servedByPod(rec.Message) {
			r.track(apiserver.Key{Namespace: rec.Object.Namespace, Name: pod}).customers.Served += n
		}
	}
}

// mark adds a ProbeFailure or Kill mark to the container a kubelet event
// is about.
func (r *Recorder) mark(rec sim.Record) {
	if rec.Object.Kind != "Pod" {
		return
	}
	name, init := containerOf(rec)
	if name == "" {
		return
	}
	c := r.track(apiserver.Key{Namespace: rec.Object.Namespace, Name: rec.Object.Name}).container(name, init)
	m := Mark{At: rec.Time, Kind: Kill, Message: rec.Message}
	if rec.Reason == reasonUnhealthy {
		m.Kind = ProbeFailure
		m.Probe, _, _ = strings.Cut(rec.Message, " ")
	}
	c.Marks = append(c.Marks, m)
}

// containerOf returns the container an event is about, from its field path
// ("spec.initContainers{setup}") or, failing that, its facts.
func containerOf(rec sim.Record) (name string, init bool) {
	fp := rec.Object.FieldPath
	for _, prefix := range []string{"spec.initContainers{", "spec.containers{"} {
		if rest, ok := strings.CutPrefix(fp, prefix); ok {
			return strings.TrimSuffix(rest, "}"), prefix == "spec.initContainers{"
		}
	}
	return rec.Facts.Container, false
}

// servedByPod reads the per-pod counts from a CustomersServed message,
// "12 customers served in the last 10s: web-1 5, web-2 7". A part it
// cannot read is skipped.
func servedByPod(msg string) map[string]int {
	out := map[string]int{}
	_, list, ok := strings.Cut(msg, ": ")
	if !ok {
		return out
	}
	for _, part := range strings.Split(list, ", ") {
		i := strings.LastIndexByte(part, ' ')
		if i <= 0 {
			continue
		}
		n, err := strconv.Atoi(part[i+1:])
		if err != nil || n < 0 {
			continue
		}
		out[part[:i]] += n
	}
	return out
}
