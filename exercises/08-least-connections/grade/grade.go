package grade

import (
	"fmt"
	"strings"
	"testing"
)

// Endpoint is one pod behind a Service, as the IPVS desk sees it: a real
// server and the connections it is serving now.
type Endpoint struct {
	// Pod names the pod (the employee).
	Pod string
	// Address is the pod's IP and port: "10.244.0.5:8080".
	Address string
	// Active is how many connections the pod is serving now.
	Active int
}

// String returns "web-1(3)": the pod and its active connections.
func (e Endpoint) String() string { return fmt.Sprintf("%s(%d)", e.Pod, e.Active) }

// PickFunc chooses the endpoint for a new connection and returns its
// index in endpoints, or -1 when endpoints is empty.
type PickFunc func(endpoints []Endpoint) int

// Check grades pick against the least-connections contract in README.md,
// and reports each broken rule with what pick returned, what it should
// have returned and why.
func Check(t testing.TB, pick PickFunc) {
	t.Helper()
	checkRules(t, pick)
	checkUnchanged(t, pick)
	checkDesk(t, pick)
}

// rule is one table case: the endpoints, the index wanted, and the rule
// it shows.
type rule struct {
	active []int
	want   int
	why    string
}

var rules = []rule{
	{nil, -1, "with no endpoints there is no one to send the customer to"},
	{[]int{7}, 0, "a single endpoint gets every customer"},
	{[]int{3, 1, 2}, 1, "the endpoint with the fewest active connections wins"},
	{[]int{5, 4, 0}, 2, "the fewest may be the last one"},
	{[]int{0, 4, 5}, 0, "the fewest may be the first one"},
	{[]int{2, 2, 2}, 0, "on a tie the first endpoint in order wins, as ipvs lc does"},
	{[]int{4, 1, 3, 1}, 1, "on a tie the first endpoint in order wins, even when a later one ties"},
	{[]int{1000000, 999999, 1000000}, 1, "large counts compare like small ones"},
}

// checkRules runs the table of rules.
func checkRules(t testing.TB, pick PickFunc) {
	t.Helper()
	for _, r := range rules {
		eps := endpoints(r.active)
		if got := pick(eps); got != r.want {
			t.Errorf("Pick(%s) = %d, want %d: %s", list(eps), got, r.want, r.why)
		}
	}
}

// checkUnchanged makes sure pick only reads the list.
func checkUnchanged(t testing.TB, pick PickFunc) {
	t.Helper()
	eps := endpoints([]int{3, 1, 2})
	before := list(eps)
	pick(eps)
	if after := list(eps); after != before {
		t.Errorf("Pick(%s) changed its argument to %s: choosing must not change the counts (the desk counts a connection once it is made)", before, after)
	}
}

// endpoints returns one endpoint per count, named web-0, web-1, ...
func endpoints(active []int) []Endpoint {
	out := make([]Endpoint, len(active))
	for i, a := range active {
		out[i] = Endpoint{Pod: fmt.Sprintf("web-%d", i), Address: fmt.Sprintf("10.244.0.%d:8080", 10+i), Active: a}
	}
	return out
}

// list returns "[web-0(3) web-1(1)]".
func list(eps []Endpoint) string {
	parts := make([]string, len(eps))
	for i, e := range eps {
		parts[i] = e.String()
	}
	return "[" + strings.Join(parts, " ") + "]"
}
