package sim

import (
	"fmt"
	"math"
	"time"
)

// Epoch is the wall-clock instant of virtual time zero: 2025-01-01T00:00:00Z.
// Timestamps that reach Kubernetes objects (creationTimestamp, startedAt, ...)
// are Epoch plus the virtual time, so they are the same in every run.
var Epoch = time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)

// Time is an instant of virtual time: nanoseconds since [Epoch].
type Time int64

// MaxSeconds is the longest span, in seconds, that Seconds gives:
// math.MaxInt32 seconds, about 68 years. It is the range Kubernetes gives
// most of its seconds fields (activeDeadlineSeconds, probe periods), far
// longer than any run, and short enough that the clock plus it never
// overflows.
const MaxSeconds = math.MaxInt32

// Seconds returns n seconds as a duration, for a count of seconds a user
// wrote (a grace period, a tolerationSeconds, a sleep): negative counts
// give 0, and counts above MaxSeconds give MaxSeconds, so that the
// multiplication, and the instant now plus it, never overflow.
func Seconds(n int64) time.Duration {
	return time.Duration(min(max(n, 0), MaxSeconds)) * time.Second
}

// Add returns t+d.
func (t Time) Add(d time.Duration) Time { return t + Time(d) }

// Sub returns the duration t-u.
func (t Time) Sub(u Time) time.Duration { return time.Duration(t - u) }

// Duration returns the time elapsed since the epoch.
func (t Time) Duration() time.Duration { return time.Duration(t) }

// Wall returns the wall-clock instant t stands for.
func (t Time) Wall() time.Time { return Epoch.Add(time.Duration(t)) }

// At returns the virtual instant of a wall-clock time.
func At(w time.Time) Time { return Time(w.Sub(Epoch)) }

// String formats t as elapsed hours, minutes and seconds, "01:02:03", the
// way narration prints it. Fractions of a second are shown only when present
// ("00:00:01.5").
func (t Time) String() string {
	d := time.Duration(t)
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	h := d / time.Hour
	m := (d % time.Hour) / time.Minute
	s := (d % time.Minute) / time.Second
	frac := d % time.Second
	out := fmt.Sprintf("%s%02d:%02d:%02d", sign, h, m, s)
	if frac != 0 {
		f := fmt.Sprintf("%.9f", float64(frac)/float64(time.Second))
		// drop "0" and trailing zeros: 0.500000000 -> .5
		f = f[1:]
		for f[len(f)-1] == '0' {
			f = f[:len(f)-1]
		}
		out += f
	}
	return out
}
