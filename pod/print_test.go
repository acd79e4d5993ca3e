package pod_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/pod"
)

// printNow is the instant the print tests look at their pods.
var printNow = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// printAgo returns the API time d before printNow.
func printAgo(d time.Duration) metav1.Time { return metav1.NewTime(printNow.Add(-d)) }

// mkPrintPod returns a pod created 5 minutes before printNow, in phase, with
// the given init and regular container statuses.
func mkPrintPod(p *corev1.Pod, phase corev1.PodPhase, inits, regs []corev1.ContainerStatus) *corev1.Pod {
	p.CreationTimestamp = printAgo(5 * time.Minute)
	p.Status.Phase = phase
	p.Status.InitContainerStatuses = inits
	p.Status.ContainerStatuses = regs
	return p
}

// csFinishedAgo sets when the status's previous run finished.
func csFinishedAgo(s corev1.ContainerStatus, d time.Duration) corev1.ContainerStatus {
	if s.LastTerminationState.Terminated == nil {
		s.LastTerminationState.Terminated = &corev1.ContainerStateTerminated{ExitCode: 1, Reason: "Error"}
	}
	s.LastTerminationState.Terminated.FinishedAt = printAgo(d)
	return s
}

// csWithSignal returns a terminated status that has a signal and no reason.
func csWithSignal(s corev1.ContainerStatus, signal int32) corev1.ContainerStatus {
	s.State.Terminated.Signal = signal
	return s
}

// mkWithConditions sets the pod's conditions.
func mkWithConditions(p *corev1.Pod, conds ...corev1.PodCondition) *corev1.Pod {
	p.Status.Conditions = conds
	return p
}

// mkDeleting marks the pod deleted a second ago, with status.reason reason.
func mkDeleting(p *corev1.Pod, reason string) *corev1.Pod {
	ts := printAgo(time.Second)
	p.DeletionTimestamp = &ts
	p.Status.Reason = reason
	return p
}

func TestPrintRow(t *testing.T) {
	// Reference: kubelet.md §7.1 (pkg/printers/internalversion/printers.go mkPrintPod).
	const (
		pending   = corev1.PodPending
		running   = corev1.PodRunning
		succeeded = corev1.PodSucceeded
		failed    = corev1.PodFailed
	)
	always, never := corev1.RestartPolicyAlways, corev1.RestartPolicyNever
	app := []string{"app"}
	two := []string{"app", "log"}
	readyTrue := mkCond(corev1.PodReady, corev1.ConditionTrue, "", "")
	initTrue := mkCond(corev1.PodInitialized, corev1.ConditionTrue, "", "")
	noAge := mkPod("p", always, app)
	noAge.Status.Phase = pending

	tests := []struct {
		name                         string
		pod                          *corev1.Pod
		ready, status, restarts, age string
	}{
		{"step 6 waiting: ContainerCreating", mkPrintPod(mkPod("p", always, app), pending, nil, csList(csWaiting("app", "ContainerCreating"))), "0/1", "ContainerCreating", "0", "5m"},
		{"step 1 phase: Running", mkPrintPod(mkPod("p", always, app), running, nil, csList(csRunning("app", true))), "1/1", "Running", "0", "5m"},
		{"step 6 running but not ready", mkPrintPod(mkPod("p", always, app), running, nil, csList(csRunning("app", false))), "0/1", "Running", "0", "5m"},
		{"step 6 terminated: Completed", mkPrintPod(mkPod("p", never, app), succeeded, nil, csList(csTerminated("app", 0, "Completed"))), "0/1", "Completed", "0", "5m"},
		{"step 6 terminated: Error", mkPrintPod(mkPod("p", never, app), failed, nil, csList(csTerminated("app", 1, "Error"))), "0/1", "Error", "0", "5m"},
		{"step 6 terminated: OOMKilled", mkPrintPod(mkPod("p", always, app), running, nil, csList(csTerminated("app", 137, "OOMKilled"))), "0/1", "OOMKilled", "0", "5m"},
		{"step 6 waiting: CrashLoopBackOff; step 8 restarts ago", mkPrintPod(mkPod("p", always, app), running, nil,
			csList(csFinishedAgo(csBackOff("app", "CrashLoopBackOff", 1, 3), 10*time.Second))), "0/1", "CrashLoopBackOff", "3 (10s ago)", "5m"},
		{"step 6 no reason: Signal:9", mkPrintPod(mkPod("p", never, app), failed, nil, csList(csWithSignal(csTerminated("app", 137, ""), 9))), "0/1", "Signal:9", "0", "5m"},
		{"step 6 no reason: ExitCode:3", mkPrintPod(mkPod("p", never, app), failed, nil, csList(csTerminated("app", 3, ""))), "0/1", "ExitCode:3", "0", "5m"},
		{"step 6 first container with a reason wins", mkPrintPod(mkPod("p", always, two), running, nil,
			csList(csWaiting("app", "ImagePullBackOff"), csWaiting("log", "ErrImagePull"))), "0/2", "ImagePullBackOff", "0", "5m"},
		{"step 6 Completed with a ready running container: Running", mkWithConditions(mkPrintPod(mkPod("p", always, two), running, nil,
			csList(csTerminated("app", 0, "Completed"), csRunning("log", true))), readyTrue), "1/2", "Running", "0", "5m"},
		{"step 6 Completed with a running container, pod not Ready: NotReady", mkPrintPod(mkPod("p", always, two), running, nil,
			csList(csTerminated("app", 0, "Completed"), csRunning("log", true))), "1/2", "NotReady", "0", "5m"},

		{"step 5 first init running: Init:0/2", mkPrintPod(mkPod("p", always, app, "i1", "i2"), pending,
			csList(csRunning("i1", false), csWaiting("i2", "PodInitializing")), csList(csWaiting("app", "PodInitializing"))), "0/1", "Init:0/2", "0", "5m"},
		{"step 5 first init waiting PodInitializing: Init:0/2", mkPrintPod(mkPod("p", always, app, "i1", "i2"), pending,
			csList(csWaiting("i1", "PodInitializing"), csWaiting("i2", "PodInitializing")), csList(csWaiting("app", "PodInitializing"))), "0/1", "Init:0/2", "0", "5m"},
		{"step 5 second init running: Init:1/2", mkPrintPod(mkPod("p", always, app, "i1", "i2"), pending,
			csList(csTerminated("i1", 0, "Completed"), csRunning("i2", false)), csList(csWaiting("app", "PodInitializing"))), "0/1", "Init:1/2", "0", "5m"},
		{"step 5 init waiting: Init:CrashLoopBackOff", mkPrintPod(mkPod("p", always, app, "i1", "i2"), pending,
			csList(csFinishedAgo(csBackOff("i1", "CrashLoopBackOff", 1, 2), 30*time.Second), csWaiting("i2", "PodInitializing")),
			csList(csWaiting("app", "PodInitializing"))), "0/1", "Init:CrashLoopBackOff", "2 (30s ago)", "5m"},
		{"step 5 init terminated: Init:Error", mkPrintPod(mkPod("p", never, app, "i1"), failed,
			csList(csTerminated("i1", 1, "Error")), csList(csWaiting("app", "PodInitializing"))), "0/1", "Init:Error", "0", "5m"},
		{"step 5 init no reason: Init:ExitCode:2", mkPrintPod(mkPod("p", never, app, "i1"), failed,
			csList(csTerminated("i1", 2, "")), csList(csWaiting("app", "PodInitializing"))), "0/1", "Init:ExitCode:2", "0", "5m"},
		{"step 5 init no reason: Init:Signal:15", mkPrintPod(mkPod("p", never, app, "i1"), failed,
			csList(csWithSignal(csTerminated("i1", 143, ""), 15)), csList(csWaiting("app", "PodInitializing"))), "0/1", "Init:Signal:15", "0", "5m"},
		{"step 6 init restarts dropped once initialized", mkPrintPod(mkPod("p", always, app, "i1"), running,
			csList(csFinishedAgo(csTerminated("i1", 0, "Completed"), time.Minute)), csList(csRunning("app", true))), "1/1", "Running", "0", "5m"},

		{"step 4/5 sidecar started and ready counts in READY", mkPrintPod(mkPod("p", always, app, "sidecar"), running,
			csList(csRunning("sidecar", true)), csList(csRunning("app", true))), "2/2", "Running", "0", "5m"},
		{"step 4/5 sidecar started, not ready", mkPrintPod(mkPod("p", always, app, "sidecar"), running,
			csList(csRunning("sidecar", false)), csList(csRunning("app", true))), "1/2", "Running", "0", "5m"},
		{"step 5 sidecar not started yet: Init:0/2", mkPrintPod(mkPod("p", always, app, "sidecar", "i2"), pending,
			csList(csRunningNotStarted("sidecar"), csWaiting("i2", "PodInitializing")), csList(csWaiting("app", "PodInitializing"))), "0/2", "Init:0/2", "0", "5m"},
		{"step 6 sidecar restarting after init: its restarts kept", mkWithConditions(mkPrintPod(mkPod("p", always, app, "sidecar"), running,
			csList(csFinishedAgo(csBackOff("sidecar", "CrashLoopBackOff", 1, 4), 20*time.Second)), csList(csRunning("app", true))), initTrue),
			"1/2", "Init:CrashLoopBackOff", "4 (20s ago)", "5m"},

		{"step 7 deletion: Terminating", mkDeleting(mkPrintPod(mkPod("p", always, app), running, nil, csList(csRunning("app", true))), ""), "1/1", "Terminating", "0", "5m"},
		{"step 7 deletion of a finished pod keeps its status", mkDeleting(mkPrintPod(mkPod("p", never, app), succeeded, nil, csList(csTerminated("app", 0, "Completed"))), ""), "0/1", "Completed", "0", "5m"},
		{"step 7 deletion with NodeLost: Unknown", mkDeleting(mkPrintPod(mkPod("p", always, app), running, nil, csList(csRunning("app", true))), "NodeLost"), "1/1", "Unknown", "0", "5m"},
		{"step 1 status.reason: Evicted", func() *corev1.Pod {
			p := mkPrintPod(mkPod("p", always, app), failed, nil, nil)
			p.Status.Reason = "Evicted"
			return p
		}(), "0/1", "Evicted", "0", "5m"},
		{"step 6 a container reason overrides Evicted", func() *corev1.Pod {
			p := mkPrintPod(mkPod("p", always, app), failed, nil, csList(csTerminated("app", 137, "ContainerStatusUnknown")))
			p.Status.Reason = "Evicted"
			return p
		}(), "0/1", "ContainerStatusUnknown", "0", "5m"},
		{"step 2 SchedulingGated", mkWithConditions(mkPrintPod(mkPod("p", always, app), pending, nil, nil),
			mkCond(corev1.PodScheduled, corev1.ConditionFalse, "SchedulingGated", "")), "0/1", "SchedulingGated", "0", "5m"},
		{"step 9 AGE <unknown> without creationTimestamp", noAge, "0/1", "Pending", "0", "<unknown>"},
	}
	for _, tt := range tests {
		got := pod.PrintRow(tt.pod, printNow)
		want := pod.Row{Name: "p", Ready: tt.ready, Status: tt.status, Restarts: tt.restarts, Age: tt.age}
		got.IP, got.Node, got.NominatedNode, got.ReadinessGates = "", "", "", ""
		if got != want {
			t.Errorf("PrintRow(%s) = %+v, want %+v", tt.name, got, want)
		}
	}
}

func TestPrintRowWide(t *testing.T) {
	// Reference: kubelet.md §7.1 (wide columns).
	bare := mkPrintPod(mkPod("web", corev1.RestartPolicyAlways, []string{"app"}), corev1.PodPending, nil, nil)
	got := pod.PrintRow(bare, printNow)
	assert.Equal(t, []string{"<none>", "<none>", "<none>", "<none>"},
		[]string{got.IP, got.Node, got.NominatedNode, got.ReadinessGates}, "PrintRow(bare pod) wide cells")

	full := mkPrintPod(mkPod("web", corev1.RestartPolicyAlways, []string{"app"}), corev1.PodRunning, nil, csList(csRunning("app", true)))
	full.Spec.NodeName = "store-1"
	full.Status.NominatedNodeName = "store-2"
	full.Status.PodIPs = []corev1.PodIP{{IP: "10.244.0.5"}, {IP: "fd00::5"}}
	full.Spec.ReadinessGates = []corev1.PodReadinessGate{{ConditionType: "example.com/lb"}, {ConditionType: "example.com/dns"}}
	full.Status.Conditions = []corev1.PodCondition{mkCond("example.com/lb", corev1.ConditionTrue, "", "")}
	got = pod.PrintRow(full, printNow)
	assert.Equal(t, []string{"10.244.0.5", "store-1", "store-2", "1/2"},
		[]string{got.IP, got.Node, got.NominatedNode, got.ReadinessGates}, "PrintRow(full pod) wide cells")
}

func TestPrintTable(t *testing.T) {
	// Reference: kubelet.md §7 (columns) and kubectl's tab writer
	// (cli-runtime printers: minwidth 6, tabwidth 4, padding 3, ' ').
	web := mkPrintPod(mkPod("web", corev1.RestartPolicyAlways, []string{"app"}), corev1.PodRunning, nil, csList(csRunning("app", true)))
	web.Spec.NodeName = "store-1"
	web.Status.PodIPs = []corev1.PodIP{{IP: "10.244.0.5"}}
	crash := mkPrintPod(mkPod("crashy-worker", corev1.RestartPolicyAlways, []string{"app"}), corev1.PodRunning, nil,
		csList(csFinishedAgo(csBackOff("app", "CrashLoopBackOff", 1, 3), 10*time.Second)))
	pods := []*corev1.Pod{web, crash}

	var buf bytes.Buffer
	require.NoError(t, pod.PrintTable(&buf, pods, printNow, false))
	want := "" +
		"NAME            READY   STATUS             RESTARTS      AGE\n" +
		"web             1/1     Running            0             5m\n" +
		"crashy-worker   0/1     CrashLoopBackOff   3 (10s ago)   5m\n"
	assert.Equal(t, want, buf.String(), "PrintTable(narrow)")

	buf.Reset()
	require.NoError(t, pod.PrintTable(&buf, pods, printNow, true))
	wantWide := "" +
		"NAME            READY   STATUS             RESTARTS      AGE   IP           NODE      NOMINATED NODE   READINESS GATES\n" +
		"web             1/1     Running            0             5m    10.244.0.5   store-1   <none>           <none>\n" +
		"crashy-worker   0/1     CrashLoopBackOff   3 (10s ago)   5m    <none>       <none>    <none>           <none>\n"
	assert.Equal(t, wantWide, buf.String(), "PrintTable(wide)")

	buf.Reset()
	require.NoError(t, pod.PrintTable(&buf, nil, printNow, false))
	assert.Equal(t, "NAME   READY   STATUS   RESTARTS   AGE\n", buf.String(), "PrintTable(no pods)")
}

// printFailingWriter fails every write.
type printFailingWriter struct{}

func (printFailingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestPrintTableWriteError(t *testing.T) {
	err := pod.PrintTable(printFailingWriter{}, nil, printNow, false)
	assert.EqualError(t, err, "disk full", "PrintTable(failing writer)")
}

func TestNilPodPanics(t *testing.T) {
	// A nil pod is a programmer error: each function panics naming itself.
	assert.PanicsWithValue(t, "pod.Phase: nil pod", func() { pod.Phase(nil, nil, false, false) })
	assert.PanicsWithValue(t, "pod.Conditions: nil pod", func() { pod.Conditions(nil, corev1.PodPending, false, nil, nil) })
	assert.PanicsWithValue(t, "pod.QOSClass: nil pod", func() { pod.QOSClass(nil) })
	assert.PanicsWithValue(t, "pod.PrintRow: nil pod", func() { pod.PrintRow(nil, printNow) })
}
