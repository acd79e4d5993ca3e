package grade

import (
	"fmt"
	"testing"
)

// deskCase is a short day at the desk: customers arrive one a second and
// each stays as long as its pod takes to serve it.
type deskCase struct {
	// serve is how many seconds each pod takes per customer.
	serve []int
	// customers is how many customers arrive, one a second.
	customers int
	// want is how many customers each pod should have served.
	want []int
	why  string
}

var deskCases = []deskCase{
	{[]int{3, 3, 3}, 12, []int{4, 4, 4}, "equally fast pods share the customers equally"},
	{[]int{2, 4, 4}, 12, []int{6, 3, 3}, "a fast pod frees up sooner, so it gets more customers"},
	{[]int{4, 2, 2}, 12, []int{3, 6, 3}, "a slow pod stays busy, so it gets fewer customers"},
}

// checkDesk runs each deskCase through pick, second by second, and
// compares how many customers each pod served.
func checkDesk(t testing.TB, pick PickFunc) {
	t.Helper()
	for _, c := range deskCases {
		got, err := runDesk(pick, c.serve, c.customers)
		if err != nil {
			t.Errorf("a day at the desk with serving times %v: %v", c.serve, err)
			continue
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("a day at the desk with serving times %v: customers served per pod = %v, want %v: %s",
				c.serve, got, c.want, c.why)
		}
	}
}

// runDesk sends customers, one a second, to the pod pick chooses; a
// customer leaves after its pod's serving time. It returns how many
// customers each pod got, or an error when pick returns an index out of
// range.
func runDesk(pick PickFunc, serve []int, customers int) ([]int, error) {
	served := make([]int, len(serve))
	var leaving [][]int // leaving[s]: the pods a customer leaves at second s
	eps := endpoints(make([]int, len(serve)))
	for s := 0; s < customers; s++ {
		if s < len(leaving) {
			for _, i := range leaving[s] {
				eps[i].Active--
			}
		}
		i := pick(append([]Endpoint(nil), eps...))
		if i < 0 || i >= len(eps) {
			return nil, fmt.Errorf("at second %d Pick(%s) = %d, which is not an index of the list", s, list(eps), i)
		}
		eps[i].Active++
		served[i]++
		end := s + serve[i]
		for len(leaving) <= end {
			leaving = append(leaving, nil)
		}
		leaving[end] = append(leaving[end], i)
	}
	return served, nil
}
