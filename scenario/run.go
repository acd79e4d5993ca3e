package scenario

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/manifest"
	"github.com/nodenucleus/nucleus/proxy"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// Result is what a run of a scenario did: the outcome of every
// expectation, the actions that failed, and the chain as it stands at the
// end, to be looked at further.
type Result struct {
	// Expectations holds one Outcome per checked field of every
	// expectation, in the order they were checked (by instant, then as
	// written).
	Expectations []Outcome
	// Errors holds one *ActionError per action that failed, in time order.
	Errors []error
	// Traffic holds the customer streams the actions started.
	Traffic []*cluster.Traffic
	// Cluster is the chain: as it stands at the end of the run after
	// Run, still running after Start.
	Cluster *cluster.Cluster

	// events holds the reasons each pod has had records with, kept only
	// when an expectation checks one.
	events map[podEvent]bool
}

// Outcome is one checked expectation: what was expected, and what was
// seen at that instant.
type Outcome struct {
	// Index is the expectation's place in spec.expect.
	Index int
	// At is the instant of the check.
	At sim.Time
	// Description says what was expected: "pod web phase is Running".
	Description string
	Passed      bool
	// Saw says what was seen: "Pending".
	Saw string
	// Line is the file line of the checked field; 0 when unknown.
	Line int
	// Hint is the expectation's hint, for a failure.
	Hint string
}

// ActionError is an action that could not be done, such as deleting a pod
// that does not exist. The run goes on.
type ActionError struct {
	File string
	Line int
	// Path is the action's field path: spec.actions[1].delete.
	Path string
	At   sim.Time
	Err  error
}

// Error returns FILE:LINE: PATH: REASON.
func (e *ActionError) Error() string {
	return (&manifest.Error{File: e.File, Line: e.Line, Path: e.Path, Reason: e.Err.Error()}).Error()
}

// Unwrap returns the cause.
func (e *ActionError) Unwrap() error { return e.Err }

// Passed reports whether every expectation passed and no action failed.
func (r *Result) Passed() bool {
	for _, o := range r.Expectations {
		if !o.Passed {
			return false
		}
	}
	return len(r.Errors) == 0
}

// Run builds the chain, applies the objects at time zero, does each
// action at its instant and checks each expectation at its instant (after
// everything due at or before it), and runs to spec.duration. Observers
// see every record, as narration. An object that head office refuses at
// time zero is an error; an action that fails is a Warning record and an
// ActionError in the Result. Run is Start, then the expectations, then
// the loop run to spec.duration.
func (s *Scenario) Run(observers ...sim.Observer) (*Result, error) {
	r, err := s.Start(observers...)
	if err != nil {
		return nil, err
	}
	for _, i := range s.expectOrder() {
		r.Cluster.RunUntil(sim.Time(s.Spec.Expect[i].At))
		r.Expectations = append(r.Expectations, s.expect(r, i)...)
	}
	r.Cluster.RunUntil(sim.Time(s.Spec.Duration))
	return r, nil
}

// Start builds the chain, subscribes the observers, applies the objects
// at time zero and schedules every action at its instant, then returns
// with the clock still at zero: the caller moves the loop
// (r.Cluster.Loop().Step, RunUntil), and may look at the chain between
// events. Actions fill r.Errors and r.Traffic as they happen.
// Expectations are not checked; Run checks them. The errors are Run's.
func (s *Scenario) Start(observers ...sim.Observer) (*Result, error) {
	c, err := s.build()
	if err != nil {
		return nil, err
	}
	for _, o := range observers {
		c.Subscribe(o)
	}
	r := &Result{Cluster: c}
	for _, e := range s.Spec.Expect {
		if e.Event != "" && r.events == nil {
			r.events = map[podEvent]bool{}
			c.Subscribe(eventObserver(r))
		}
	}
	for _, d := range cluster.NamespacesFirst(s.Objects) {
		if err := c.Apply(d.Object); err != nil {
			return nil, &manifest.Error{File: d.File, Line: d.Line, Reason: err.Error()}
		}
	}
	for _, i := range s.actionOrder() {
		at := sim.Time(s.Spec.Actions[i].At)
		c.Loop().At(at, func() { s.act(r, i) })
	}
	return r, nil
}

// build assembles the chain the spec describes.
func (s *Scenario) build() (*cluster.Cluster, error) {
	catalog := runtime.NewCatalog()
	for i, im := range s.Spec.Images {
		if err := catalog.Register(im.Repository, im.Size, im.Behaviour.Runtime()); err != nil {
			return nil, s.errorAt(fmt.Sprintf("spec.images[%d]", i), err.Error())
		}
	}
	cfg := cluster.Config{Seed: s.Seed(), Catalog: catalog, WatchDelay: s.Spec.WatchDelay.D()}
	if p := s.Spec.Proxy; p != nil {
		cfg.Proxy = proxy.Config{Mode: proxy.Mode(p.Mode), Scheduler: proxy.IPVSScheduler(p.Scheduler)}
	}
	for _, st := range s.Spec.StoreList() {
		cfg.Stores = append(cfg.Stores, cluster.StoreConfig{
			Name: st.Name, Capacity: st.Capacity, Labels: st.Labels, Taints: st.Taints, Bandwidth: st.Bandwidth,
		})
	}
	c, err := cluster.New(cfg)
	if err != nil {
		return nil, s.errorAt("spec", err.Error())
	}
	return c, nil
}

// errorAt returns a *manifest.Error for the Scenario field at path.
func (s *Scenario) errorAt(path, reason string) error {
	return &manifest.Error{File: s.File, Line: s.line(path), Path: path, Reason: reason}
}

// actionOrder returns the indexes of the actions, by instant, then as
// written.
func (s *Scenario) actionOrder() []int {
	return byInstant(len(s.Spec.Actions), func(i int) Duration { return s.Spec.Actions[i].At })
}

// expectOrder returns the indexes of the expectations, by instant, then as
// written.
func (s *Scenario) expectOrder() []int {
	return byInstant(len(s.Spec.Expect), func(i int) Duration { return s.Spec.Expect[i].At })
}

// byInstant returns the indexes 0 to n-1 sorted by at(i), keeping the
// written order between equal instants.
func byInstant(n int, at func(i int) Duration) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(at(a), at(b)) })
	return order
}

// Until returns a copy of s that runs to end instead of spec.duration,
// and checks the expectations due at or before end when checks is set
// (none otherwise): the scenario a command that stops at any instant
// runs (`nucleus run --for`, `nucleus get --at`, the playground's
// slider). s is not changed.
func (s *Scenario) Until(end time.Duration, checks bool) *Scenario {
	cp := *s
	cp.Spec.Duration = Duration(end)
	cp.Spec.Expect = nil
	if checks {
		cp.Spec.Expect = s.ExpectedBy(end)
	}
	return &cp
}

// ExpectedBy returns the expectations of s due at or before end, in the
// order written.
func (s *Scenario) ExpectedBy(end time.Duration) []Expectation {
	var out []Expectation
	for _, e := range s.Spec.Expect {
		if e.At.D() <= end {
			out = append(out, e)
		}
	}
	return out
}
