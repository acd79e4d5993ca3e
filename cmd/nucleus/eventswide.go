package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/duration"
)

// eventsWideHeader is the header of `kubectl get events -o wide`: the
// plain columns with SUBOBJECT and SOURCE before MESSAGE and FIRST SEEN,
// COUNT and NAME after it.
var eventsWideHeader = []string{"LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE",
	"FIRST SEEN", "COUNT", "NAME"}

// printEventsWide writes evs to w as `kubectl get events -o wide` prints
// them at now, sorted by when they last happened, oldest first, as package
// events sorts the plain table (NAMESPACE first when all, as with -A). It
// returns the first error from writing to w.
// Reference: pkg/printers/internalversion/printers.go printEvent (wide),
// formatEventSource.
func printEventsWide(w io.Writer, evs []corev1.Event, now time.Time, all bool) error {
	sorted := slices.Clone(evs)
	slices.SortStableFunc(sorted, func(a, b corev1.Event) int {
		return eventLastSeen(&a).Compare(eventLastSeen(&b))
	})
	tw := tabwriter.NewWriter(w, 6, 4, tablePadding, ' ', 0)
	header := eventsWideHeader
	if all {
		header = append([]string{"NAMESPACE"}, header...)
	}
	if _, err := fmt.Fprintln(tw, strings.Join(header, "\t")); err != nil {
		return err
	}
	for i := range sorted {
		cells := eventWideRow(&sorted[i], now)
		if all {
			cells = append([]string{sorted[i].Namespace}, cells...)
		}
		if _, err := fmt.Fprintln(tw, strings.Join(cells, "\t")); err != nil {
			return err
		}
	}
	return tw.Flush()
}

// eventWideRow returns the cells of ev under eventsWideHeader.
func eventWideRow(ev *corev1.Event, now time.Time) []string {
	first := sinceCell(ev.FirstTimestamp.Time, now)
	if ev.FirstTimestamp.IsZero() {
		first = sinceCell(ev.EventTime.Time, now)
	}
	last := sinceCell(ev.LastTimestamp.Time, now)
	if ev.LastTimestamp.IsZero() {
		last = first
	}
	count := ev.Count
	if ev.Series != nil {
		last, count = sinceCell(ev.Series.LastObservedTime.Time, now), ev.Series.Count
	} else if count == 0 {
		count = 1 // a singleton event of the newer API has no count
	}
	object := strings.ToLower(ev.InvolvedObject.Kind)
	if ev.InvolvedObject.Name != "" {
		object += "/" + ev.InvolvedObject.Name
	}
	source := cmp.Or(ev.Source.Component, ev.ReportingController)
	if host := cmp.Or(ev.Source.Host, ev.ReportingInstance); host != "" {
		source += ", " + host
	}
	return []string{last, ev.Type, ev.Reason, object, ev.InvolvedObject.FieldPath, source,
		strings.TrimSpace(ev.Message), first, strconv.Itoa(int(count)), ev.Name}
}

// eventLastSeen returns the instant kubectl sorts an event by: the series'
// last observation, else lastTimestamp, else eventTime.
func eventLastSeen(ev *corev1.Event) time.Time {
	switch {
	case ev.Series != nil:
		return ev.Series.LastObservedTime.Time
	case !ev.LastTimestamp.IsZero():
		return ev.LastTimestamp.Time
	}
	return ev.EventTime.Time
}

// sinceCell returns how long before now t was, as kubectl prints ages, or
// "<unknown>" for a zero t.
func sinceCell(t, now time.Time) string {
	if t.IsZero() {
		return "<unknown>"
	}
	return duration.HumanDuration(now.Sub(t))
}
