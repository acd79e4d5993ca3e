package timeline

import (
	"fmt"

	"github.com/nodenucleus/nucleus/sim"
)

// Timeline is a frozen picture of a run: for each pod, what each of its
// containers was doing from Start to End. It is plain data, ready to draw;
// the renderers ([Timeline.WriteSVG], [Timeline.WriteMermaid],
// [Timeline.WriteText]) read it and nothing else.
type Timeline struct {
	// Title names the picture, usually after the scenario ("crash-loop");
	// "" for none.
	Title string
	// Start is when recording began, End the instant the picture stops.
	Start, End sim.Time
	// Pods are sorted by namespace, then name.
	Pods []Pod
}

// Pod is one pod (an employee) on the timeline.
type Pod struct {
	Namespace, Name string
	// Node is the store the pod was assigned to; "" while unscheduled.
	Node string
	// Containers lists init containers first, then the regular ones, each
	// group in spec order.
	Containers []Container
	// Ready holds the intervals of the pod's Ready condition, in time
	// order. Each span has Ready true or false; before the kubelet first
	// reports the condition there is no span.
	Ready []ReadySpan
	// Customers counts the customers the desks sent to this pod.
	Customers Customers
}

// Label returns the pod's name as a picture shows it: "web" in the default
// namespace, "shop/web" elsewhere.
func (p Pod) Label() string {
	if p.Namespace == "" || p.Namespace == "default" {
		return p.Name
	}
	return p.Namespace + "/" + p.Name
}

// ReadySpan is an interval of the pod's Ready condition.
type ReadySpan struct {
	From, To sim.Time
	Ready    bool
}

// Customers counts the customers (requests) the service desks sent to a
// pod: Served counts answers 2xx/3xx, Failed counts HTTP errors and
// refused connections at the pod.
type Customers struct {
	Served, Failed int
}

// Container is one container (a job the employee performs) on the
// timeline.
type Container struct {
	Name string
	// Init is true for an init container (sidecars included).
	Init bool
	// Segments are the container's states, in time order, end to end.
	// A segment may last zero time: a container that exits and is started
	// again at the same instant is terminated for no time at all.
	Segments []Segment
	// Marks are the instants of restarts, probe failures and kills, in
	// time order.
	Marks []Mark
}

// Label returns the container's row label: "app", or "init:setup" for an
// init container.
func (c Container) Label() string {
	if c.Init {
		return "init:" + c.Name
	}
	return c.Name
}

// State is the kind of a container state, as status.containerStatuses[]
// .state tells it: exactly one of waiting, running, terminated.
type State uint8

// The three container states.
const (
	Waiting State = iota
	Running
	Terminated
)

// String returns "Waiting", "Running" or "Terminated".
func (s State) String() string {
	switch s {
	case Waiting:
		return "Waiting"
	case Running:
		return "Running"
	case Terminated:
		return "Terminated"
	}
	return fmt.Sprintf("State(%d)", s)
}

// Segment is an interval during which a container stayed in one state.
type Segment struct {
	From, To sim.Time
	State    State
	// Ready is the container's readiness while Running.
	Ready bool
	// Reason is the waiting reason (ContainerCreating, PodInitializing,
	// CrashLoopBackOff, ImagePullBackOff, ErrImagePull, ...) or the
	// terminated reason (Completed, Error, OOMKilled, ...).
	Reason string
	// ExitCode is a terminated container's exit code.
	ExitCode int32
}

// Failed reports whether the segment is a termination with an error: a
// non-zero exit code, or a reason other than Completed.
func (s Segment) Failed() bool {
	return s.State == Terminated && (s.ExitCode != 0 || (s.Reason != "" && s.Reason != "Completed"))
}

// Name returns the segment's name as the pictures print it: "Running",
// "Running (not ready)", "CrashLoopBackOff", "Error (exit 1)".
func (s Segment) Name() string {
	switch s.State {
	case Running:
		if s.Ready {
			return "Running"
		}
		return "Running (not ready)"
	case Waiting:
		if s.Reason == "" {
			return "Waiting"
		}
		return s.Reason
	}
	reason := s.Reason
	if reason == "" {
		reason = "Terminated"
	}
	return fmt.Sprintf("%s (exit %d)", reason, s.ExitCode)
}

// MarkKind tells the marks apart.
type MarkKind uint8

// The kinds of mark.
const (
	// Restart: the container's restartCount went up.
	Restart MarkKind = iota
	// ProbeFailure: an Unhealthy event, a probe that failed (or errored).
	ProbeFailure
	// Kill: a Killing event, the kubelet stopping the container.
	Kill
)

// String returns "Restart", "ProbeFailure" or "Kill".
func (k MarkKind) String() string {
	switch k {
	case Restart:
		return "Restart"
	case ProbeFailure:
		return "ProbeFailure"
	case Kill:
		return "Kill"
	}
	return fmt.Sprintf("MarkKind(%d)", k)
}

// Mark is an instant worth pointing at on a container's row.
type Mark struct {
	At   sim.Time
	Kind MarkKind
	// Probe is the probe of a ProbeFailure: Liveness, Readiness or
	// Startup.
	Probe string
	// Message is the event's message ("Liveness probe failed: ..."), or
	// "restart 2" for a Restart.
	Message string
}
