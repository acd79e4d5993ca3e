package server

import (
	"context"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/events"
	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/server/openapi"
	"github.com/nodenucleus/nucleus/sim"
)

// Config says what a Server serves and how fast its time runs.
type Config struct {
	// Scenario is the scenario the run was started from; the changes
	// clients make are appended to it as actions (scenario.Act).
	Scenario *scenario.Scenario
	// Run is what Scenario.Start returned: the chain, with its clock still
	// at zero or wherever the caller left it.
	Run *scenario.Result
	// Log is the logbook subscribed to the run, which the Events come
	// from; nil serves no Events.
	Log *events.Log
	// Pace is how many seconds of virtual time pass in a second of wall
	// time; 0 means 1.
	Pace float64
	// Wall is the wall clock; nil means time.Now. Tests give a fake.
	Wall func() time.Time
	// WatchBuffer is how many events a watch may fall behind before it is
	// dropped; 0 means 1024.
	WatchBuffer int
	// BookmarkEvery is how often a watch that allows bookmarks gets one;
	// 0 means a minute, as the API server's watch cache sends them.
	BookmarkEvery time.Duration
	// OpenAPI, when set, serves /openapi/v2 and /openapi/v3; nil serves
	// the documents package openapi builds for the served resources.
	OpenAPI http.Handler
}

// Server is head office's front door: the Kubernetes REST API over the
// ledger of a running chain. Every request takes the lock, brings the
// chain up to the current virtual instant, and reads or changes it there;
// Run, on one goroutine, moves the chain along with the wall clock between
// requests.
type Server struct {
	mu    sync.Mutex
	sc    *scenario.Scenario
	run   *scenario.Result
	c     *cluster.Cluster
	api   *apiserver.Server
	log   *events.Log
	clock clock

	resources []*resource
	byPath    map[string]*resource // "group/version/plural"
	watch     watchConfig
	histories map[*resource]*history
	openapi   http.Handler
	owners    *fieldOwners
	// wake tells Run that the clock changed (pause, pace, jump).
	wake chan struct{}
}

// New returns a server over cfg's run. It subscribes to the ledger's
// watches, so it must be made before the run's loop moves on. The error
// is the OpenAPI documents' that could not be built.
func New(cfg Config) (*Server, error) {
	wall := cfg.Wall
	if wall == nil {
		wall = time.Now
	}
	pace := cfg.Pace
	if pace <= 0 {
		pace = 1
	}
	s := &Server{
		sc: cfg.Scenario, run: cfg.Run, c: cfg.Run.Cluster, api: cfg.Run.Cluster.API(), log: cfg.Log,
		openapi: cfg.OpenAPI, wake: make(chan struct{}, 1),
		watch: watchConfig{buffer: cfg.WatchBuffer, bookmarkEvery: cfg.BookmarkEvery},
	}
	if s.watch.buffer <= 0 {
		s.watch.buffer = 1024
	}
	if s.watch.bookmarkEvery <= 0 {
		s.watch.bookmarkEvery = time.Minute
	}
	s.clock = clock{wall: wall, pace: pace, baseWall: wall(), baseVirtual: s.c.Now()}
	s.resources = s.table()
	s.byPath = map[string]*resource{}
	for _, r := range s.resources {
		s.byPath[r.group+"/"+r.version+"/"+r.plural] = r
	}
	docs, err := openapi.Build(s.OpenAPIResources())
	if err != nil {
		return nil, err
	}
	if s.openapi == nil {
		if s.openapi, err = docs.Handler(); err != nil {
			return nil, err
		}
	}
	if s.owners, err = newFieldOwners(docs); err != nil {
		return nil, err
	}
	for _, r := range s.resources {
		r.owners = s.owners
	}
	s.subscribe()
	return s, nil
}

// OpenAPIResources returns the resources the server serves, as package
// openapi describes them. Every writable kind lists patch, which kubectl
// reads to learn that the server validates fields itself
// (fieldValidation).
func (s *Server) OpenAPIResources() []openapi.Resource {
	out := make([]openapi.Resource, 0, len(s.resources))
	for _, r := range s.resources {
		if r.group == metricsGroup {
			// metrics.k8s.io's types are not among the generated
			// definitions (they live in k8s.io/metrics).
			continue
		}
		verbs := r.verbs()
		if len(r.writable) > 0 && !slices.Contains(verbs, "patch") {
			verbs = append(verbs, "patch")
		}
		out = append(out, openapi.Resource{
			Group: r.group, Version: r.version, Kind: r.kind, Plural: r.plural,
			Namespaced: r.namespaced, Verbs: verbs, Subresources: r.subresources,
		})
	}
	return out
}

// Run moves the chain along with the wall clock until ctx is done: it
// runs every event that is due, then sleeps until the next one is due, a
// request comes, or the clock changes. Call it on one goroutine.
func (s *Server) Run(ctx context.Context) {
	for {
		s.mu.Lock()
		done := s.advance(maxBatch)
		wait := maxWait
		if done {
			if next, ok := s.c.Loop().Next(); ok {
				wait = min(wait, s.clock.wallUntil(next))
			}
		} else {
			wait = 0
		}
		s.mu.Unlock()
		if wait <= 0 {
			select {
			case <-ctx.Done():
				return
			default:
				continue
			}
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-s.wake:
		case <-t.C:
		}
		t.Stop()
	}
}

// maxBatch is how many events Run runs per turn of the lock, so that a
// request never waits for a long burst; maxWait is the longest Run sleeps.
const (
	maxBatch = 2000
	maxWait  = 100 * time.Millisecond
)

// advance runs at most n events due by the current virtual instant, and
// reports whether none is left due; with none left it moves the clock to
// the instant. The caller holds the lock.
func (s *Server) advance(n int) bool {
	target := s.target()
	loop := s.c.Loop()
	for i := 0; i < n; i++ {
		next, ok := loop.Next()
		if !ok || next > target {
			loop.RunUntil(target)
			return true
		}
		loop.Step()
	}
	return false
}

// target returns the current virtual instant: the clock's, or the
// chain's when a write has moved it a little further, and never past the
// longest a scenario runs (24h): there the chain stands still, so that a
// recording of the session replays.
func (s *Server) target() sim.Time {
	return max(min(s.clock.now(), sim.Time(scenario.MaxDuration)), s.c.Now())
}

// catchUp brings the chain to the current virtual instant, running every
// event due by then, for a read. The caller holds the lock.
func (s *Server) catchUp() {
	for !s.advance(1 << 30) {
	}
}

// settle brings the chain to an instant at which a client's change can be
// made and recorded: the current virtual instant, or a nanosecond later
// for every event that ran exactly then, so that no event of the chain
// shares the instant with the change. A scenario replaying the change
// runs it first at its instant, before anything else scheduled then; at
// an instant nothing else has, the order is the same. The caller holds
// the lock.
func (s *Server) settle() {
	t := s.target()
	loop := s.c.Loop()
	for {
		next, ok := loop.Next()
		if !ok || next > t {
			break
		}
		loop.Step()
		if loop.Now() == t {
			t++
		}
	}
	loop.RunUntil(t)
}

// Now returns the chain's virtual instant. The caller holds the lock (in
// Do) or knows that nothing runs.
func (s *Server) Now() sim.Time { return s.c.Now() }

// Do runs fn under the lock, with the chain brought to the current
// virtual instant: what a command does to look at or change the chain
// while the server runs (write the recording at the end, for one).
func (s *Server) Do(fn func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.catchUp()
	fn()
}

// poke wakes Run after a change of the clock.
func (s *Server) poke() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}
