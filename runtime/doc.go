// Package runtime is the training department: the container runtime that a
// store manager (the kubelet) asks to fetch training manuals (images), set up
// an employee's desk (the pod sandbox, with its network address) and run
// each job (container).
//
// # Mental model
//
// On a real node the kubelet talks to containerd or CRI-O through the
// Container Runtime Interface (CRI). [Engine] offers the same verbs with the
// same contract: RunPodSandbox, CreateContainer, StartContainer,
// StopContainer, RemoveContainer, ContainerStatus, ListContainers, PullImage,
// ImageStatus, and so on. Stop and remove are idempotent, and ImageStatus of
// a missing image answers nil rather than an error, as the CRI demands.
//
// A container's life, in the CRI's states:
//
//	CreateContainer      StartContainer        the program exits,
//	      │                    │              or is killed
//	      ▼                    ▼                    ▼
//	  CREATED ───────────▶ RUNNING ─────────────▶ EXITED
//
// What runs inside comes from the image and the container's command, as on a
// real node: busybox and alpine run a small shell (package runtime/shell),
// nginx serves HTTP on port 80, pause sleeps forever. A program runs in the
// simulation's virtual time: when it sleeps, the engine schedules its next
// step on the loop.
//
// Operations that take time on a real node take virtual time here: pulling
// an image takes its size divided by the store's bandwidth, and stopping a
// container takes as long as the program needs to react to its stop signal,
// at most the grace period, after which it is killed (exit code 137).
// Those calls report completion through a callback.
//
// # What a program shows the store
//
// Everything the kubelet and kube-proxy can observe of a container comes
// from its program: its files (an exec probe's `cat /tmp/healthy`), its
// listening ports and what they speak ([Port], [ProtocolOf]: redis accepts a
// TCP connection but answers no HTTP; etcd answers the gRPC health
// service), its memory use over time against its limit ([Engine.MemoryUsage];
// crossing the limit is an OOM kill, exit code 137, reason OOMKilled, at the
// exact instant), and its log, kept with each instance until it is removed.
// [Engine.ExecSync] runs a command inside a running container, in virtual
// time, as `kubectl exec` and exec probes do.
//
// A container's own files die with it. A [Volume] lives outside any one
// container: the kubelet makes it and names it in
// [ContainerConfig].Mounts, and every container that mounts it sees the
// same files (what one writes another reads; a restarted container finds
// them again). A [Mount] can be read-only or show one SubPath of the
// volume; a volume in memory (tmpfs) charges what is written to the
// writing container's memory. When a container exits, the file at its
// TerminationMessagePath (or the end of its log) becomes its status's
// Message.
//
// # Virtual CPU
//
// A program's steps cost CPU time (package runtime/shell: a microsecond a
// step), and CPU time is virtual time: a busy loop moves the clock instead
// of stalling the simulator. Each run of a process gets a budget: the CPU
// it may use until the next event anywhere in the simulation (at least
// 10 ms and at most a second ahead), since nothing it could see changes
// before then. A process that spends its budget is preempted and runs again
// once that CPU time has been served; one that sleeps or exits after less
// than a millisecond of CPU does so at the instant it woke, the CPU counted
// all the same. A line a busy process logs is stamped with the instant it
// was written (its Run's start plus the CPU used until then), so the Run
// goes on past it; [Engine.Logs] shows no line stamped after the instant
// it is called, though the log file (and [Engine.LogFiles]) may already
// hold the rest of a Run that ends up to a second ahead.
//
// A container's CPU limit throttles it as the kernel's CFS bandwidth
// control does: the kubelet sets a quota of limit × 100 ms for every
// 100 ms period ([CFSQuota], [CFSPeriod]), so a container limited to 100m
// that spins runs 10 ms of each period and waits out the other 90 ms, and
// its work takes ten times as long. Exec'd commands count against the same
// quota. A pod-level limit is a quota of the pod's cgroup
// ([SandboxConfig].CPUQuota) that its containers share: a process runs
// only while its container and its pod both have runtime left, taking the
// pod's a bandwidth slice (5 ms) at a time, so two busy containers under a
// pod limit of one CPU get half a CPU each. Without a limit a container
// has one CPU of its own: how a store's
// CPU capacity is shared among busy containers (CPU shares from requests)
// is not modelled.
//
// [Engine.ContainerStats] reports what the CRI's ContainerStats does: the
// CPU a container has used (usageCoreNanoSeconds) and its memory working
// set, the figures behind `kubectl top` and autoscalers.
// registry.k8s.io/hpa-example's requests cost CPU ([RequestCPU] each,
// [Host.ServeCPU]): the container works through them with the CPU its
// limit allows, and the usage grows as they are served, so a load on a
// Service shows in the metrics and moves an autoscaler.
//
// # What a node bounds
//
// A node bounds what a program may take, and the engine puts the same bounds
// on the programs it runs, so that no script can make nucleus itself grow
// without end:
//
//   - Memory. What a shell holds (its variables, the text it expands, the
//     files it writes) is charged to its container before it is allocated
//     (shell.MemoryHost); the allocation that would go over the memory limit,
//     or, without a limit, over what the store has left ([Config.Memory]),
//     OOM-kills the container. nucleus holds those bytes itself, so
//     [Config.MaxHeld] (256 MiB) bounds every container, whatever its limit.
//   - Logs. [Engine.Logs] returns the lines of the current log file, which is
//     all `kubectl logs` reads; the file is rotated as the kubelet rotates it
//     ([LogPolicy]: 10 MiB, 5 files, checked every 10 s), and
//     [Engine.LogFiles] lists the files a node would have on disk.
//   - Processes and nesting: see package runtime/shell (a -c shell's last
//     command is an exec; forks cost memory and stop at 1,024; a script
//     nested past 1,000 levels crashes with SIGSEGV, 139).
//   - Exec output: at most 16 MiB a stream, what the kubelet's CRI client
//     accepts.
//   - Reads and writes: a command reads a large file only if it has room
//     to hold it ([Host.FileSize] is asked first), and what it writes to
//     its log costs CPU by the line and by the KiB (package runtime/shell),
//     so a container logs at most about a million lines a second of CPU.
//
// # Signals
//
// A stop sends the image's STOPSIGNAL (nginx: SIGQUIT, httpd: SIGWINCH,
// others SIGTERM). PID 1 gets only the signals it has a handler for: a shell
// ignores SIGTERM unless it traps it, so `sleep 3600` waits for SIGKILL
// (137) at the end of the grace period; a Go program without a handler (the
// agnhost servers, goproxy) exits with 2, because the Go runtime's own
// handler cannot kill PID 1 with the signal and falls back to exit(2).
//
// In a pod whose containers share a PID namespace (shareProcessNamespace)
// the pause container is PID 1 and each container's process takes the
// next PID, so it is not PID 1: a signal it has no handler for kills it
// (143 for SIGTERM). Its shells' ps, kill and /proc/<pid>/root see and
// reach the other containers' processes (namespaces.go). A namespace
// keeps no list of its processes: ps, kill and /proc gather them from
// the running containers (main process, nginx's worker, execs) when they
// look, so a store where nobody looks keeps two numbers per container. SIGTERM
// or SIGINT to PID 1 makes pause exit, which kills every process of the
// namespace (137) and leaves the sandbox SANDBOX_NOTREADY.
//
// # Scripted images and faults
//
// [Catalog.Register] adds an image whose program follows a [Behaviour]:
// startup time, ports and answers over time, memory steps, log lines, an
// exit, and what it does on SIGTERM. [Engine.FailPulls], [Engine.SlowPulls],
// [Engine.FailStarts], [Engine.Crash] and [Engine.UseMemory] inject faults.
package runtime
