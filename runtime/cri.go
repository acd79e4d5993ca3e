package runtime

import (
	"fmt"
	"time"

	"github.com/nodenucleus/nucleus/sim"
)

// ContainerState is a container's state as the CRI reports it.
type ContainerState uint8

// The CRI's container states.
const (
	ContainerCreated ContainerState = iota
	ContainerRunning
	ContainerExited
	ContainerUnknown
)

// String returns the CRI's name for the state, e.g. "CONTAINER_RUNNING".
func (s ContainerState) String() string {
	switch s {
	case ContainerCreated:
		return "CONTAINER_CREATED"
	case ContainerRunning:
		return "CONTAINER_RUNNING"
	case ContainerExited:
		return "CONTAINER_EXITED"
	}
	return "CONTAINER_UNKNOWN"
}

// SandboxState is a pod sandbox's state.
type SandboxState uint8

// The CRI's sandbox states.
const (
	SandboxReady SandboxState = iota
	SandboxNotReady
)

// String returns "SANDBOX_READY" or "SANDBOX_NOTREADY".
func (s SandboxState) String() string {
	if s == SandboxReady {
		return "SANDBOX_READY"
	}
	return "SANDBOX_NOTREADY"
}

// SandboxConfig describes the pod a sandbox is for.
type SandboxConfig struct {
	Name, Namespace, UID string
	Attempt              uint32
	Hostname             string
	// MemoryLimit is the pod-level memory limit in bytes (the pod's
	// cgroup, shared by its containers); 0 means none.
	MemoryLimit int64
	// CPUQuota is the pod-level CPU limit's quota per CFSPeriod (the
	// pod cgroup's cpu.max, see CFSQuota), which all its containers
	// share; 0 means none.
	CPUQuota time.Duration
	// SharePID puts the pod's containers in one PID namespace
	// (shareProcessNamespace), whose PID 1 is the pause container.
	SharePID bool
	// UserNamespace is the pod's user namespace (hostUsers: false), as
	// the kubelet allocated it; the zero value is the store's.
	UserNamespace IDMapping
}

// SandboxStatus reports a sandbox.
type SandboxStatus struct {
	ID        string
	Config    SandboxConfig
	State     SandboxState
	IP        string
	CreatedAt sim.Time
}

// ContainerConfig describes a container to create.
type ContainerConfig struct {
	Name         string
	Attempt      uint32
	Image        string   // as the pod spec names it
	Command      []string // overrides the image's entrypoint
	Args         []string // overrides the image's command
	Env          []string // NAME=value
	RestartCount int32    // kept with the container, as the kubelet keeps it in an annotation
	MemoryLimit  int64    // bytes; 0 means no limit
	// CPUQuota is the CPU the container may use every CFSPeriod
	// (cpu.cfs_quota_us, see CFSQuota); 0 means no limit: one CPU.
	CPUQuota time.Duration
	// CPURequest is the container's cpu request in millicores, which
	// cpu.shares carries; nucleus gives each container a CPU of its own,
	// so it weighs nothing and is only reported back.
	CPURequest int64
	// Mounts are the volumes the container sees, at their paths.
	Mounts []Mount
	// TerminationMessagePath is the file whose content becomes the
	// exited container's Message (the kubelet mounts an empty one there);
	// "" for none. TerminationMessageFallback is the policy
	// FallbackToLogsOnError: an empty file after a failure gives the
	// end of the log instead.
	TerminationMessagePath     string
	TerminationMessageFallback bool
}

// ContainerStatus reports a container, as the CRI's ContainerStatus does.
type ContainerStatus struct {
	ID           string
	SandboxID    string
	Name         string
	Attempt      uint32
	State        ContainerState
	CreatedAt    sim.Time
	StartedAt    sim.Time
	FinishedAt   sim.Time
	ExitCode     int32
	RestartCount int32
	Reason       string // Completed, Error, OOMKilled, StartError
	Message      string // the termination message, or why the start failed
	Image        string
	ImageRef     string
	// Resources are the limits the container runs under now: those it
	// was created with, or the last UpdateContainerResources gave it.
	Resources ContainerResources
}

// NotFoundError is returned for a sandbox or container the engine does not
// know.
type NotFoundError struct {
	Kind, ID string
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("%s %q not found", e.Kind, e.ID)
}
