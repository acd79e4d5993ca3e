package pod

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
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

// lastAppliedAnnotation is the annotation `kubectl apply` keeps, which
// describe never shows.
const lastAppliedAnnotation = corev1.LastAppliedConfigAnnotation

// describer writes indented, tab-aligned lines and keeps the first write
// error, so the describe steps read as a list of lines.
type describer struct {
	tw  *tabwriter.Writer
	err error
}

// newDescribeTabWriter returns a tabwriter over w with kubectl describe's
// settings.
func newDescribeTabWriter(w io.Writer) *tabwriter.Writer {
	return tabwriter.NewWriter(w, describeMinWidth, describeTabWidth, describePadding, ' ', 0)
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

// Describe writes what `kubectl describe pod` prints for p at time now:
// its identity and node, labels and annotations, status, IPs, controller,
// init and regular containers (image, ports, command, state, last state,
// readiness, restarts, resources, probes, environment, mounts), conditions,
// volumes, QoS class, node selectors, tolerations and the events evs (the
// Events about the pod, any order; "Events: <none>" when there are none),
// aligned exactly as kubectl aligns them. node is the pod's node or nil;
// kubectl reads nothing from it, and Describe only checks that it is the
// pod's node. It returns an error naming the field when the input is
// inconsistent, and the first error from writing to w.
// Reference: kubectl pkg/describe/describe.go describePod.
func Describe(w io.Writer, p *corev1.Pod, node *corev1.Node, evs []corev1.Event, now time.Time) error {
	if p == nil {
		panic("pod.Describe: nil pod")
	}
	if node != nil && node.Name != p.Spec.NodeName {
		return field.Invalid(field.NewPath("node", "metadata", "name"), node.Name,
			fmt.Sprintf("not the pod's node (spec.nodeName %q)", p.Spec.NodeName))
	}
	if p.DeletionTimestamp != nil && p.DeletionGracePeriodSeconds == nil {
		return field.Required(field.NewPath("metadata", "deletionGracePeriodSeconds"), "set by the API server with metadata.deletionTimestamp")
	}
	d := &describer{tw: newDescribeTabWriter(w)}
	describeHeader(d, p, now)
	if len(p.Spec.InitContainers) > 0 {
		describeContainers(d, "Init Containers", p.Spec.InitContainers, p.Status.InitContainerStatuses, p)
	}
	describeContainers(d, "Containers", p.Spec.Containers, p.Status.ContainerStatuses, p)
	describeFooter(d, p)
	describeEvents(d, evs, now)
	d.flush()
	return d.err
}

// describeHeader writes the lines above the containers: Name to Controlled
// By, NominatedNodeName and pod-level Resources.
func describeHeader(d *describer, p *corev1.Pod, now time.Time) {
	d.write(0, "Name:\t%s\n", p.Name)
	d.write(0, "Namespace:\t%s\n", p.Namespace)
	if p.Spec.Priority != nil {
		d.write(0, "Priority:\t%d\n", *p.Spec.Priority)
	}
	if p.Spec.PriorityClassName != "" {
		d.write(0, "Priority Class Name:\t%s\n", p.Spec.PriorityClassName)
	}
	if p.Spec.RuntimeClassName != nil && *p.Spec.RuntimeClassName != "" {
		d.write(0, "Runtime Class Name:\t%s\n", *p.Spec.RuntimeClassName)
	}
	if p.Spec.ServiceAccountName != "" {
		d.write(0, "Service Account:\t%s\n", p.Spec.ServiceAccountName)
	}
	if p.Spec.NodeName == "" {
		d.write(0, "Node:\t<none>\n")
	} else {
		d.write(0, "Node:\t%s\n", p.Spec.NodeName+"/"+p.Status.HostIP)
	}
	if p.Status.StartTime != nil {
		d.write(0, "Start Time:\t%s\n", p.Status.StartTime.Format(time.RFC1123Z))
	}
	describeLabels(d, "Labels", p.Labels)
	describeAnnotations(d, p.Annotations)
	if p.DeletionTimestamp != nil && p.Status.Phase != corev1.PodFailed && p.Status.Phase != corev1.PodSucceeded {
		d.write(0, "Status:\tTerminating (lasts %s)\n", timestampSince(*p.DeletionTimestamp, now))
		d.write(0, "Termination Grace Period:\t%ds\n", *p.DeletionGracePeriodSeconds)
	} else {
		d.write(0, "Status:\t%s\n", p.Status.Phase)
	}
	if p.Status.Reason != "" {
		d.write(0, "Reason:\t%s\n", p.Status.Reason)
	}
	if p.Status.Message != "" {
		d.write(0, "Message:\t%s\n", p.Status.Message)
	}
	d.write(0, "IP:\t%s\n", p.Status.PodIP)
	if len(p.Status.PodIPs) == 0 {
		d.write(0, "IPs:\t<none>\n")
	} else {
		d.write(0, "IPs:\n")
		for _, ip := range p.Status.PodIPs {
			d.write(1, "IP:\t%s\n", ip.IP)
		}
	}
	if ref := metav1.GetControllerOf(p); ref != nil {
		d.write(0, "Controlled By:\t%s/%s\n", ref.Kind, ref.Name)
	}
	if p.Status.NominatedNodeName != "" {
		d.write(0, "NominatedNodeName:\t%s\n", p.Status.NominatedNodeName)
	}
	if p.Spec.Resources != nil {
		d.write(0, "Resources:\n")
		describeResources(d, p.Spec.Resources, 1)
	}
}

// describeFooter writes the lines between the containers and the events:
// readiness gates, conditions, volumes, QoS class, node selectors and
// tolerations.
func describeFooter(d *describer, p *corev1.Pod) {
	if len(p.Spec.ReadinessGates) > 0 {
		d.write(0, "Readiness Gates:\n  Type\tStatus\n")
		for _, g := range p.Spec.ReadinessGates {
			status := "<none>"
			if c := conditionByType(p.Status.Conditions, g.ConditionType); c != nil {
				status = string(c.Status)
			}
			d.write(1, "%v \t%v \n", g.ConditionType, status)
		}
	}
	if len(p.Status.Conditions) > 0 {
		d.write(0, "Conditions:\n  Type\tStatus\n")
		for _, c := range p.Status.Conditions {
			d.write(1, "%v \t%v \n", c.Type, c.Status)
		}
	}
	describeVolumes(d, p.Spec.Volumes)
	qos := p.Status.QOSClass
	if qos == "" {
		qos = QOSClass(p)
	}
	d.write(0, "QoS Class:\t%s\n", qos)
	describeLabels(d, "Node-Selectors", p.Spec.NodeSelector)
	describeTolerations(d, p.Spec.Tolerations)
}

// describeLabels writes a title and sorted key=value lines, or <none>.
func describeLabels(d *describer, title string, labels map[string]string) {
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

// describeAnnotations writes sorted "key: value" lines, skipping
// last-applied-configuration; a long or multi-line value goes on lines of
// its own, each shortened to maxAnnotationLen-2 characters.
func describeAnnotations(d *describer, annotations map[string]string) {
	d.write(0, "Annotations:\t")
	var keys []string
	for _, k := range sortedKeys(annotations) {
		if k != lastAppliedAnnotation {
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

// describeTolerations writes the tolerations sorted by key, each as
// key[=value][:effect][ op=Exists][ for Ns], or <none>.
func describeTolerations(d *describer, tolerations []corev1.Toleration) {
	d.write(0, "Tolerations:\t")
	if len(tolerations) == 0 {
		d.write(0, "<none>\n")
		return
	}
	sorted := append([]corev1.Toleration(nil), tolerations...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Key < sorted[j].Key })
	for i, t := range sorted {
		if i > 0 {
			d.write(0, "\t")
		}
		s := t.Key
		if t.Value != "" {
			s += "=" + t.Value
		}
		if t.Effect != "" {
			s += ":" + string(t.Effect)
		}
		if t.Operator == corev1.TolerationOpExists && t.Value == "" {
			if s != "" {
				s += " "
			}
			s += "op=Exists"
		}
		if t.TolerationSeconds != nil {
			s += fmt.Sprintf(" for %ds", *t.TolerationSeconds)
		}
		d.write(0, "%s\n", s)
	}
}

// describeVolumes writes the pod's volumes, the common kinds in detail.
// Reference: kubectl describe.go describeVolumes.
func describeVolumes(d *describer, volumes []corev1.Volume) {
	if len(volumes) == 0 {
		d.write(0, "Volumes:\t<none>\n")
		return
	}
	d.write(0, "Volumes:\n")
	for _, v := range volumes {
		d.write(1, "%v:\n", v.Name)
		switch s := v.VolumeSource; {
		case s.HostPath != nil:
			kind := "<none>"
			if s.HostPath.Type != nil {
				kind = string(*s.HostPath.Type)
			}
			d.write(2, "Type:\tHostPath (bare host directory volume)\n    Path:\t%v\n    HostPathType:\t%v\n", s.HostPath.Path, kind)
		case s.EmptyDir != nil:
			limit := "<unset>"
			if q := s.EmptyDir.SizeLimit; q != nil && q.Sign() > 0 {
				limit = q.String()
			}
			d.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t%v\n    SizeLimit:\t%v\n", s.EmptyDir.Medium, limit)
		case s.Secret != nil:
			d.write(2, "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t%v\n    Optional:\t%v\n", s.Secret.SecretName, isTrue(s.Secret.Optional))
		case s.ConfigMap != nil:
			d.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t%v\n    Optional:\t%v\n", s.ConfigMap.Name, isTrue(s.ConfigMap.Optional))
		case s.PersistentVolumeClaim != nil:
			d.write(2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t%v\n    ReadOnly:\t%v\n", s.PersistentVolumeClaim.ClaimName, s.PersistentVolumeClaim.ReadOnly)
		default:
			d.write(1, "<unknown>\n")
		}
	}
}

// describeEvents writes the Events table, sorted by when each event last
// happened, with AGE "2m (x4 over 5m)" for repeated events, or
// "Events: <none>". The table starts a new block of columns.
// Reference: kubectl describe.go DescribeEvents.
func describeEvents(d *describer, evs []corev1.Event, now time.Time) {
	if len(evs) == 0 {
		d.write(0, "Events:\t<none>\n")
		return
	}
	d.flush()
	sorted := append([]corev1.Event(nil), evs...)
	sort.SliceStable(sorted, func(i, j int) bool { return eventLastSeen(&sorted[i]).Before(eventLastSeen(&sorted[j])) })
	d.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
	d.write(1, "----\t------\t----\t----\t-------\n")
	for i := range sorted {
		e := &sorted[i]
		age := timestampSince(metav1.Time{Time: e.EventTime.Time}, now)
		if e.EventTime.IsZero() {
			age = timestampSince(e.FirstTimestamp, now)
		}
		switch {
		case e.Series != nil:
			age = fmt.Sprintf("%s (x%d over %s)", timestampSince(metav1.Time{Time: e.Series.LastObservedTime.Time}, now), e.Series.Count, age)
		case e.Count > 1:
			age = fmt.Sprintf("%s (x%d over %s)", timestampSince(e.LastTimestamp, now), e.Count, age)
		}
		from := e.Source.Component
		if from == "" {
			from = e.ReportingController
		}
		d.write(1, "%v\t%v\t%s\t%v\t%v\n", e.Type, e.Reason, age, from, strings.TrimSpace(e.Message))
	}
}

// eventLastSeen returns the instant kubectl sorts an event by: the series'
// last observation, else lastTimestamp, else eventTime.
func eventLastSeen(e *corev1.Event) time.Time {
	switch {
	case e.Series != nil:
		return e.Series.LastObservedTime.Time
	case !e.LastTimestamp.IsZero():
		return e.LastTimestamp.Time
	}
	return e.EventTime.Time
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

// isTrue reports whether b is set and true.
func isTrue(b *bool) bool { return b != nil && *b }
