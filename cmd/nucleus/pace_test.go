package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/server"
	"github.com/nodenucleus/nucleus/sim"
)

// fakeClock is a wall clock for tests: Now moves on by step at every
// call, and Sleep only adds up how long it was asked to sleep.
type fakeClock struct {
	now   time.Time
	step  time.Duration
	slept time.Duration
	naps  int
}

func (c *fakeClock) Now() time.Time {
	c.now = c.now.Add(c.step)
	return c.now
}

func (c *fakeClock) Sleep(d time.Duration) {
	c.slept += d
	c.naps++
}

// nucleusWithClock runs the command line with a fake clock.
func nucleusWithClock(t *testing.T, clock *fakeClock, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := execute(args, streams{in: strings.NewReader(""), out: &out, errOut: &errOut, clock: clock})
	return result{out: out.String(), errOut: errOut.String(), code: code}
}

func TestParsePace(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"10x", 10, true},
		{"1x", 1, true},
		{"0.5x", 0.5, true},
		{"10", 0, false},
		{"x", 0, false},
		{"0x", 0, false},
		{"-2x", 0, false},
		{"NaNx", 0, false},
		{"2e9x", 0, false},
		{"fastx", 0, false},
	}
	for _, tt := range tests {
		got, err := server.ParsePace(tt.in)
		if tt.ok {
			assert.NoError(t, err, "server.ParsePace(%q)", tt.in)
			assert.Equal(t, tt.want, got, "server.ParsePace(%q) = %g, want %g", tt.in, got, tt.want)
		} else {
			assert.Error(t, err, "server.ParsePace(%q) = %g, want an error", tt.in, got)
		}
	}
}

func TestPacerSleepsVirtualGapsOverSpeed(t *testing.T) {
	at := func(s float64) sim.Time { return sim.Time(s * float64(time.Second)) }
	var naps []time.Duration
	var seen []sim.Time
	p := &pacer{next: sim.ObserverFunc(func(r sim.Record) { seen = append(seen, r.Time) }), speed: 10,
		sleep: func(d time.Duration) { naps = append(naps, d) }}
	for _, t := range []sim.Time{0, 0, at(1), at(1), at(11), at(11.5)} {
		p.Observe(sim.Record{Time: t})
	}
	// Records at the same instant pass at once; 1s of virtual time at 10x
	// is 100ms of wall time.
	assert.Equal(t, []time.Duration{100 * time.Millisecond, time.Second, 50 * time.Millisecond}, naps, "pacer naps at 10x")
	assert.Len(t, seen, 6, "pacer passes every record on")
}

func TestRunPaced(t *testing.T) {
	// With --pace 10x the whole narration of busybox (its last record at
	// about 30s) takes a tenth of its virtual time on the wall clock.
	clock := &fakeClock{}
	paced := nucleusWithClock(t, clock, "run", "--pace", "10x", "--for", "1m", busybox)
	require.Equal(t, exitOK, paced.code, "run --pace 10x exit code; stderr: %s", paced.errOut)
	plain := nucleus(t, "", "run", "--for", "1m", busybox)
	assert.Equal(t, plain.out, paced.out, "run --pace 10x prints what run prints")
	assert.Greater(t, clock.naps, 1, "run --pace 10x naps")
	assert.InDelta(t, 3*time.Second, clock.slept, float64(500*time.Millisecond), "run --pace 10x slept %s", clock.slept)
	assert.Empty(t, paced.errOut, "run --pace prints no progress line")
}

func TestRunProgress(t *testing.T) {
	// The fake wall clock moves 1s at each look: a line every other record.
	clock := &fakeClock{step: time.Second}
	r := nucleusWithClock(t, clock, "run", "--progress", "--voice", "kubernetes", "--for", "1m", busybox)
	require.Equal(t, exitOK, r.code, "run --progress exit code; stderr: %s", r.errOut)
	lines := strings.Split(strings.TrimSuffix(r.errOut, "\n"), "\n")
	require.NotEmpty(t, lines, "run --progress lines")
	assert.Equal(t, "simulated 00:00:00 of 00:01:00 (0%)", lines[0], "first progress line")
	for _, l := range lines {
		assert.Regexp(t, `^simulated \d\d:\d\d:\d\d of 00:01:00 \(\d+%\)$`, l, "progress line")
	}
	quiet := nucleusWithClock(t, &fakeClock{step: time.Second}, "run", "--for", "1m", busybox)
	assert.Empty(t, quiet.errOut, "run without --progress on a non-terminal")
}

func TestProgressLine(t *testing.T) {
	hour := sim.Time(time.Hour)
	tests := []struct {
		at   sim.Time
		want string
	}{
		{sim.Time(12 * time.Minute), "simulated 00:12:00 of 01:00:00 (20%)"},
		{sim.Time(12*time.Minute + 500*time.Millisecond), "simulated 00:12:00 of 01:00:00 (20%)"},
		{hour, "simulated 01:00:00 of 01:00:00 (100%)"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, progressLine(tt.at, hour), "progressLine(%s, 1h)", tt.at)
	}
}

func TestRunProgressInSummary(t *testing.T) {
	// A run told in summary says on its progress line how many pods are
	// Running and scheduled: at scale the clock stays near 00:00:00 while
	// head office hires them all. The busybox pod runs, then completes.
	// The fake clock moves 1s at each look.
	clock := &fakeClock{step: time.Second}
	r := nucleusWithClock(t, clock, "run", "--progress", "--narration", "summary", "--for", "1m", busybox)
	require.Equal(t, exitOK, r.code, "stderr: %s", r.errOut)
	lines := strings.Split(strings.TrimSuffix(r.errOut, "\n"), "\n")
	require.NotEmpty(t, lines, "progress lines")
	assert.Equal(t, "simulated 00:00:00 of 00:01:00 (0%), 0 of 1 pods Running, 1 scheduled", lines[0], "first progress line")
	assert.Contains(t, r.errOut, ", 1 of 1 pods Running, 1 scheduled\n", "the pod Running")
	for _, l := range lines {
		assert.Regexp(t, `^simulated \d\d:\d\d:\d\d of 00:01:00 \(\d+%\), [01] of 1 pods Running, [01] scheduled$`, l)
	}
}

// countingClock is a fakeClock that counts the looks at it.
type countingClock struct {
	fakeClock
	looks int
}

func (c *countingClock) Now() time.Time {
	c.looks++
	return c.fakeClock.Now()
}

func TestProgressLooksLessWhenRecordsComeFast(t *testing.T) {
	// Records a microsecond apart: after a few looks the progress line
	// looks at the clock once every progressMaxStride records, yet writes
	// its line every progressEvery (2s) of wall time all the same.
	fast := &countingClock{}
	var out bytes.Buffer
	p := newProgress(&out, fast, sim.Time(time.Minute))
	const records = 1 << 22
	for range records {
		fast.now = fast.now.Add(time.Microsecond)
		p.Observe(sim.Record{})
	}
	assert.Less(t, fast.looks, 2*records/progressMaxStride, "looks at a fast clock")
	assert.Equal(t, progressMaxStride, p.stride, "stride at a fast clock")
	// 4.2s of records: a line at 2s and one at 4s.
	assert.Equal(t, strings.Repeat("simulated 00:00:00 of 00:01:00 (0%)\n", 2), out.String(), "progress lines")

	// Records a second apart: a look at every record, a line every other.
	slow := &countingClock{fakeClock: fakeClock{step: time.Second}}
	out.Reset()
	p = newProgress(&out, slow, sim.Time(time.Minute))
	for range 10 {
		p.Observe(sim.Record{})
	}
	assert.Equal(t, 11, slow.looks, "looks at a slow clock (one by newProgress)")
	assert.Equal(t, 5, strings.Count(out.String(), "\n"), "progress lines at a slow clock")
}
