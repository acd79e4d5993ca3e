package simtest

import (
	"fmt"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/sim"
)

// Step is what one event of the loop did: the chain as it stands after
// it, the instant, and the records the event made.
type Step struct {
	Cluster *cluster.Cluster
	Now     sim.Time
	// Records are the records the event made, valid only during Check.
	Records []sim.Record
	// Traffic holds the customer streams the day's actions started.
	Traffic []*cluster.Traffic
}

// Invariant is a rule that must hold after every event. Check returns ""
// when the rule holds, or what was seen that breaks it.
type Invariant struct {
	Name  string
	Check func(Step) string
}

// Violation is an invariant seen broken: which, when, what was seen, and
// the record of the event that broke it.
type Violation struct {
	Invariant string
	At        sim.Time
	Message   string
	// Record is the last record the event made; zero when it made none.
	Record sim.Record
}

// String returns "00:03:12 restart-count-monotonic: pod web ...".
func (v Violation) String() string {
	s := fmt.Sprintf("%v %s: %s", v.At, v.Invariant, v.Message)
	if v.Record.Reason != "" {
		s += " (after: " + v.Record.String() + ")"
	}
	return s
}

// The names of the built-in invariants.
const (
	TimeMonotonic        = "event-time-monotonic"
	TimeAdvances         = "time-advances"
	PhaseMonotonic       = "pod-phase-monotonic"
	RestartsMonotonic    = "restart-count-monotonic"
	InitBeforeApp        = "init-before-app"
	RestartBackOff       = "restart-back-off"
	NothingRunsInTheDark = "no-container-on-powered-off-store"
	EndpointReadiness    = "endpoint-readiness"
	StoreCapacity        = "store-capacity"
	BoundOnce            = "pod-bound-once"
	DeploymentSurge      = "deployment-max-surge"
	DeploymentAvailable  = "deployment-max-unavailable"
	CustomersCounted     = "customers-counted-once"
	PodAntiAffinity      = "pod-anti-affinity"
	// StatefulSetOrdinalOnce: a StatefulSet never runs two pods with one
	// ordinal.
	StatefulSetOrdinalOnce = "statefulset-ordinal-once"
	DrainRespectsBudget    = "drain-respects-budget"
	// DaemonSetOnePerStore: a DaemonSet never has two live pods for one
	// store, save an old and a new one during a maxSurge update.
	DaemonSetOnePerStore = "daemonset-one-per-store"
	// DaemonSetEligibleStore: a DaemonSet never hires for a store its pod
	// may not work at.
	DaemonSetEligibleStore = "daemonset-eligible-store"
	// NamespaceEmptied: nothing is left in a namespace once it is gone.
	NamespaceEmptied = "namespace-emptied"
	// HPAWithinBounds: an autoscaler never scales outside [minReplicas,
	// maxReplicas].
	HPAWithinBounds = "hpa-within-bounds"
	// RCReplicas: a settled ReplicationController owns exactly
	// spec.replicas active pods.
	RCReplicas = "replicationcontroller-replicas"
)
