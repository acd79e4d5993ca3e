package playground

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/events"
	"github.com/nodenucleus/nucleus/manifest"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/picture"
	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/sim"
	"github.com/nodenucleus/nucleus/view"
)

// Session is one scenario in the playground: what the student picked or
// pasted, with the changes their commands made appended as actions.
type Session struct {
	file string
	text []byte
	sc   *scenario.Scenario
}

// Open reads data (a Scenario with its objects, or plain manifests) as
// the file called file. The error is the first problem, a
// *manifest.Error naming the line and the field path; Problem turns it
// into what the page shows.
func Open(file string, data []byte) (*Session, error) {
	sc, err := scenario.Load(file, data)
	if err != nil {
		return nil, err
	}
	return &Session{file: file, text: append([]byte(nil), data...), sc: sc}, nil
}

// Name returns the scenario's name (metadata.name; empty for plain
// manifests).
func (s *Session) Name() string { return s.sc.Name }

// Duration returns how long the scenario runs: its spec.duration.
func (s *Session) Duration() time.Duration { return s.sc.Spec.Duration.D() }

// Warnings returns the decoding warnings, one "FILE:LINE: PATH: ..." line
// each: the real Kubernetes fields nucleus does not simulate.
func (s *Session) Warnings() []string {
	out := make([]string, 0, len(s.sc.Warnings))
	for _, w := range s.sc.Warnings {
		out = append(out, w.String())
	}
	return out
}

// Export returns the session as a file `nucleus run` reads: the YAML the
// session was opened with, or, after a command changed the chain, the
// scenario with the commands as actions at their instants. Running it
// replays the session byte for byte.
func (s *Session) Export() []byte { return append([]byte(nil), s.text...) }

// Problem is bad input as the page shows it: the message, and the line of
// the editor it concerns (0 when unknown).
type Problem struct {
	Message string `json:"message"`
	Line    int    `json:"line"`
}

// ProblemOf returns err as a Problem, with the line of a *manifest.Error.
func ProblemOf(err error) Problem {
	p := Problem{Message: err.Error()}
	var me *manifest.Error
	if errors.As(err, &me) {
		p.Line = me.Line
	}
	return p
}

// Line is one line of the narration and the instant it tells of.
type Line struct {
	At   time.Duration `json:"at"`
	Text string        `json:"text"`
}

// Whole is what a run of the whole scenario gives the page: the
// narration, line by line with each line's instant, and the check report.
type Whole struct {
	Lines []Line `json:"lines"`
	// Checks is the check report (one PASS or FAIL line per checked
	// field, then the totals), or "" for a scenario that expects nothing
	// and whose actions all worked.
	Checks string `json:"checks"`
}

// Run runs the whole scenario (to spec.duration), checking its
// expectations, as `nucleus run` does, and returns its narration in
// voice v and its check report. The lines, joined with newlines, are what
// `nucleus run --voice v` prints before its table of pods.
func (s *Session) Run(v narrate.Voice) (*Whole, error) {
	var buf bytes.Buffer
	n := narrate.New(&buf, v)
	out := &Whole{}
	split := sim.ObserverFunc(func(r sim.Record) {
		n.Observe(r)
		for {
			i := bytes.IndexByte(buf.Bytes(), '\n')
			if i < 0 {
				break
			}
			out.Lines = append(out.Lines, Line{At: time.Duration(r.Time), Text: string(buf.Next(i + 1)[:i])})
		}
	})
	r, err := s.run(s.Duration(), true, split)
	if err != nil {
		return nil, err
	}
	if err := n.Err(); err != nil {
		return nil, err
	}
	if len(s.sc.Spec.Expect) > 0 || len(r.Errors) > 0 {
		var b bytes.Buffer
		r.Report(&b)
		out.Checks = b.String()
	}
	return out, nil
}

// Timeline returns the timeline picture of the whole run, as SVG.
func (s *Session) Timeline() (string, error) {
	tl, err := view.Timeline(s.sc.Until(s.Duration(), false), s.Duration())
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := tl.WriteSVG(&b); err != nil {
		return "", err
	}
	return b.String(), nil
}

// Instant is what the page shows beside the slider at one instant.
type Instant struct {
	// At is the instant, as the narration writes it: 00:01:00.
	At string `json:"at"`
	// Pods is `kubectl get pods` then.
	Pods string `json:"pods"`
	// Picture is the store picture then, as SVG.
	Picture string `json:"picture"`
}

// At runs the scenario quietly to t and returns the pods and the picture
// there.
func (s *Session) At(t time.Duration) (*Instant, error) {
	w, err := s.world(t)
	if err != nil {
		return nil, err
	}
	var pods, pic bytes.Buffer
	if err := view.Pods(&pods, w.c, corev1.NamespaceDefault); err != nil {
		return nil, err
	}
	if err := picture.Take(w.c, s.sc.Name).WriteSVG(&pic); err != nil {
		return nil, err
	}
	return &Instant{At: w.c.Now().String(), Pods: pods.String(), Picture: pic.String()}, nil
}

// world is the chain stopped at one instant and its logbook.
type world struct {
	c   *cluster.Cluster
	log *events.Log
}

// world runs the scenario quietly to t (clamped to the run's length),
// with a logbook from time zero.
func (s *Session) world(t time.Duration) (*world, error) {
	t = s.clamp(t)
	log := events.NewLog()
	r, err := s.run(t, false, log)
	if err != nil {
		return nil, err
	}
	return &world{c: r.Cluster, log: log}, nil
}

// clamp returns t within [0, spec.duration].
func (s *Session) clamp(t time.Duration) time.Duration {
	return min(max(t, 0), s.Duration())
}

// run runs a copy of the scenario to end, with its expectations due by
// then when checks is set, and the observers subscribed from the start.
func (s *Session) run(end time.Duration, checks bool, observers ...sim.Observer) (*scenario.Result, error) {
	return s.sc.Until(end, checks).Run(observers...)
}

// act does a at instant t, as one more action of the scenario: the
// session becomes the scenario with a appended, written out and read
// back, so that what the page shows next is what a replay shows. An
// action that fails leaves the session as it was and returns the
// failure.
func (s *Session) act(t time.Duration, a scenario.Action) error {
	if t < 0 || t > s.Duration() {
		return fmt.Errorf("the run lasts %s: a change at %s is outside it", sim.Time(s.Duration()), sim.Time(t))
	}
	cp, err := scenario.Load(s.file, s.text)
	if err != nil {
		return err
	}
	r, err := cp.Start()
	if err != nil {
		return err
	}
	r.Cluster.RunUntil(sim.Time(t))
	if _, err := cp.Act(r, a); err != nil {
		return err
	}
	data, err := cp.Marshal(sim.Time(cp.Spec.Duration))
	if err != nil {
		return err
	}
	next, err := scenario.Load(s.file, data)
	if err != nil {
		return err
	}
	s.text, s.sc = data, next
	return nil
}
