// Package scheduler is head office's staffing desk: given a new employee (a
// pod) and the stores of the chain (nodes with the pods already bound to
// them), it picks the store the employee will work in.
//
// # Mental model
//
// kube-scheduler places one pod at a time, in two phases.
//
// Filter: every node runs through the filter plugins, in the default
// profile's order, and the first plugin that rejects a node decides why:
//
//	NodeUnschedulable  spec.unschedulable is set (cordoned), unless tolerated
//	NodeName           spec.nodeName names another node
//	TaintToleration    a NoSchedule or NoExecute taint without a toleration
//	NodeAffinity       nodeSelector and required node affinity
//	NodePorts          a hostPort already taken on the node
//	NodeResourcesFit   pods, cpu, memory, ephemeral-storage and extended
//	                   resource requests against status.allocatable
//	VolumeBinding      the node affinity of the volumes bound to the pod's
//	                   claims ([Scheduler.Volumes]; a local volume's node)
//	PodTopologySpread  DoNotSchedule topologySpreadConstraints: maxSkew,
//	                   minDomains, node inclusion policies
//	InterPodAffinity   required pod affinity and anti-affinity, the
//	                   incoming pod's and the existing pods'
//
// Score: each node that passed gets points from the score plugins
// (NodeResourcesFit's LeastAllocated strategy, weight 1, TaintToleration's
// PreferNoSchedule count, weight 3, NodeAffinity's preferred terms, weight
// 2, InterPodAffinity's preferred terms, weight 2, and PodTopologySpread's
// ScheduleAnyway constraints, weight 2),
// and the node with the highest total wins. Ties are broken at random by reservoir sampling, with
// the *rand.Rand the caller passes in, so a seeded run always picks the same
// store.
//
// When no node passes, [Schedule] returns a [*FitError] whose Error() is the
// exact FailedScheduling message kube-scheduler writes, including the
// "preemption: ..." verdict of the DefaultPreemption plugin.
//
// In the store: the staffing desk looks over every store, crosses off those
// that are closed to new hires, that the employee may not work in, or that
// have no floor space left, and sends the employee to the emptiest store left.
//
// # Simplifications
//
// Only the default profile's filters above and the score plugins named are
// modelled; of volumes only a bound volume's node affinity is (the caller
// checks the claims themselves); image locality and balanced allocation
// are not, nor PodTopologySpread's cluster-level default
// constraints (which softly spread the pods of a Service or a ReplicaSet
// that set no constraints of their own). A pod affinity term's namespaceSelector is
// matched against each namespace's kubernetes.io/metadata.name label only,
// and matchLabelKeys and mismatchLabelKeys are not simulated.
// Preemption: when evicting lower-priority pods would make room, the
// FitError lists the candidate nodes and [Preempt] chooses among them as
// DefaultPreemption does (victims, PodDisruptionBudgets as a preference,
// the node-picking criteria); the caller nominates the node and deletes
// the victims. Pods nominated to a node do not yet hold its room against
// other pods while the victims terminate: the staffing desk only tries
// waiting pods highest priority first.
package scheduler
