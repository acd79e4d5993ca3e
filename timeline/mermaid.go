package timeline

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/nodenucleus/nucleus/sim"
)

// mermaidMaxTicks is about how many ticks fit on a gantt chart's axis at
// GitHub's page width.
const mermaidMaxTicks = 12

// WriteMermaid writes the timeline as a Mermaid gantt chart in a fenced
// ```mermaid block, ready to paste into a Markdown file that GitHub
// renders: one section per pod, one task per state interval ("app
// Running", "app CrashLoopBackOff"). Running and ready tasks are active,
// waiting and completed ones done, terminations with an error crit; a
// termination that lasted no time is a milestone. Times are elapsed time
// from the start, written as times of day (dateFormat HH:mm:ss.SSS), so a
// chart covers at most a day.
func (tl *Timeline) WriteMermaid(w io.Writer) error {
	bw := bufio.NewWriter(w)
	axis := "%M:%S"
	if tl.longAxis() {
		axis = "%H:%M:%S"
	}
	step := TickStep(tl.span(), mermaidMaxTicks)
	fmt.Fprintf(bw, "```mermaid\ngantt\n    title Containers over time\n    dateFormat HH:mm:ss.SSS\n    axisFormat %s\n", axis)
	fmt.Fprintf(bw, "    tickInterval %s\n    todayMarker off\n", mermaidInterval(step))
	for _, p := range tl.Pods {
		fmt.Fprintf(bw, "    section %s\n", mermaidText(p.Label()))
		for _, c := range p.Containers {
			for _, s := range c.Segments {
				fmt.Fprintf(bw, "    %s %s :%s%s, %s\n", mermaidText(c.Label()), mermaidText(s.Name()),
					mermaidTags(s), tl.mermaidTime(s.From), tl.mermaidTime(s.To))
			}
		}
	}
	fmt.Fprintln(bw, "```")
	return bw.Flush()
}

// mermaidTags returns a task's tags, each followed by ", ".
func mermaidTags(s Segment) string {
	var tags []string
	switch {
	case s.Failed():
		tags = append(tags, "crit")
	case s.State == Running && s.Ready:
		tags = append(tags, "active")
	case s.State == Waiting || s.State == Terminated:
		tags = append(tags, "done")
	}
	if s.State == Terminated && s.From == s.To {
		tags = append(tags, "milestone")
	}
	if len(tags) == 0 {
		return ""
	}
	return strings.Join(tags, ", ") + ", "
}

// mermaidTime returns an instant as elapsed time in dateFormat
// HH:mm:ss.SSS.
func (tl *Timeline) mermaidTime(t sim.Time) string {
	d := t.Sub(tl.Start).Round(time.Millisecond)
	ms := d.Milliseconds()
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3_600_000, ms/60_000%60, ms/1000%60, ms%1000)
}

// mermaidInterval returns a tick step in tickInterval's words: "30second",
// "2minute", "1hour".
func mermaidInterval(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return fmt.Sprintf("%dhour", d/time.Hour)
	case d%time.Minute == 0:
		return fmt.Sprintf("%dminute", d/time.Minute)
	}
	return fmt.Sprintf("%dsecond", d/time.Second)
}

// mermaidText makes a name safe for a gantt line: the characters that end
// a task name or start a comment become spaces.
func mermaidText(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ':', ';', '#', '%', '\n', '\r':
			return ' '
		}
		return r
	}, s)
}
