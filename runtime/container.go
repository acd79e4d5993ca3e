package runtime

import (
	"fmt"
	"math"
	"path"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/nodenucleus/nucleus/runtime/shell"
	"github.com/nodenucleus/nucleus/sim"
)

// forever is a sleep so long that the program is treated as blocked for
// good: no wake-up is scheduled.
const forever = 100 * 365 * 24 * time.Hour

// Process is a program running in a container. The engine calls Run when
// the process may make progress and Signal when a signal arrives; both
// return what the process does next.
type Process interface {
	Run() shell.Step
	Signal(sig syscall.Signal) shell.Step
}

// ProgramFunc starts a program with its argv and environment in a container
// it sees through host.
type ProgramFunc func(argv, env []string, host *Host) Process

// container is one container instance on the store. It keeps its log and
// its file system until it is removed, so that the kubelet can show the
// previous instance's log after a restart.
type container struct {
	e       *Engine
	status  ContainerStatus // its limits are the config's, or the last update's
	sandbox *sandbox
	image   *image
	// start is what StartContainer needs of the config; nil once started.
	start *startConfig
	env   []string // the process's environment: HOSTNAME, then the config's
	args  []string // the process's command line (argv)
	// termPath and termFallback are the config's TerminationMessagePath
	// and TerminationMessageFallback.
	termPath     string
	termFallback bool
	proc         Process
	host         *Host
	wake         sim.Handle // the process's next Run
	kill         sim.Handle // SIGKILL at the end of a stop's grace period
	oom          sim.Handle // the instant growing memory use crosses the limit
	onExit       []func()
	ports        []portListener              // few: a slice, not a map
	mounts       []Mount                     // the config's mounts; once mountsReady, deepest path first
	mountsReady  bool                        // mounts prepared; see prepareMounts
	files        map[string]string           // path -> content; directories end in "/"
	appends      map[string]*strings.Builder // files growing by appends; see appendFile
	runs         runs                        // the fast-forwarded ends of files; see run
	rootfs       int64                       // bytes written to the writable layer; see layer
	execs        []*execution                // ExecSync processes still running
	pidns        pidNamespace                // its own PID namespace, while it runs in one
	mem          memoryUse
	cpu          cpuAccount
	runFn        func() // c.run, made once
	held         int64  // bytes its programs hold: shell variables, files written; see charge
	logs         containerLog
}

// startConfig is the part of a container's config that only its start
// reads.
type startConfig struct {
	command, args, env []string
}

// portListener is what answers on one port of a container.
type portListener struct {
	port int
	l    Listener
}

// LogLine is one line of a container's log, as `kubectl logs --timestamps`
// shows it.
type LogLine struct {
	Time   sim.Time
	Stream string // stdout or stderr
	Text   string
}

// CreateContainer creates a container in a ready sandbox from an image
// present on the store. The container is CREATED; nothing runs yet.
func (e *Engine) CreateContainer(sandboxID string, cfg ContainerConfig) (string, error) {
	sb, ok := e.sandboxes[sandboxID]
	if !ok {
		return "", &NotFoundError{"sandbox", sandboxID}
	}
	if sb.status.State != SandboxReady {
		return "", fmt.Errorf("sandbox %q is not ready", sandboxID)
	}
	_, key, err := e.reference(cfg.Image)
	if err != nil {
		return "", err
	}
	im, ok := e.images[key]
	if !ok {
		return "", fmt.Errorf("image %q not present on the store", key)
	}
	id := e.newID()
	c := &container{
		e: e, sandbox: sb, image: im, mounts: cfg.Mounts,
		start:    &startConfig{command: cfg.Command, args: cfg.Args, env: cfg.Env},
		termPath: cfg.TerminationMessagePath, termFallback: cfg.TerminationMessageFallback,
		status: ContainerStatus{
			ID: id, SandboxID: sandboxID, Name: cfg.Name, Attempt: cfg.Attempt,
			State: ContainerCreated, CreatedAt: e.loop.Now(),
			Image: key, ImageRef: im.id, RestartCount: cfg.RestartCount,
			Resources: ContainerResources{MemoryLimit: cfg.MemoryLimit, CPUQuota: cfg.CPUQuota, CPURequest: cfg.CPURequest},
		},
	}
	e.containers[id] = c
	sb.containers = append(sb.containers, c)
	sb.changed()
	return id, nil
}

// argv resolves what a container runs, with Docker's rules: command
// replaces the entrypoint (and then the image's CMD is not used), args
// replace CMD.
func argv(im *ImageSpec, cfg *startConfig) []string {
	entry, cmd := im.Entrypoint, im.Cmd
	if len(cfg.command) > 0 {
		entry, cmd = cfg.command, nil
	}
	if len(cfg.args) > 0 {
		cmd = cfg.args
	}
	return append(slices.Clone(entry), cmd...)
}

// StartContainer starts a CREATED container's program. A program the image
// does not have fails to start: the container exits at once with code 128
// and reason StartError, and the error is returned, as runc reports it.
func (e *Engine) StartContainer(id string) error {
	c, ok := e.containers[id]
	if !ok {
		return &NotFoundError{"container", id}
	}
	if c.status.State != ContainerCreated {
		return fmt.Errorf("container %q is in state %v, not CONTAINER_CREATED", id, c.status.State)
	}
	cfg := c.start
	c.start = nil
	args := argv(c.image.spec, cfg)
	c.host = &Host{c: c}
	start, err := c.image.spec.program(args)
	if err == nil && e.faults.takeStartFailure(c.status.Name) {
		err = startError("error during container init: injected start failure")
	}
	if err != nil {
		c.failStart(err)
		return err
	}
	c.status.State = ContainerRunning
	c.status.StartedAt = e.loop.Now()
	c.sandbox.changed()
	// containerd's CRI plugin sets HOSTNAME to the sandbox's hostname,
	// before the container's own variables (which may override it).
	// Reference: containerd internal/cri/server/container_create_linux.go
	// (oci.WithEnv hostnameEnv), as `printenv HOSTNAME` shows in the docs'
	// "Define a Command and Arguments" page.
	c.env = append([]string{"HOSTNAME=" + c.host.Hostname()}, cfg.env...)
	// The process is PID 1 of the container's own PID namespace, or the
	// next PID of the pod's shared one, where it is not PID 1: a signal
	// it has no handler for kills it (shareProcessNamespace).
	c.args = args
	c.host.pid = c.sandbox.join(c).next()
	c.proc = start(args, c.env, c.host)
	if sh, ok := c.proc.(*shell.Process); ok && c.host.pid != 1 {
		sh.SetPID1(false)
	}
	c.cpu = newCPUAccount(e.loop.Now(), c.status.Resources.CPUQuota)
	c.cpu.pod = &c.sandbox.cpu
	c.runFn = c.run
	c.setMemory(c.image.spec.Memory, 0)
	if c.status.State == ContainerRunning {
		c.run()
	}
	return nil
}

// failStart records a start that failed: the container is exited with
// code 128 and reason StartError, as containerd reports it.
// Reference: proxy-and-runtime.md B4 (errorStartReason, errorStartExitCode).
func (c *container) failStart(err error) {
	now := c.e.loop.Now()
	c.status.State = ContainerExited
	c.status.StartedAt = now
	c.status.FinishedAt = now
	c.status.ExitCode = 128
	c.status.Reason = "StartError"
	c.status.Message = err.Error()
	c.sandbox.changed()
}

// program finds what to run for argv in an image: one of its programs, or
// the shell and its commands when the image has a shell.
func (im *ImageSpec) program(args []string) (ProgramFunc, error) {
	if len(args) == 0 {
		return nil, startError("no command specified")
	}
	name := path.Base(args[0])
	if p, ok := im.Programs[name]; ok {
		return p, nil
	}
	if im.Shell && shell.Known(name) {
		return shellProgram, nil
	}
	return nil, startError(fmt.Sprintf("exec: %q: executable file not found in $PATH", args[0]))
}

func startError(why string) error {
	return fmt.Errorf("failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: %s: unknown", why)
}

func shellProgram(argv, env []string, host *Host) Process {
	return shell.Start(argv, env, host)
}

// run lets the process run now, unless the container's CPU quota is spent:
// then it runs when the next period gives it runtime.
func (c *container) run() {
	if c.status.State != ContainerRunning {
		return
	}
	now := c.e.loop.Now()
	if at := c.cpu.runnableAt(now); at > now {
		c.wake = c.e.loop.At(at, c.runFn)
		return
	}
	c.budget(c.proc)
	c.step(c.proc.Run())
}

// budget tells a process of the container how much CPU it may use from
// now: what the quota allows until the end of the window, or of one
// bandwidth slice under a pod's quota (see cpuAccount.shared).
func (c *container) budget(p Process) {
	if b, ok := p.(budgeted); ok {
		now := c.e.loop.Now()
		end := c.e.window()
		if c.cpu.shared() {
			end = min(end, now.Add(bandwidthSlice))
		}
		b.SetBudget(max(c.cpu.budget(now, end), shell.StepCPU))
	}
}

// step applies what the process said it does next, once the CPU it used
// has been served.
func (c *container) step(s shell.Step) {
	if c.status.State != ContainerRunning {
		return
	}
	loop := c.e.loop
	loop.Cancel(c.wake)
	now := loop.Now()
	at := c.cpu.cpuTimed(now, s)
	if s.Exited {
		if at == now {
			c.exit(int32(s.ExitCode), false)
		} else {
			c.wake = loop.At(at, func() { c.exit(int32(s.ExitCode), false) })
		}
		return
	}
	if s.Sleep <= 0 && s.CPU <= 0 {
		s.Sleep = time.Millisecond
	}
	if s.Sleep >= forever || at.Duration() > math.MaxInt64-s.Sleep {
		return
	}
	c.wake = loop.At(at.Add(s.Sleep), c.runFn)
}

// exit ends the container's process with a code.
func (c *container) exit(code int32, oom bool) {
	if c.status.State != ContainerRunning {
		return
	}
	e := c.e
	e.loop.Cancel(c.wake)
	e.loop.Cancel(c.kill)
	e.loop.Cancel(c.oom)
	c.mem = memoryUse{}
	c.held = 0
	c.status.State = ContainerExited
	c.status.FinishedAt = e.loop.Now()
	c.status.ExitCode = code
	c.status.Message = c.terminationMessage(code)
	switch {
	case oom:
		c.status.Reason = "OOMKilled"
	case code == 0:
		c.status.Reason = "Completed"
	default:
		c.status.Reason = "Error"
	}
	c.closeListeners()
	c.endExecs()
	c.sandbox.leave(c)
	c.sandbox.changed()
	waiting := c.onExit
	c.onExit = nil
	for _, f := range waiting {
		f()
	}
}

// close releases what a removed container holds.
func (c *container) close() {
	c.e.loop.Cancel(c.wake)
	c.e.loop.Cancel(c.kill)
	c.e.loop.Cancel(c.oom)
	c.closeListeners()
	c.endExecs()
}

// StopContainer stops a running container: it sends the image's stop signal
// (SIGTERM unless the image says otherwise) and, if the program is still
// running after timeout, SIGKILL (exit code 137). A timeout of zero kills at
// once. done is called once the container has exited; stopping a container
// that is not running calls done at once, as the CRI's StopContainer is
// idempotent.
func (e *Engine) StopContainer(id string, timeout time.Duration, done func()) error {
	c, ok := e.containers[id]
	if !ok {
		return &NotFoundError{"container", id}
	}
	if done == nil {
		done = func() {}
	}
	if c.status.State == ContainerCreated {
		// Never started: it simply becomes exited.
		c.status.State = ContainerExited
		c.status.FinishedAt = e.loop.Now()
		c.status.Reason = "Completed"
		c.sandbox.changed()
	}
	if c.status.State != ContainerRunning {
		e.loop.After(0, done)
		return nil
	}
	c.onExit = append(c.onExit, done)
	if timeout <= 0 {
		c.exit(137, false)
		return nil
	}
	if !e.loop.Scheduled(c.kill) {
		c.kill = e.loop.After(timeout, func() { c.signal(shell.SIGKILL) })
	}
	sig := c.image.spec.StopSignal
	if sig == 0 {
		sig = shell.SIGTERM
	}
	c.signal(sig)
	return nil
}

func (c *container) signal(sig syscall.Signal) {
	if c.status.State != ContainerRunning {
		return
	}
	if sig == shell.SIGKILL {
		c.exit(137, false)
		return
	}
	c.budget(c.proc)
	c.step(c.proc.Signal(sig))
}

// RemoveContainer removes a container; a running one is killed first.
// Removing a missing container is not an error.
func (e *Engine) RemoveContainer(id string) error {
	c, ok := e.containers[id]
	if !ok {
		return nil
	}
	c.exit(137, false)
	c.close()
	delete(e.containers, id)
	sb := c.sandbox
	sb.containers = slices.DeleteFunc(sb.containers, func(x *container) bool { return x == c })
	sb.changed()
	return nil
}
