// Package kubelet is the store manager: the agent on every store (worker
// node) that makes the store match the work orders head office has for it.
//
// # Mental model
//
// Head office (the API server) writes down which employees (pods) work at
// which store. The store manager watches for the orders bound to its store
// and, for each pod, keeps a pod worker that brings the pod in line with
// its order, one sync at a time:
//
//	                deleted, or finished
//	syncing ──────────────────────────────▶ terminating ──(all stopped)──▶ terminated
//	   ▲  │
//	   │  └─ each sync: report the status; compute the actions
//	   │     (computePodActions); create the sandbox; start init
//	   │     containers in order, sidecars beside them, then the app
//	   │     containers; kill a container whose liveness or startup
//	   │     probe failed, or whose image the pod's spec changed (it
//	   │     restarts with the new one, whatever the restartPolicy)
//	   │
//	a watch event from head office, a change the relist saw (every 1s),
//	the resync (every 1m), the end of a back-off
//
// A sync never blocks: pulling an image or stopping a container takes
// virtual time, and the worker continues when the training department
// (the runtime) calls back.
//
// The rules are Kubernetes' own, each cited in the tests with its source
// in Kubernetes (pkg/kubelet/..., the Kubernetes documentation): getPhase and the
// pod conditions (package pod), ShouldContainerBeRestarted, the
// CrashLoopBackOff of 10s doubling to 300s and reset after 10 quiet minutes,
// the image pull back-off, the probe workers (package kubelet/prober), the
// grace period with its 2s floor and preStop hooks, admission against
// allocatable, node-pressure eviction, the node's conditions and its Lease
// renewed every 10s.
//
// Before a pod's containers start, the volume manager sets up its volumes
// (emptyDir, hostPath on the store's own disk, configMap, secret,
// downwardAPI, projected, and persistentVolumeClaim from the chain's
// Claims); a missing source is a FailedMount Event and the pod waits in
// ContainerCreating. Every container also gets the kubelet's /etc/hosts,
// /etc/hostname and /etc/resolv.conf, and its termination message is
// read from terminationMessagePath (or the log, FallbackToLogsOnError).
//
// A running pod's cpu and memory may change through head office's resize
// subresource (in-place resize): the store manager allots the new
// resources when the store has room (else PodResizePending, Deferred or
// Infeasible), then gives the running containers their new limits in
// place (PodResizeInProgress until the relist sees them), or restarts the
// ones whose resizePolicy says RestartContainer (see resize.go).
//
// The store manager never creates a replacement for a pod that is gone:
// it only restarts containers inside the pods it has. Replacing pods is
// head office's staffing plan (package controller).
//
// A store can lose power (PowerOff, PowerOn) or be cut off from head
// office (CutOff, Reconnect); the kubelet then behaves as a real one does:
// it forgets what it held in memory, or keeps working unheard.
package kubelet
