package events

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/duration"
)

// Column alignment of kubectl's human-readable output
// (k8s.io/cli-runtime/pkg/printers GetNewTabWriter).
const (
	tabMinWidth = 6
	tabWidth    = 4
	tabPadding  = 3
	tabPadChar  = ' '
)

// PrintTable writes events to w as `kubectl get events` prints them at time
// now, under the header LAST SEEN TYPE REASON OBJECT MESSAGE (NAMESPACE
// first when allNamespaces, as with -A). LAST SEEN is how long before now
// the event last happened; OBJECT is the involved object's kind in lower
// case and its name ("pod/web"); MESSAGE is trimmed of surrounding space.
// Rows are sorted by lastTimestamp, oldest first (ties keep their order),
// as with --sort-by=.lastTimestamp. With no events it writes only the
// header. It returns the first error from writing to w.
// Reference: pkg/printers/internalversion/printers.go printEvent.
func PrintTable(w io.Writer, events []corev1.Event, now time.Time, allNamespaces bool) error {
	sorted := append([]corev1.Event(nil), events...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return lastSeen(&sorted[i]).Before(lastSeen(&sorted[j]))
	})
	tw := tabwriter.NewWriter(w, tabMinWidth, tabWidth, tabPadding, tabPadChar, 0)
	header := []string{"LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"}
	if allNamespaces {
		header = append([]string{"NAMESPACE"}, header...)
	}
	if _, err := fmt.Fprintln(tw, strings.Join(header, "\t")); err != nil {
		return err
	}
	for i := range sorted {
		cells := row(&sorted[i], now)
		if allNamespaces {
			cells = append([]string{sorted[i].Namespace}, cells...)
		}
		if _, err := fmt.Fprintln(tw, strings.Join(cells, "\t")); err != nil {
			return err
		}
	}
	return tw.Flush()
}

// row returns the LAST SEEN, TYPE, REASON, OBJECT and MESSAGE cells of ev.
func row(ev *corev1.Event, now time.Time) []string {
	first := since(ev.FirstTimestamp.Time, now)
	if ev.FirstTimestamp.IsZero() {
		first = since(ev.EventTime.Time, now)
	}
	last := since(ev.LastTimestamp.Time, now)
	if ev.LastTimestamp.IsZero() {
		last = first
	}
	if ev.Series != nil {
		last = since(ev.Series.LastObservedTime.Time, now)
	}
	object := strings.ToLower(ev.InvolvedObject.Kind)
	if ev.InvolvedObject.Name != "" {
		object += "/" + ev.InvolvedObject.Name
	}
	return []string{last, ev.Type, ev.Reason, object, strings.TrimSpace(ev.Message)}
}

// lastSeen returns the instant kubectl sorts an event by: the series' last
// observation, else lastTimestamp, else eventTime.
// Reference: kubectl pkg/util/event SortableEvents.
func lastSeen(ev *corev1.Event) time.Time {
	switch {
	case ev.Series != nil:
		return ev.Series.LastObservedTime.Time
	case !ev.LastTimestamp.IsZero():
		return ev.LastTimestamp.Time
	}
	return ev.EventTime.Time
}

// since returns how long before now t was, as kubectl prints ages, or
// "<unknown>" for a zero t.
func since(t time.Time, now time.Time) string {
	if t.IsZero() {
		return "<unknown>"
	}
	return duration.HumanDuration(now.Sub(t))
}
