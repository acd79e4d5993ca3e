package timeline

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/nodenucleus/nucleus/sim"
)

// The characters of the text picture.
const (
	charWaiting       = '.'
	charReady         = '#'
	charNotReady      = '='
	charFailed        = 'x'
	charCompleted     = 'o'
	charProbeFailure  = '!'
	charRestart       = 'R'
	charKill          = 'K'
	charPodReady      = '#'
	charPodNotReady   = '-'
	minTextSlots      = 10
	textLabelIndent   = "  "
	textReadyRowLabel = "(pod Ready)"
)

// textLegend explains the characters, under the picture.
var textLegend = []string{
	"legend: . waiting   # running, ready   = running, not ready   o terminated, completed   x terminated, error",
	"        R restarted   K killed   ! probe failed   (pod Ready) row: # ready, - not ready",
}

// span is a stretch of time drawn with one character.
type span struct {
	from, to sim.Time
	ch       byte
}

// WriteText writes the timeline for a terminal, width characters wide:
// one line per container, one character per equal slot of time, a row for
// the pod's Ready condition, a time axis and a legend. A slot shows the
// state that filled most of it, unless a mark falls in it (R restart over
// K kill over ! probe failure). It returns an error naming the width if
// it leaves fewer than 10 slots.
func (tl *Timeline) WriteText(w io.Writer, width int) error {
	labelWidth := len(textLabelIndent) + len(textReadyRowLabel)
	for _, p := range tl.Pods {
		for _, c := range p.Containers {
			labelWidth = max(labelWidth, len(textLabelIndent)+len(c.Label()))
		}
	}
	labelWidth++                // a space before the slots
	n := width - labelWidth - 1 // the axis runs one column past the slots
	if n < minTextSlots {
		return fmt.Errorf("width: Invalid value: %d: must be at least %d for these labels", width, labelWidth+minTextSlots)
	}
	g := newTextGrid(tl.Start, tl.span(), n)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Containers over time, %s to %s (one character = %v)\n",
		TickLabel(0, tl.longAxis()), TickLabel(tl.End.Sub(tl.Start), tl.longAxis()), g.slot())
	for _, p := range tl.Pods {
		fmt.Fprintln(bw, podHeading(p))
		for _, c := range p.Containers {
			row := g.fill(containerSpans(c))
			g.mark(row, c)
			fmt.Fprintf(bw, "%-*s%s\n", labelWidth, textLabelIndent+c.Label(), trimRight(row))
		}
		fmt.Fprintf(bw, "%-*s%s\n", labelWidth, textLabelIndent+textReadyRowLabel, trimRight(g.fill(readySpans(p.Ready))))
	}
	ticks, labels := g.axis(tl.longAxis())
	fmt.Fprintf(bw, "%-*s%s\n%-*s%s\n", labelWidth, "", ticks, labelWidth, "", trimRight([]byte(labels)))
	for _, l := range textLegend {
		fmt.Fprintln(bw, l)
	}
	return bw.Flush()
}

// podHeading returns the line that opens a pod's rows: its name, its
// store, and its customers when it had any.
func podHeading(p Pod) string {
	h := "pod " + p.Label()
	if p.Node != "" {
		h += " on " + p.Node
	}
	if c := p.Customers; c.Served+c.Failed > 0 {
		h += fmt.Sprintf(" (customers: %d served, %d failed)", c.Served, c.Failed)
	}
	return h
}

// containerSpans returns a container's segments as characters.
func containerSpans(c Container) []span {
	out := make([]span, 0, len(c.Segments))
	for _, s := range c.Segments {
		ch := byte(charWaiting)
		switch {
		case s.State == Running && s.Ready:
			ch = charReady
		case s.State == Running:
			ch = charNotReady
		case s.Failed():
			ch = charFailed
		case s.State == Terminated:
			ch = charCompleted
		}
		out = append(out, span{s.From, s.To, ch})
	}
	return out
}

// readySpans returns the pod's Ready condition as characters.
func readySpans(rs []ReadySpan) []span {
	out := make([]span, 0, len(rs))
	for _, r := range rs {
		ch := byte(charPodNotReady)
		if r.Ready {
			ch = charPodReady
		}
		out = append(out, span{r.From, r.To, ch})
	}
	return out
}

// slotSteps are the lengths a text slot may have: round numbers, so that
// "one character = 3s" is easy to count with.
var slotSteps = [...]time.Duration{
	10 * time.Millisecond, 20 * time.Millisecond, 50 * time.Millisecond, 100 * time.Millisecond,
	200 * time.Millisecond, 250 * time.Millisecond, 500 * time.Millisecond,
	time.Second, 2 * time.Second, 3 * time.Second, 5 * time.Second, 10 * time.Second, 15 * time.Second,
	20 * time.Second, 30 * time.Second, time.Minute, 2 * time.Minute, 3 * time.Minute, 5 * time.Minute,
	10 * time.Minute, 15 * time.Minute, 20 * time.Minute, 30 * time.Minute, time.Hour,
}

// textGrid cuts a timeline into n equal slots of a round length.
type textGrid struct {
	start sim.Time
	span  time.Duration
	step  time.Duration // the length of a slot
	n     int
}

// newTextGrid returns the grid with the shortest round slot that fits the
// span in at most maxSlots slots.
func newTextGrid(start sim.Time, span time.Duration, maxSlots int) textGrid {
	step := slotSteps[len(slotSteps)-1]
	for _, s := range slotSteps {
		if s*time.Duration(maxSlots) >= span {
			step = s
			break
		}
	}
	n := int((span + step - 1) / step)
	return textGrid{start: start, span: span, step: step, n: min(max(n, 1), maxSlots)}
}

// at returns the instant slot i begins (i == n: the end of the last slot).
func (g textGrid) at(i int) sim.Time { return g.start.Add(g.step * time.Duration(i)) }

// slot returns the length of one slot.
func (g textGrid) slot() time.Duration { return g.step }

// index returns the slot an instant falls in, the last slot for the end.
func (g textGrid) index(t sim.Time) int {
	i := int(t.Sub(g.start) / g.step)
	return min(max(i, 0), g.n-1)
}

// fill returns one character per slot: the span that covers most of the
// slot (the earlier one on a tie), or a space where none does.
func (g textGrid) fill(spans []span) []byte {
	row := []byte(strings.Repeat(" ", g.n))
	for i := range row {
		from, to := g.at(i), g.at(i+1)
		var best time.Duration
		for _, s := range spans {
			if d := min(to, s.to).Sub(max(from, s.from)); d > best {
				best, row[i] = d, s.ch
			}
		}
	}
	return row
}

// mark writes marks over a row: R beats K, K beats an exit (x or o, so
// that an exit shows even when it lasted no time), an exit beats !.
func (g textGrid) mark(row []byte, c Container) {
	rank := map[byte]int{charProbeFailure: 1, charCompleted: 2, charFailed: 2, charKill: 3, charRestart: 4}
	for _, s := range c.Segments {
		if s.State != Terminated {
			continue
		}
		ch := byte(charCompleted)
		if s.Failed() {
			ch = charFailed
		}
		if i := g.index(s.From); rank[ch] > rank[row[i]] {
			row[i] = ch
		}
	}
	for _, m := range c.Marks {
		ch := byte(charProbeFailure)
		switch m.Kind {
		case Restart:
			ch = charRestart
		case Kill:
			ch = charKill
		}
		i := g.index(m.At)
		if rank[ch] > rank[row[i]] {
			row[i] = ch
		}
	}
}

// axis returns the tick line ("+----+----") and the label line under it,
// with a tick spacing chosen so that the labels fit.
func (g textGrid) axis(long bool) (ticks, labels string) {
	labelLen := len(TickLabel(0, long))
	step := g.tickStep(labelLen + 2)
	// The axis has a column more than the slots: its last tick marks the
	// end of the last slot.
	cols := g.n + 1
	tickRow := []byte(strings.Repeat("-", cols))
	labelRow := []byte(strings.Repeat(" ", cols))
	next := 0 // the first column free for a label
	for _, t := range Ticks(g.start, g.start.Add(g.span), step) {
		col := min(int(t.Sub(g.start)/g.step), g.n)
		tickRow[col] = '+'
		at := max(min(col, cols-labelLen), 0) // the last label ends at the edge
		if at >= next {
			copy(labelRow[at:], TickLabel(t.Sub(g.start), long))
			next = at + labelLen + 1
		}
	}
	return string(tickRow), string(labelRow)
}

// tickStep returns the smallest axis step that is a whole number of slots
// and at least minSlots slots long.
func (g textGrid) tickStep(minSlots int) time.Duration {
	for _, s := range tickSteps {
		if s%g.step == 0 && s >= g.step*time.Duration(minSlots) {
			return s
		}
	}
	return g.step * time.Duration(minSlots)
}

// trimRight drops trailing spaces.
func trimRight(b []byte) string { return strings.TrimRight(string(b), " ") }
