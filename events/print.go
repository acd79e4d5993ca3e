package events

import (
	"cmp"
	"fmt"
	"io"
	"sort"
	"strconv"
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
	header := []string{"LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"}
	return printTable(w, events, now, allNamespaces, header, row)
}

// PrintWideTable writes events to w as `kubectl get events -o wide`
// prints them at time now: the rows and order of PrintTable, with
// SUBOBJECT (the involved object's field path) and SOURCE ("kubelet,
// store-1": component or reporting controller, then host or reporting
// instance) before MESSAGE, and FIRST SEEN, COUNT (a series' count; 1 for
// an event without a count) and NAME after it. It returns the first error
// from writing to w.
// Reference: pkg/printers/internalversion/printers.go printEvent (wide),
// formatEventSource.
func PrintWideTable(w io.Writer, events []corev1.Event, now time.Time, allNamespaces bool) error {
	return printTable(w, events, now, allNamespaces, WideHeader, wideRow)
}

// printTable writes the events sorted by when they last happened, under
// header with one row of cells each (NAMESPACE first when allNamespaces),
// aligned as kubectl aligns tables.
func printTable(w io.Writer, events []corev1.Event, now time.Time, allNamespaces bool,
	header []string, cells func(*corev1.Event, time.Time) []string) error {
	sorted := append([]corev1.Event(nil), events...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return LastSeen(&sorted[i]).Before(LastSeen(&sorted[j]))
	})
	tw := tabwriter.NewWriter(w, tabMinWidth, tabWidth, tabPadding, tabPadChar, 0)
	if allNamespaces {
		header = append([]string{"NAMESPACE"}, header...)
	}
	if _, err := fmt.Fprintln(tw, strings.Join(header, "\t")); err != nil {
		return err
	}
	for i := range sorted {
		line := cells(&sorted[i], now)
		if allNamespaces {
			line = append([]string{sorted[i].Namespace}, line...)
		}
		if _, err := fmt.Fprintln(tw, strings.Join(line, "\t")); err != nil {
			return err
		}
	}
	return tw.Flush()
}

// row returns the LAST SEEN, TYPE, REASON, OBJECT and MESSAGE cells of ev.
func row(ev *corev1.Event, now time.Time) []string {
	last, _ := seen(ev, now)
	return []string{last, ev.Type, ev.Reason, object(ev), strings.TrimSpace(ev.Message)}
}

// wideRow returns the LAST SEEN, TYPE, REASON, OBJECT, SUBOBJECT, SOURCE,
// MESSAGE, FIRST SEEN, COUNT and NAME cells of ev.
func wideRow(ev *corev1.Event, now time.Time) []string {
	last, first := seen(ev, now)
	count := ev.Count
	if ev.Series != nil {
		count = ev.Series.Count
	} else if count == 0 {
		count = 1 // a singleton event of the newer API has no count
	}
	source := cmp.Or(ev.Source.Component, ev.ReportingController)
	if host := cmp.Or(ev.Source.Host, ev.ReportingInstance); host != "" {
		source += ", " + host
	}
	return []string{last, ev.Type, ev.Reason, object(ev), ev.InvolvedObject.FieldPath, source,
		strings.TrimSpace(ev.Message), first, strconv.Itoa(int(count)), ev.Name}
}

// seen returns the LAST SEEN and FIRST SEEN cells of ev: the first
// timestamp (else eventTime), and the series' last observation, else
// lastTimestamp, else the first.
func seen(ev *corev1.Event, now time.Time) (last, first string) {
	first = since(ev.FirstTimestamp.Time, now)
	if ev.FirstTimestamp.IsZero() {
		first = since(ev.EventTime.Time, now)
	}
	last = since(ev.LastTimestamp.Time, now)
	if ev.LastTimestamp.IsZero() {
		last = first
	}
	if ev.Series != nil {
		last = since(ev.Series.LastObservedTime.Time, now)
	}
	return last, first
}

// object returns the OBJECT cell: the involved object's kind in lower case
// and its name ("pod/web"), or the kind alone.
func object(ev *corev1.Event) string {
	object := strings.ToLower(ev.InvolvedObject.Kind)
	if ev.InvolvedObject.Name != "" {
		object += "/" + ev.InvolvedObject.Name
	}
	return object
}

// LastSeen returns the instant kubectl sorts events by, in `get events` and
// in the Events table of `describe`: the series' last observation, else
// lastTimestamp, else eventTime.
// Reference: kubectl pkg/util/event SortableEvents.
func LastSeen(ev *corev1.Event) time.Time {
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

// WideHeader is the header of `kubectl get events -o wide`, the columns
// the API server's server-side printing sends for an Event; WideOnly says
// which of them kubectl shows only with -o wide (SUBOBJECT, SOURCE, FIRST
// SEEN, COUNT, NAME).
// Reference: pkg/printers/internalversion/printers.go eventColumnDefinitions.
var (
	WideHeader = []string{"LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE",
		"FIRST SEEN", "COUNT", "NAME"}
	WideOnly = []bool{false, false, false, false, true, true, false, true, true, true}
)

// WideRow returns the cells of ev under WideHeader at time now, as
// PrintWideTable prints them.
func WideRow(ev *corev1.Event, now time.Time) []string { return wideRow(ev, now) }
