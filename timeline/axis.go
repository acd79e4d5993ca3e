package timeline

import (
	"fmt"
	"time"

	"github.com/nodenucleus/nucleus/sim"
)

// tickSteps are the spacings a time axis may use, smallest first: each a
// step a reader can count in.
var tickSteps = [...]time.Duration{
	time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second, 15 * time.Second, 30 * time.Second,
	time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour,
}

// TickStep returns the spacing of the time axis for a span: the smallest
// of 1s, 2s, 5s, 10s, 15s, 30s, 1m, 2m, 5m, ... that gives at most
// maxTicks intervals. maxTicks below 1 counts as 1.
func TickStep(span time.Duration, maxTicks int) time.Duration {
	maxTicks = max(maxTicks, 1)
	for _, s := range tickSteps {
		if span <= s*time.Duration(maxTicks) {
			return s
		}
	}
	return tickSteps[len(tickSteps)-1]
}

// Ticks returns the instants of the axis ticks from start to end, every
// step from start, start included.
func Ticks(start, end sim.Time, step time.Duration) []sim.Time {
	if step <= 0 {
		panic("timeline.Ticks: step must be positive")
	}
	var out []sim.Time
	for t := start; t <= end; t = t.Add(step) {
		out = append(out, t)
	}
	return out
}

// TickLabel returns an axis label for an elapsed time: "01:30" (minutes
// and seconds) when long is false, "1:01:30" when the axis runs past an
// hour.
func TickLabel(elapsed time.Duration, long bool) string {
	s := int64(elapsed / time.Second)
	if long {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}

// longAxis reports whether a timeline's axis needs hours in its labels.
func (tl *Timeline) longAxis() bool { return tl.End.Sub(tl.Start) >= time.Hour }

// span returns the timeline's duration, at least one second so that a
// picture of an instant still has a width.
func (tl *Timeline) span() time.Duration {
	return max(tl.End.Sub(tl.Start), time.Second)
}

// Second returns the instant n seconds after the epoch: a shorthand for
// building timelines by hand.
func Second(n int) sim.Time { return sim.Time(time.Duration(n) * time.Second) }
