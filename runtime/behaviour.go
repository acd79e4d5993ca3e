package runtime

import (
	"fmt"
	"time"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Behaviour is what the program of a scripted image does, on a timeline
// measured from the moment its container starts. A scenario or a Go
// caller registers one with Catalog.Register to get an image that behaves
// exactly as a lesson needs: slow to start, failing its health check after
// a minute, leaking memory, crashing after an hour. The zero Behaviour
// runs for ever, listens nowhere and ignores SIGTERM.
type Behaviour struct {
	// StartupTime is how long the program takes before its ports open.
	StartupTime time.Duration `json:"startupTime,omitempty"`
	// Ports are the ports the program listens on once started.
	Ports []PortBehaviour `json:"ports,omitempty"`
	// ExitAfter, when positive, makes the program exit by itself that
	// long after it started, with ExitCode.
	ExitAfter time.Duration `json:"exitAfter,omitempty"`
	// ExitCode is the code of the exit after ExitAfter (0 to 255).
	ExitCode int `json:"exitCode,omitempty"`
	// Memory is the program's memory use over time; before the first
	// step it uses the image's base memory (none for a scripted image).
	Memory []MemoryStep `json:"memory,omitempty"`
	// Logs are the lines the program writes, each at its time.
	Logs []LogStep `json:"logs,omitempty"`
	// OnSIGTERM says what the program does when SIGTERM arrives. The zero
	// value ignores it, as a PID 1 without a handler does, so a stop waits
	// for the grace period and ends with SIGKILL (137).
	OnSIGTERM SignalBehaviour `json:"onSIGTERM,omitzero"`
}

// PortBehaviour is one port the program listens on.
type PortBehaviour struct {
	Port int `json:"port"`
	// Protocol is TCP, HTTP or GRPC; empty means HTTP.
	Protocol Protocol `json:"protocol,omitempty"`
	// Paths are the HTTP answers (for a GRPC port, the health service's:
	// Path is the service name, "" for the whole server, and status 200
	// means SERVING, anything else NOT_SERVING). The first rule that
	// matches the path and the time wins; a request no rule matches gets
	// 404 (SERVING for the whole server on a GRPC port).
	Paths []PathBehaviour `json:"paths,omitempty"`
	// Latency is how long each answer takes.
	Latency time.Duration `json:"latency,omitempty"`
}

// PathBehaviour is the answer for one path during a span of the
// program's life.
type PathBehaviour struct {
	Path   string `json:"path"`
	Status int    `json:"status"`
	Body   string `json:"body,omitempty"`
	// From and Until bound the span, measured from the container's start;
	// Until zero means for ever. From is included, Until is not.
	From  time.Duration `json:"from,omitempty"`
	Until time.Duration `json:"until,omitempty"`
}

// MemoryStep sets the program's memory use at a moment: Bytes then,
// growing by PerSecond bytes every second until the next step.
type MemoryStep struct {
	At        time.Duration `json:"at,omitempty"`
	Bytes     int64         `json:"bytes"`
	PerSecond int64         `json:"perSecond,omitempty"`
}

// LogStep is one line the program writes at a moment.
type LogStep struct {
	At time.Duration `json:"at,omitempty"`
	// Stream is stdout or stderr; empty means stdout.
	Stream string `json:"stream,omitempty"`
	Text   string `json:"text"`
}

// SignalBehaviour is what a program does when a signal arrives.
type SignalBehaviour struct {
	// Exit says the program handles the signal by exiting.
	Exit bool `json:"exit,omitempty"`
	// After is how long its shutdown takes.
	After time.Duration `json:"after,omitempty"`
	// Code is its exit code (0 to 255).
	Code int `json:"code,omitempty"`
}

// Validate returns what is wrong with the behaviour, each error naming its
// field under path, as Kubernetes validation does.
func (b Behaviour) Validate(path *field.Path) field.ErrorList {
	var errs field.ErrorList
	errs = append(errs, nonNegative(path.Child("startupTime"), b.StartupTime)...)
	errs = append(errs, nonNegative(path.Child("exitAfter"), b.ExitAfter)...)
	errs = append(errs, exitCode(path.Child("exitCode"), b.ExitCode)...)
	if b.ExitCode != 0 && b.ExitAfter == 0 {
		errs = append(errs, field.Invalid(path.Child("exitCode"), b.ExitCode, "requires exitAfter"))
	}
	seen := map[int]bool{}
	for i, p := range b.Ports {
		pp := path.Child("ports").Index(i)
		if seen[p.Port] {
			errs = append(errs, field.Duplicate(pp.Child("port"), p.Port))
		}
		seen[p.Port] = true
		errs = append(errs, p.validate(pp)...)
	}
	for i, m := range b.Memory {
		mp := path.Child("memory").Index(i)
		errs = append(errs, nonNegative(mp.Child("at"), m.At)...)
		if m.Bytes < 0 {
			errs = append(errs, field.Invalid(mp.Child("bytes"), m.Bytes, "must be greater than or equal to 0"))
		}
	}
	for i, l := range b.Logs {
		lp := path.Child("logs").Index(i)
		errs = append(errs, nonNegative(lp.Child("at"), l.At)...)
		if l.Stream != "" && l.Stream != "stdout" && l.Stream != "stderr" {
			errs = append(errs, field.NotSupported(lp.Child("stream"), l.Stream, []string{"stdout", "stderr"}))
		}
	}
	return append(errs, b.OnSIGTERM.validate(path.Child("onSIGTERM"))...)
}

func (p PortBehaviour) validate(path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if p.Port < 1 || p.Port > 65535 {
		errs = append(errs, field.Invalid(path.Child("port"), p.Port, "must be between 1 and 65535, inclusive"))
	}
	switch p.Protocol {
	case "", ProtocolTCP, ProtocolHTTP, ProtocolGRPC:
	default:
		errs = append(errs, field.NotSupported(path.Child("protocol"), p.Protocol, []string{"GRPC", "HTTP", "TCP"}))
	}
	errs = append(errs, nonNegative(path.Child("latency"), p.Latency)...)
	if p.Protocol == ProtocolTCP && len(p.Paths) > 0 {
		errs = append(errs, field.Forbidden(path.Child("paths"), "a TCP port answers no paths"))
	}
	for i, r := range p.Paths {
		rp := path.Child("paths").Index(i)
		if p.Protocol != ProtocolGRPC && (len(r.Path) == 0 || r.Path[0] != '/') {
			errs = append(errs, field.Invalid(rp.Child("path"), r.Path, "must start with '/'"))
		}
		if r.Status < 100 || r.Status > 599 {
			errs = append(errs, field.Invalid(rp.Child("status"), r.Status, "must be an HTTP status code between 100 and 599"))
		}
		errs = append(errs, nonNegative(rp.Child("from"), r.From)...)
		errs = append(errs, nonNegative(rp.Child("until"), r.Until)...)
		if r.Until > 0 && r.Until <= r.From {
			errs = append(errs, field.Invalid(rp.Child("until"), r.Until.String(), "must be after from"))
		}
	}
	return errs
}

func (s SignalBehaviour) validate(path *field.Path) field.ErrorList {
	errs := nonNegative(path.Child("after"), s.After)
	errs = append(errs, exitCode(path.Child("code"), s.Code)...)
	if !s.Exit && (s.After != 0 || s.Code != 0) {
		errs = append(errs, field.Invalid(path.Child("exit"), false, "must be true when after or code is set"))
	}
	return errs
}

func nonNegative(path *field.Path, d time.Duration) field.ErrorList {
	if d < 0 {
		return field.ErrorList{field.Invalid(path, d.String(), "must be greater than or equal to 0")}
	}
	return nil
}

func exitCode(path *field.Path, code int) field.ErrorList {
	if code < 0 || code > 255 {
		return field.ErrorList{field.Invalid(path, code, "must be between 0 and 255, inclusive")}
	}
	return nil
}

// String returns "exit 0 after 5s", "exit 143" or "ignore".
func (s SignalBehaviour) String() string {
	switch {
	case !s.Exit:
		return "ignore"
	case s.After > 0:
		return fmt.Sprintf("exit %d after %s", s.Code, s.After)
	}
	return fmt.Sprintf("exit %d", s.Code)
}
