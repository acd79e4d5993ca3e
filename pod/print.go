package pod

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// reasonNodeLost is the status.reason the node lifecycle controller sets on
// the pods of a node that stopped calling in; kubectl shows such a pod, once
// deleted, as Unknown.
const reasonNodeLost = "NodeLost"

// Row is one line of `kubectl get pods`, every cell already formatted the way
// the API server's table printer formats it. IP, Node, NominatedNode and
// ReadinessGates are the extra cells of `-o wide`.
type Row struct {
	Name, Ready, Status, Restarts, Age, IP, Node, NominatedNode, ReadinessGates string
}

// podTally is what printPod accumulates while it walks a pod's container
// statuses: the STATUS text, the READY counts and the RESTARTS count with the
// most recent restart seen.
type podTally struct {
	reason      string
	ready       int
	total       int
	restarts    int
	lastRestart metav1.Time
	// The same two, counting sidecars only: regular init containers' restarts
	// are dropped from RESTARTS once the pod has initialized.
	sidecarRestarts    int
	sidecarLastRestart metav1.Time
}

// noteRestarts adds a container's restart count to the running total and
// remembers when its last run finished, if that is the latest so far.
func noteRestarts(count *int, last *metav1.Time, s corev1.ContainerStatus) {
	*count += int(s.RestartCount)
	if t := s.LastTerminationState.Terminated; t != nil && last.Before(&t.FinishedAt) {
		*last = t.FinishedAt
	}
}

// PrintRow returns the row `kubectl get pods` prints for pod at time now,
// following the API server's printPod: READY counts ready regular containers
// and started sidecars, STATUS is the most telling reason (Init:1/2,
// CrashLoopBackOff, Completed, Terminating ...), RESTARTS adds "(10s ago)"
// after the latest restart, AGE is HumanDuration since creation.
// Reference: kubelet.md §7.1 (pkg/printers/internalversion/printers.go printPod).
func PrintRow(pod *corev1.Pod, now time.Time) Row {
	if pod == nil {
		panic("pod.PrintRow: nil pod")
	}
	t := podTally{reason: string(pod.Status.Phase), total: len(pod.Spec.Containers)}
	if pod.Status.Reason != "" {
		t.reason = pod.Status.Reason
	}
	for _, c := range pod.Status.Conditions {
		if c.Type == corev1.PodScheduled && c.Reason == corev1.PodReasonSchedulingGated {
			t.reason = corev1.PodReasonSchedulingGated
		}
	}
	for i := range pod.Spec.InitContainers {
		if IsSidecar(&pod.Spec.InitContainers[i]) {
			t.total++
		}
	}
	initializing := t.tallyInit(pod)
	if !initializing || hasConditionTrue(pod.Status.Conditions, corev1.PodInitialized) {
		t.tallyContainers(pod)
	}
	t.applyDeletion(pod)

	restarts := strconv.Itoa(t.restarts)
	if t.restarts != 0 && !t.lastRestart.IsZero() {
		restarts = fmt.Sprintf("%d (%s ago)", t.restarts, timestampSince(t.lastRestart, now))
	}
	row := Row{
		Name:     pod.Name,
		Ready:    fmt.Sprintf("%d/%d", t.ready, t.total),
		Status:   t.reason,
		Restarts: restarts,
		Age:      timestampSince(pod.CreationTimestamp, now),
	}
	row.IP, row.Node, row.NominatedNode, row.ReadinessGates = wideCells(pod)
	return row
}

// tallyInit walks the init container statuses in order until the first one
// that is still holding the pod back, and reports whether there was one.
// Reference: kubelet.md §7.1 step 5.
func (t *podTally) tallyInit(pod *corev1.Pod) (initializing bool) {
	for i, s := range pod.Status.InitContainerStatuses {
		spec := initContainerSpec(pod, s.Name)
		noteRestarts(&t.restarts, &t.lastRestart, s)
		if IsSidecar(spec) {
			noteRestarts(&t.sidecarRestarts, &t.sidecarLastRestart, s)
		}
		term, wait := s.State.Terminated, s.State.Waiting
		switch {
		case term != nil && term.ExitCode == 0:
			continue
		case IsSidecar(spec) && s.Started != nil && *s.Started:
			if s.Ready {
				t.ready++
			}
			continue
		case term != nil:
			t.reason = "Init:" + terminatedReason(term)
		case wait != nil && wait.Reason != "" && wait.Reason != "PodInitializing":
			t.reason = "Init:" + wait.Reason
		default:
			t.reason = fmt.Sprintf("Init:%d/%d", i, len(pod.Spec.InitContainers))
		}
		return true
	}
	return false
}

// tallyContainers walks the regular container statuses from last to first,
// so the first container with a reason names the STATUS; it counts ready
// running containers and restarts, sidecars' restarts included.
// Reference: kubelet.md §7.1 step 6.
func (t *podTally) tallyContainers(pod *corev1.Pod) {
	t.restarts, t.lastRestart = t.sidecarRestarts, t.sidecarLastRestart
	hasRunning := false
	statuses := pod.Status.ContainerStatuses
	for i := len(statuses) - 1; i >= 0; i-- {
		s := statuses[i]
		noteRestarts(&t.restarts, &t.lastRestart, s)
		switch {
		case s.State.Waiting != nil && s.State.Waiting.Reason != "":
			t.reason = s.State.Waiting.Reason
		case s.State.Terminated != nil:
			t.reason = terminatedReason(s.State.Terminated)
		case s.Ready && s.State.Running != nil:
			hasRunning = true
			t.ready++
		}
	}
	if t.reason == "Completed" && hasRunning {
		if hasConditionTrue(pod.Status.Conditions, corev1.PodReady) {
			t.reason = "Running"
		} else {
			t.reason = "NotReady"
		}
	}
}

// applyDeletion overrides STATUS for a pod that is being deleted: Unknown
// when its node was lost, Terminating while it has not finished.
// Reference: kubelet.md §7.1 step 7.
func (t *podTally) applyDeletion(pod *corev1.Pod) {
	if pod.DeletionTimestamp == nil {
		return
	}
	phase := pod.Status.Phase
	switch {
	case pod.Status.Reason == reasonNodeLost:
		t.reason = "Unknown"
	case phase != corev1.PodSucceeded && phase != corev1.PodFailed:
		t.reason = "Terminating"
	}
}

// terminatedReason returns the runtime's reason for a terminated container,
// or "Signal:N" / "ExitCode:N" when the runtime gave none.
func terminatedReason(term *corev1.ContainerStateTerminated) string {
	switch {
	case term.Reason != "":
		return term.Reason
	case term.Signal != 0:
		return fmt.Sprintf("Signal:%d", term.Signal)
	}
	return fmt.Sprintf("ExitCode:%d", term.ExitCode)
}

// initContainerSpec returns the init container named name, or nil.
func initContainerSpec(pod *corev1.Pod, name string) *corev1.Container {
	for i := range pod.Spec.InitContainers {
		if pod.Spec.InitContainers[i].Name == name {
			return &pod.Spec.InitContainers[i]
		}
	}
	return nil
}

// hasConditionTrue reports whether conditions hold a condition of type t
// with status True.
func hasConditionTrue(conditions []corev1.PodCondition, t corev1.PodConditionType) bool {
	for _, c := range conditions {
		if c.Type == t && c.Status == corev1.ConditionTrue {
			return true
		}
	}
	return false
}

// wideCells returns the IP, NODE, NOMINATED NODE and READINESS GATES cells
// of `-o wide`, with "<none>" for what is not set.
// Reference: kubelet.md §7.1 (wide columns).
func wideCells(pod *corev1.Pod) (ip, node, nominated, gates string) {
	ip, node, nominated, gates = "<none>", "<none>", "<none>", "<none>"
	if len(pod.Status.PodIPs) > 0 && pod.Status.PodIPs[0].IP != "" {
		ip = pod.Status.PodIPs[0].IP
	}
	if pod.Spec.NodeName != "" {
		node = pod.Spec.NodeName
	}
	if pod.Status.NominatedNodeName != "" {
		nominated = pod.Status.NominatedNodeName
	}
	if n := len(pod.Spec.ReadinessGates); n > 0 {
		ready := 0
		for _, g := range pod.Spec.ReadinessGates {
			if c := conditionByType(pod.Status.Conditions, g.ConditionType); c != nil && c.Status == corev1.ConditionTrue {
				ready++
			}
		}
		gates = fmt.Sprintf("%d/%d", ready, n)
	}
	return ip, node, nominated, gates
}

// Column alignment of kubectl's human-readable output
// (k8s.io/cli-runtime/pkg/printers GetNewTabWriter). kubectl also sets
// RememberWidths, which only matters across several flushes.
const (
	tabMinWidth = 6
	tabWidth    = 4
	tabPadding  = 3
	tabPadChar  = ' '
)

// TableHeader is the header of `kubectl get pods -o wide`; the last four
// columns are the ones only -o wide shows.
var TableHeader = []string{"NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"}

// Cells returns the row's cells under TableHeader.
func (r Row) Cells() []string {
	return []string{r.Name, r.Ready, r.Status, r.Restarts, r.Age, r.IP, r.Node, r.NominatedNode, r.ReadinessGates}
}

// PrintTable writes pods to w as `kubectl get pods` prints them at time now,
// one row per pod in the order given, under the header NAME READY STATUS
// RESTARTS AGE (and IP NODE NOMINATED NODE READINESS GATES when wide), with
// columns aligned as kubectl aligns them. With no pods it writes only the
// header; printing "No resources found in default namespace." instead is the
// caller's choice. It returns the first error from writing to w.
func PrintTable(w io.Writer, pods []*corev1.Pod, now time.Time, wide bool) error {
	tw := tabwriter.NewWriter(w, tabMinWidth, tabWidth, tabPadding, tabPadChar, 0)
	header := TableHeader[:5]
	if wide {
		header = TableHeader
	}
	if _, err := fmt.Fprintln(tw, strings.Join(header, "\t")); err != nil {
		return err
	}
	for _, p := range pods {
		cells := PrintRow(p, now).Cells()
		if !wide {
			cells = cells[:5]
		}
		if _, err := fmt.Fprintln(tw, strings.Join(cells, "\t")); err != nil {
			return err
		}
	}
	return tw.Flush()
}
