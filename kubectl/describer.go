package kubectl

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/events"
	"github.com/nodenucleus/nucleus/pod"
)

// Layout of `kubectl describe`: a tabwriter with these settings (kubectl
// describe.go tabbedString) under a prefix writer that indents two spaces a
// level.
const (
	describeMinWidth = 0
	describeTabWidth = 8
	describePadding  = 2
	describeLevel    = "  "
	// maxAnnotationLen is the longest "key: value" kubectl prints on one
	// line; longer annotation values go on lines of their own, shortened.
	maxAnnotationLen = 140
)

// describer writes indented, tab-aligned lines and keeps the first write
// error, so each describe function reads as a list of lines.
type describer struct {
	tw  *tabwriter.Writer
	err error
}

// newDescriber returns a describer over w with kubectl describe's tabwriter
// settings.
func newDescriber(w io.Writer) *describer {
	return &describer{tw: tabwriter.NewWriter(w, describeMinWidth, describeTabWidth, describePadding, ' ', 0)}
}

// write prints format at an indentation level (two spaces a level).
func (d *describer) write(level int, format string, args ...any) {
	if d.err == nil {
		_, d.err = fmt.Fprintf(d.tw, strings.Repeat(describeLevel, level)+format, args...)
	}
}

// flush ends the current block of aligned columns.
func (d *describer) flush() {
	if d.err == nil {
		d.err = d.tw.Flush()
	}
}

// finish flushes the last block and returns the first error seen.
func (d *describer) finish() error {
	d.flush()
	return d.err
}

// labels writes "title:" and sorted key=value lines, or <none>, the way
// kubectl's printLabelsMultiline does.
func (d *describer) labels(title string, labels map[string]string) {
	d.write(0, "%s:\t", title)
	if len(labels) == 0 {
		d.write(0, "<none>\n")
		return
	}
	for i, k := range sortedKeys(labels) {
		if i > 0 {
			d.write(0, "\t")
		}
		d.write(0, "%s=%s\n", k, labels[k])
	}
}

// annotations writes sorted "key: value" lines, skipping the annotation
// `kubectl apply` keeps; a long or multi-line value goes on lines of its
// own, each shortened to maxAnnotationLen-2 characters.
func (d *describer) annotations(title string, annotations map[string]string) {
	d.write(0, "%s:\t", title)
	var keys []string
	for _, k := range sortedKeys(annotations) {
		if k != corev1.LastAppliedConfigAnnotation {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		d.write(0, "<none>\n")
		return
	}
	for i, k := range keys {
		if i > 0 {
			d.write(0, "\t")
		}
		v := strings.TrimSuffix(annotations[k], "\n")
		if len(k)+len(v)+2 <= maxAnnotationLen && !strings.Contains(v, "\n") {
			d.write(0, "%s: %s\n", k, v)
			continue
		}
		d.write(0, "%s:\n", k)
		for _, line := range strings.Split(v, "\n") {
			if len(line) > maxAnnotationLen-2 {
				line = line[:maxAnnotationLen-2] + "..."
			}
			d.write(0, "\t  %s\n", line)
		}
	}
}

// events writes the Events table, oldest last-seen first, with AGE
// "2m (x4 over 5m)" for repeated events, or "Events: <none>". The table
// starts a new block of aligned columns.
// Reference: kubectl describe.go DescribeEvents.
func (d *describer) events(evs []corev1.Event, now time.Time) {
	if len(evs) == 0 {
		d.write(0, "Events:\t<none>\n")
		return
	}
	d.flush()
	sorted := append([]corev1.Event(nil), evs...)
	sort.SliceStable(sorted, func(i, j int) bool { return events.LastSeen(&sorted[i]).Before(events.LastSeen(&sorted[j])) })
	d.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
	d.write(1, "----\t------\t----\t----\t-------\n")
	for i := range sorted {
		e := &sorted[i]
		age := since(metav1.Time{Time: e.EventTime.Time}, now)
		if e.EventTime.IsZero() {
			age = since(e.FirstTimestamp, now)
		}
		switch {
		case e.Series != nil:
			age = fmt.Sprintf("%s (x%d over %s)", since(metav1.Time{Time: e.Series.LastObservedTime.Time}, now), e.Series.Count, age)
		case e.Count > 1:
			age = fmt.Sprintf("%s (x%d over %s)", since(e.LastTimestamp, now), e.Count, age)
		}
		from := e.Source.Component
		if from == "" {
			from = e.ReportingController
		}
		d.write(1, "%v\t%v\t%s\t%v\t%v\n", e.Type, e.Reason, age, from, strings.TrimSpace(e.Message))
	}
}

// since returns how long before now ts was, as kubectl prints ages, or
// "<unknown>" when ts is zero.
// Reference: printers.go translateTimestampSince.
func since(ts metav1.Time, now time.Time) string {
	if ts.IsZero() {
		return "<unknown>"
	}
	return pod.HumanDuration(now.Sub(ts.Time))
}

// rfc1123Z returns t as describe prints timestamps.
func rfc1123Z(t metav1.Time) string { return t.Format(time.RFC1123Z) }

// controlledBy returns "Kind/name" of obj's controller, or "".
func controlledBy(obj metav1.Object) string {
	if ref := metav1.GetControllerOf(obj); ref != nil {
		return ref.Kind + "/" + ref.Name
	}
	return ""
}

// sortedKeys returns m's keys in order.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
