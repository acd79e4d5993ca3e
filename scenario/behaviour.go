package scenario

import (
	"time"

	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/nodenucleus/nucleus/runtime"
)

// Behaviour is runtime.Behaviour as a scenario writes it: the same fields,
// with durations as strings ("10s") and memory as quantities ("300Mi").
type Behaviour struct {
	StartupTime Duration         `json:"startupTime,omitempty"`
	Ports       []PortBehaviour  `json:"ports,omitempty"`
	ExitAfter   Duration         `json:"exitAfter,omitempty"`
	ExitCode    int              `json:"exitCode,omitempty"`
	Memory      []MemoryStep     `json:"memory,omitempty"`
	Logs        []LogStep        `json:"logs,omitempty"`
	OnSIGTERM   *SignalBehaviour `json:"onSIGTERM,omitempty"`
}

// PortBehaviour is runtime.PortBehaviour as a scenario writes it.
type PortBehaviour struct {
	Port     int             `json:"port"`
	Protocol string          `json:"protocol,omitempty"`
	Paths    []PathBehaviour `json:"paths,omitempty"`
	Latency  Duration        `json:"latency,omitempty"`
}

// PathBehaviour is runtime.PathBehaviour as a scenario writes it.
type PathBehaviour struct {
	Path   string   `json:"path"`
	Status int      `json:"status"`
	Body   string   `json:"body,omitempty"`
	From   Duration `json:"from,omitempty"`
	Until  Duration `json:"until,omitempty"`
}

// MemoryStep is runtime.MemoryStep as a scenario writes it.
type MemoryStep struct {
	At        Duration          `json:"at,omitempty"`
	Bytes     resource.Quantity `json:"bytes"`
	PerSecond resource.Quantity `json:"perSecond,omitempty"`
}

// LogStep is runtime.LogStep as a scenario writes it.
type LogStep struct {
	At     Duration `json:"at,omitempty"`
	Stream string   `json:"stream,omitempty"`
	Text   string   `json:"text"`
}

// SignalBehaviour is runtime.SignalBehaviour as a scenario writes it.
type SignalBehaviour struct {
	Exit  bool     `json:"exit,omitempty"`
	After Duration `json:"after,omitempty"`
	Code  int      `json:"code,omitempty"`
}

// Runtime returns the behaviour in runtime's own form.
func (b Behaviour) Runtime() runtime.Behaviour {
	out := runtime.Behaviour{
		StartupTime: b.StartupTime.D(),
		ExitAfter:   b.ExitAfter.D(),
		ExitCode:    b.ExitCode,
	}
	for _, p := range b.Ports {
		rp := runtime.PortBehaviour{Port: p.Port, Protocol: runtime.Protocol(p.Protocol), Latency: p.Latency.D()}
		for _, r := range p.Paths {
			rp.Paths = append(rp.Paths, runtime.PathBehaviour{
				Path: r.Path, Status: r.Status, Body: r.Body, From: r.From.D(), Until: r.Until.D(),
			})
		}
		out.Ports = append(out.Ports, rp)
	}
	for _, m := range b.Memory {
		out.Memory = append(out.Memory, runtime.MemoryStep{At: m.At.D(), Bytes: m.Bytes.Value(), PerSecond: m.PerSecond.Value()})
	}
	for _, l := range b.Logs {
		out.Logs = append(out.Logs, runtime.LogStep{At: l.At.D(), Stream: l.Stream, Text: l.Text})
	}
	if s := b.OnSIGTERM; s != nil {
		out.OnSIGTERM = runtime.SignalBehaviour{Exit: s.Exit, After: s.After.D(), Code: s.Code}
	}
	return out
}

// maxDuration bounds a run, and every instant in it.
const maxDuration = 24 * time.Hour

// MaxDuration is the longest a scenario runs: a served session stops
// there, so that its recording replays.
const MaxDuration = maxDuration
