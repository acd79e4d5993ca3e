package grade

import (
	"fmt"
	"testing"
	"time"
)

// DelayFunc returns how long the kubelet waits, after a container's
// latest exit, before it starts the container again, when the container
// has already been restarted restarts times.
type DelayFunc func(restarts int) time.Duration

// Check grades delay against the contract in README.md, and reports each
// broken rule with what delay returned, what it should have returned and
// why.
func Check(t testing.TB, delay DelayFunc) {
	t.Helper()
	checkTable(t, delay)
	checkDay(t, delay)
}

// step is one row of the table: restarts so far, the wait wanted, and
// the rule it shows.
type step struct {
	restarts int
	want     time.Duration
	why      string
}

var steps = []step{
	{0, 0, "the first restart happens at once: the back-off starts only after it"},
	{1, 10 * time.Second, "the first wait is the initial back-off, 10s"},
	{2, 20 * time.Second, "each restart doubles the wait"},
	{3, 40 * time.Second, "each restart doubles the wait"},
	{4, 80 * time.Second, "each restart doubles the wait"},
	{5, 160 * time.Second, "each restart doubles the wait"},
	{6, 300 * time.Second, "the wait is capped at 5m (320s would be too long)"},
	{7, 300 * time.Second, "once capped, the wait stays at 5m"},
	{40, 300 * time.Second, "the wait stays at 5m however many restarts (watch for overflow)"},
	{100, 300 * time.Second, "the wait stays at 5m however many restarts (watch for overflow)"},
	{-1, 0, "a negative count is treated as no restart yet"},
}

// checkTable runs the table of steps.
func checkTable(t testing.TB, delay DelayFunc) {
	t.Helper()
	for _, s := range steps {
		if got := delay(s.restarts); got != s.want {
			t.Errorf("Delay(%d) = %v, want %v: %s", s.restarts, got, s.want, s.why)
		}
	}
}

// dayCase is a container that runs for a few seconds and exits, again
// and again, and the RESTARTS column at an instant.
type dayCase struct {
	runs time.Duration // how long each run lasts
	at   time.Duration // when the RESTARTS column is read
	want int
	why  string
}

var dayCases = []dayCase{
	{5 * time.Second, time.Minute, 3, "as scenarios/crash-loop.yaml shows: restarts at 5s, 20s and 45s"},
	{5 * time.Second, 10 * time.Minute, 6, "restarts at 5s, 20s, 45s, 1m30s, 2m55s and 5m40s; the next comes at 10m45s"},
	{0, 20 * time.Minute, 8, "a container that exits at once restarts at 0s, 10s, 30s, 1m10s, 2m30s, 5m10s, 10m10s and 15m10s"},
}

// checkDay plays each dayCase with delay and compares the RESTARTS column.
func checkDay(t testing.TB, delay DelayFunc) {
	t.Helper()
	for _, c := range dayCases {
		got, starts := restartsAt(delay, c.runs, c.at)
		if got != c.want {
			t.Errorf("a container that exits after %v: RESTARTS at %v = %d (restarted at %s), want %d: %s",
				c.runs, c.at, got, starts, c.want, c.why)
		}
	}
}

// restartsAt plays a container that exits runs after each start, and
// returns how many times it was restarted by at, and when.
func restartsAt(delay DelayFunc, runs, at time.Duration) (int, string) {
	restarts, started := 0, time.Duration(0)
	var when []time.Duration
	for restarts < 1000 {
		next := started + runs + delay(restarts)
		if next > at || next < started {
			break
		}
		restarts, started = restarts+1, next
		when = append(when, next)
	}
	return restarts, fmt.Sprint(when)
}
