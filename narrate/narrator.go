package narrate

import (
	"io"
	"strings"

	"github.com/nodenucleus/nucleus/sim"
)

// Narrator writes each record it observes as one line per voice. It is a
// [sim.Observer]: subscribe it to a loop with [sim.Loop.Subscribe].
//
// A Narrator remembers the first write error ([Narrator.Err]) and writes
// nothing after it, so a caller checks once at the end of a run.
type Narrator struct {
	w     io.Writer
	voice Voice
	opts  Options
	err   error
}

// Options tune a Narrator for the room it speaks to. The zero value is the
// default: no wrapping, UIDs left out.
type Options struct {
	// Width wraps each line at this many characters (0: no wrapping), the
	// continuation lines indented under the text, for a projector.
	Width int
	// UIDs keeps the pod UIDs that some Kubernetes messages carry
	// ("web_default(a184899e-...)"); by default they are left out
	// ("web_default"), as they say nothing to a reader.
	UIDs bool
}

// SetOptions sets how n tells each record from now on.
func (n *Narrator) SetOptions(o Options) {
	if o.Width < 0 {
		panic("narrate.Narrator.SetOptions: negative width")
	}
	n.opts = o
}

// New returns a Narrator that writes to w in voice v.
func New(w io.Writer, v Voice) *Narrator {
	if w == nil {
		panic("narrate.New: nil writer")
	}
	if v < Kubernetes || v > Both {
		panic("narrate.New: unknown voice " + v.String())
	}
	return &Narrator{w: w, voice: v}
}

// Observe writes r: the technical line, the storefront line, or both (the
// technical line first), each ended by a newline.
func (n *Narrator) Observe(r sim.Record) {
	if !n.opts.UIDs && r.Object.UID != "" {
		r.Message = strings.ReplaceAll(r.Message, "("+r.Object.UID+")", "")
	}
	switch n.voice {
	case Kubernetes:
		n.write(Technical(r))
	case Store:
		n.write(Storefront(r))
	default:
		n.write(Technical(r))
		n.write(Storefront(r))
	}
}

// Err returns the first error met while writing, or nil.
func (n *Narrator) Err() error { return n.err }

func (n *Narrator) write(line string) {
	if n.err != nil {
		return
	}
	if n.opts.Width > 0 {
		line = wrap(line, n.opts.Width)
	}
	_, n.err = io.WriteString(n.w, line+"\n")
}

// NoteMark is the mark a technical line carries when its record is not a
// Kubernetes Event but nucleus's own note: a status change Kubernetes keeps
// in an object (a phase, a Ready condition, an exit code, an endpoint), a
// customer, a fault or action the scenario injected. `kubectl get events`
// never shows such a line; `kubectl get` and `kubectl describe` show the
// state it notes. Like a comment in a shell script, it reads as an aside.
const NoteMark = "#"

// Technical returns r's line in the technical voice. An Event is exactly
// [sim.Record.String], as `kubectl get events` would list it:
//
//	00:00:02 store-1 kubelet Started pod/web Started container app
//
// A record of kind [sim.Change] is nucleus's own note, and carries
// [NoteMark] after the store:
//
//	00:00:07 store-1 # kubelet ContainerExited pod/web Container app exited with code 1 (Error)
func Technical(r sim.Record) string {
	if !IsNote(r) {
		return r.String()
	}
	line := r.String()
	at := len(r.Time.String()) + 1 + len(where(r))
	return line[:at] + " " + NoteMark + line[at:]
}

// IsNote reports whether r is nucleus's own note rather than a Kubernetes
// Event: true for every record of kind [sim.Change].
func IsNote(r sim.Record) bool { return r.Kind == sim.Change }

// Storefront returns r's line in the storefront voice: the time, the store
// (or "head-office" for the control plane), and the [Story]:
// "00:00:02 store-1 web starts job app.".
func Storefront(r sim.Record) string {
	return r.Time.String() + " " + where(r) + " " + Story(r)
}

// where returns the store a record comes from, or "head-office".
func where(r sim.Record) string {
	if r.Source.Store == "" {
		return "head-office"
	}
	return r.Source.Store
}
