package nodelifecycle

import "time"

// Timing defaults of the node lifecycle (kubelet.md §9.1, §9.3).
const (
	// NodeMonitorPeriod is how often the controller checks node health
	// (kube-controller-manager --node-monitor-period, 5s).
	NodeMonitorPeriod = 5 * time.Second
	// NodeMonitorGracePeriod is how long a node may stay silent before its
	// conditions become Unknown (--node-monitor-grace-period; 50s since
	// v1.32, kubernetes/kubernetes#126287, 40s before).
	NodeMonitorGracePeriod = 50 * time.Second
	// NodeStartupGracePeriod is the grace for a node that never posted a
	// Ready condition (--node-startup-grace-period, 60s).
	NodeStartupGracePeriod = 60 * time.Second
	// DefaultTolerationSeconds is the tolerationSeconds the
	// DefaultTolerationSeconds admission plugin gives for not-ready and
	// unreachable (--default-not-ready-toleration-seconds,
	// --default-unreachable-toleration-seconds, 300).
	DefaultTolerationSeconds int64 = 300
	// LeaseDuration is the kubelet's node Lease duration
	// (nodeLeaseDurationSeconds, 40).
	LeaseDuration = 40 * time.Second
	// LeaseRenewInterval is how often the kubelet renews its Lease:
	// 0.25 x LeaseDuration (pkg/kubelet/kubelet.go nodeLeaseRenewIntervalFraction).
	LeaseRenewInterval = LeaseDuration / 4
)

// Condition reasons and messages the controller writes
// (pkg/controller/nodelifecycle/node_lifecycle_controller.go tryUpdateNodeHealth).
const (
	ReasonNodeStatusUnknown       = "NodeStatusUnknown"
	MessageNodeStatusUnknown      = "Kubelet stopped posting node status."
	ReasonNodeStatusNeverUpdated  = "NodeStatusNeverUpdated"
	MessageNodeStatusNeverUpdated = "Kubelet never posted node status."
)
