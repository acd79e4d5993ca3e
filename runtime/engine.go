package runtime

import (
	"cmp"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/nodenucleus/nucleus/runtime/shell"
	"github.com/nodenucleus/nucleus/sim"
)

// Config describes one store's training department.
type Config struct {
	// Store is the name of the store (node) the engine runs on.
	Store string
	// PodCIDR is the range pod addresses come from, e.g. "10.244.1.0/24".
	PodCIDR string
	// Bandwidth is how fast images arrive from the warehouse, in bytes per
	// second; zero means 50 MB/s.
	Bandwidth int64
	// RegistryLatency is the round trip to the registry before a pull
	// starts moving bytes; zero means 200ms.
	RegistryLatency time.Duration
	// Catalog is the warehouse; nil means NewCatalog().
	Catalog *Catalog
	// Network lets programs reach Services and other pods; nil means an
	// isolated store where nothing resolves or answers.
	Network Network
	// Memory is the store's memory in bytes, which bounds what the
	// programs of containers without a memory limit may hold; zero means
	// DefaultStoreMemory.
	Memory int64
	// MaxHeld bounds what a container's programs may hold (a shell's
	// variables, the files it writes), which nucleus keeps in its own
	// memory: past it the container is OOM-killed as at its memory limit,
	// even when its limit (or the store's memory) is larger. Zero means
	// DefaultMaxHeld.
	MaxHeld int64
	// Logs is how container logs are rotated; the zero value means the
	// kubelet's defaults.
	Logs LogPolicy
	// NoUserNamespaces makes a runtime without support for user
	// namespaces (an old containerd, or a kernel without idmap mounts):
	// its handlers report userNamespaces false, and the kubelet refuses
	// a pod with hostUsers: false.
	NoUserNamespaces bool
}

// Engine is a store's container runtime. It implements the CRI's verbs over
// virtual time.
type Engine struct {
	loop       *sim.Loop
	cfg        Config
	catalog    *Catalog
	ids        *rand.Rand
	ipam       *ipam
	sandboxes  map[string]*sandbox
	containers map[string]*container
	images     map[string]*image
	listeners  map[string]*container // "ip:port" -> the container listening there
	faults     faults
	programs   shell.Programs // what exec'd commands start, parsed once
	changes    uint64         // see Changes
	execFree   []*execution   // ended executions, for reuse
	// answers are the exec results on their way to their callers, in the
	// order they were sent, the first answered already delivered;
	// answerFn (deliverAnswer) delivers the next.
	answers  []execAnswer
	answered int
	answerFn func()
	refs     map[string]parsedRef // image references parsed so far
	nsInodes uint32               // namespaces made so far; see newNSInode
	diskFree func() int64         // see SetDiskFree
}

// New returns the engine of one store. Container and sandbox ids are drawn
// from the loop's "runtime/<store>" stream.
func New(loop *sim.Loop, cfg Config) (*Engine, error) {
	if cfg.Bandwidth == 0 {
		cfg.Bandwidth = 50_000_000
	}
	if cfg.RegistryLatency == 0 {
		cfg.RegistryLatency = 200 * time.Millisecond
	}
	if cfg.Catalog == nil {
		cfg.Catalog = NewCatalog()
	}
	if cfg.Network == nil {
		cfg.Network = isolated{}
	}
	if cfg.Memory <= 0 {
		cfg.Memory = DefaultStoreMemory
	}
	if cfg.MaxHeld <= 0 {
		cfg.MaxHeld = DefaultMaxHeld
	}
	cfg.Logs = cfg.Logs.withDefaults()
	pool, err := newIPAM(cfg.PodCIDR)
	if err != nil {
		return nil, fmt.Errorf("runtime: store %s: %w", cfg.Store, err)
	}
	e := &Engine{
		loop:       loop,
		cfg:        cfg,
		catalog:    cfg.Catalog,
		ids:        loop.Rand("runtime/" + cfg.Store),
		ipam:       pool,
		sandboxes:  map[string]*sandbox{},
		refs:       map[string]parsedRef{},
		containers: map[string]*container{},
		images:     map[string]*image{},
		listeners:  map[string]*container{},
	}
	e.answerFn = e.deliverAnswer
	return e, nil
}

// Catalog returns the warehouse the engine pulls from.
func (e *Engine) Catalog() *Catalog { return e.catalog }

// Store returns the name of the store the engine runs on.
func (e *Engine) Store() string { return e.cfg.Store }

// pullTime returns how long moving size bytes from the warehouse takes:
// size over the store's bandwidth, times the SlowPulls factor, to the
// millisecond.
func (e *Engine) pullTime(size int64) time.Duration {
	secs := float64(size) / float64(e.cfg.Bandwidth)
	if e.faults.slow > 0 {
		secs *= e.faults.slow
	}
	if !(secs < maxPullTime.Seconds()) {
		// A tiny bandwidth or a huge slowdown (or +Inf) would overflow
		// the duration: a pull that slow never ends within any run.
		return maxPullTime
	}
	return time.Duration(secs * float64(time.Second)).Round(time.Millisecond)
}

// maxPullTime bounds how long a pull takes, so that the instant it ends
// stays far from the clock's end.
const maxPullTime = 100 * 365 * 24 * time.Hour

func (e *Engine) newID() string {
	var b [32]byte
	for i := 0; i < len(b); i += 8 {
		v := e.ids.Uint64()
		for j := 0; j < 8; j++ {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	return hex.EncodeToString(b[:])
}

type sandbox struct {
	e          *Engine
	status     SandboxStatus
	version    uint64       // bumped whenever a container in it changes state
	containers []*container // in order of creation
	oom        sim.Handle   // the pod cgroup's OOM kill; see podcgroup.go
	cpu        cfs          // the pod cgroup's CPU bandwidth, its containers' to share; see cpu.go
	// pidns is the pod's PID namespace when its containers share one
	// (inode 0: each has its own); pauseExited says its PID 1, the pause
	// process, has exited.
	pidns       pidNamespace
	pauseExited bool
	userNS      uint32 // the inode of the pod's user namespace; 0: the store's
	stopped     bool   // StopPodSandbox has torn its network down
}

// changed bumps the sandbox's version, and the engine's count of changes.
func (sb *sandbox) changed() {
	sb.version++
	sb.e.changes++
}

// RunPodSandbox creates a pod's sandbox and gives it an address from the
// store's pod range. The sandbox is ready when the call returns.
func (e *Engine) RunPodSandbox(cfg SandboxConfig) (string, error) {
	ip, err := e.ipam.allocate()
	if err != nil {
		return "", err
	}
	id := e.newID()
	// A new sandbox is a change the kubelet's relist notices, as the PLEG
	// sees a new sandbox on a real node.
	e.changes++
	sb := &sandbox{e: e, version: 1, status: SandboxStatus{
		ID: id, Config: cfg, State: SandboxReady, IP: ip, CreatedAt: e.loop.Now(),
	}}
	sb.cpu = cfs{quota: cfg.CPUQuota, origin: e.loop.Now(), runtime: cfg.CPUQuota}
	if cfg.UserNamespace.Length > 0 {
		sb.userNS = e.newNSInode()
	}
	if cfg.SharePID {
		sb.startPause()
	}
	e.sandboxes[id] = sb
	return id, nil
}

// StopPodSandbox stops every container in the sandbox at once (exit code
// 137) and gives its address back. Stopping a stopped sandbox is not an
// error.
func (e *Engine) StopPodSandbox(id string) error {
	sb, ok := e.sandboxes[id]
	if !ok {
		return nil
	}
	for _, c := range e.containersOf(id) {
		if c.status.State == ContainerRunning {
			c.exit(137, false)
		}
	}
	sb.status.State = SandboxNotReady
	if !sb.stopped {
		// The network goes with the stop, even when the sandbox was
		// NotReady before it (its pause process had died).
		sb.stopped = true
		e.ipam.release(sb.status.IP)
	}
	return nil
}

// RemovePodSandbox stops and removes the sandbox and all its containers.
// Removing a missing sandbox is not an error.
func (e *Engine) RemovePodSandbox(id string) error {
	if _, ok := e.sandboxes[id]; !ok {
		return nil
	}
	_ = e.StopPodSandbox(id)
	for _, c := range e.containersOf(id) {
		c.close()
		delete(e.containers, c.status.ID)
	}
	delete(e.sandboxes, id)
	e.changes++
	return nil
}

// PodSandboxStatus reports a sandbox; a missing one is an error.
func (e *Engine) PodSandboxStatus(id string) (SandboxStatus, error) {
	sb, ok := e.sandboxes[id]
	if !ok {
		return SandboxStatus{}, &NotFoundError{"sandbox", id}
	}
	return sb.status, nil
}

// ListPodSandbox returns every sandbox, oldest first.
func (e *Engine) ListPodSandbox() []SandboxStatus {
	out := make([]SandboxStatus, 0, len(e.sandboxes))
	for _, sb := range e.sandboxes {
		out = append(out, sb.status)
	}
	slices.SortFunc(out, func(a, b SandboxStatus) int {
		return cmp.Or(cmp.Compare(a.CreatedAt, b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// NewestSandbox returns the sandbox of the pod with the given UID that has
// the highest attempt (the newest one, between equal attempts), as a kubelet
// that starts afresh looks for its pods' sandboxes.
func (e *Engine) NewestSandbox(uid string) (SandboxStatus, bool) {
	var found *sandbox
	for _, sb := range e.sandboxes {
		if sb.status.Config.UID != uid {
			continue
		}
		if found == nil || cmp.Or(
			cmp.Compare(sb.status.Config.Attempt, found.status.Config.Attempt),
			cmp.Compare(sb.status.CreatedAt, found.status.CreatedAt),
			cmp.Compare(sb.status.ID, found.status.ID)) > 0 {
			found = sb
		}
	}
	if found == nil {
		return SandboxStatus{}, false
	}
	return found.status, true
}

// SandboxVersion returns a number that changes whenever a container in the
// sandbox changes state, so that a relist can skip unchanged pods.
func (e *Engine) SandboxVersion(id string) uint64 {
	if sb, ok := e.sandboxes[id]; ok {
		return sb.version
	}
	return 0
}

// Changes returns a number that changes whenever the version of any
// sandbox does, or a sandbox is created or removed: a relist that finds it
// unchanged has nothing to look at.
func (e *Engine) Changes() uint64 { return e.changes }

func (e *Engine) containersOf(sandboxID string) []*container {
	if sb, ok := e.sandboxes[sandboxID]; ok {
		return sb.containers
	}
	return nil
}
