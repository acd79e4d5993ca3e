package narrate

import (
	"io"

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
	err   error
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
	_, n.err = io.WriteString(n.w, line+"\n")
}

// Technical returns r's line in the technical voice, exactly [sim.Record.String]:
// "00:00:02 store-1 kubelet Started pod/web Started container app".
func Technical(r sim.Record) string { return r.String() }

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
