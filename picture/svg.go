package picture

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
)

// The picture's geometry, in pixels: 1600 wide for a 16:9 slide (more
// stores make it wider), with fonts readable from the back of a room.
const (
	margin      = 40
	titleSize   = 34
	fontSize    = 24
	smallSize   = 20
	officeH     = 150
	gap         = 40
	storeW      = 460
	roomH       = 46
	badgeW      = 206
	badgeH      = 64
	badgeGap    = 12
	badgesInRow = 2
	minWidth    = 1600
)

// The colours: the Okabe-Ito palette, as the timeline uses it.
const (
	colourServing  = "#1B7F3B"
	colourStarting = "#E69F00"
	colourFailing  = "#D55E00"
	colourDone     = "#7F7F7F"
	colourOffice   = "#E8F1FA"
	colourStore    = "#F7F3EA"
	colourRoom     = "#FFFFFF"
	colourLine     = "#333333"
	colourText     = "#111111"
)

// moodColour is an employee's badge colour.
func moodColour(m Mood) string {
	return [...]string{colourServing, colourStarting, colourFailing, colourDone}[m]
}

// moodTextColour is the colour of the words on a badge: white on the
// dark green, near-black on the others, so that every badge reads at
// WCAG AA contrast (4.5:1); playground's tests check it on a drawn
// picture.
func moodTextColour(m Mood) string {
	if m == Serving {
		return "#FFFFFF"
	}
	return colourText
}

// WriteSVG draws the picture as a standalone SVG: a title with the
// instant, head office above (ledger, staffing desk, staffing plan, and
// the employees it has not placed yet), each store below with its
// manager, desk and training department, and its employees as badges
// coloured by how they are doing, every part labelled in both
// vocabularies; a legend at the bottom. No scripts, fonts or links.
func (p *Picture) WriteSVG(w io.Writer) error {
	var b bytes.Buffer
	rows := 1
	for _, s := range p.Stores {
		rows = max(rows, (len(s.Employees)+badgesInRow-1)/badgesInRow)
	}
	storeH := 60 + 3*(roomH+10) + 40 + rows*(badgeH+badgeGap) + 10
	width := max(minWidth, 2*margin+len(p.Stores)*storeW+(len(p.Stores)-1)*gap)
	top := margin + titleSize + 30
	height := top + officeH + gap + storeH + 90
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif">`+"\n", width, height, width, height)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#FFFFFF"/>`+"\n", width, height)
	title := "The chain at " + p.At.String()
	if p.Title != "" {
		title = p.Title + ": the chain at " + p.At.String()
	}
	text(&b, margin, margin+titleSize-6, titleSize, "bold", title)

	// Head office, across the top.
	box(&b, margin, top, width-2*margin, officeH, colourOffice)
	text(&b, margin+16, top+36, fontSize, "bold", "head office (control plane)")
	parts := []string{"ledger (API server, etcd)", "staffing desk (scheduler)", "staffing plan (controllers)",
		fmt.Sprintf("counters: %d (Services)", p.Services)}
	for i, part := range parts {
		x := margin + 16 + i*((width-2*margin-32)/len(parts))
		box(&b, x, top+52, (width-2*margin-32)/len(parts)-16, roomH, colourRoom)
		text(&b, x+12, top+52+31, smallSize, "", part)
	}
	waiting := "no employee waits for a store"
	if len(p.Waiting) > 0 {
		waiting = fmt.Sprintf("waiting for a store (Pending, unscheduled): %s", names(p.Waiting))
	}
	text(&b, margin+16, top+officeH-14, smallSize, "", waiting)

	// The stores, side by side, each linked to head office.
	y := top + officeH + gap
	for i, s := range p.Stores {
		x := margin + i*(storeW+gap)
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="3" stroke-dasharray="8 6"/>`+"\n",
			x+storeW/2, top+officeH, x+storeW/2, y, colourLine)
		p.drawStore(&b, s, x, y, storeH)
	}
	legend(&b, margin, y+storeH+50)
	b.WriteString("</svg>\n")
	_, err := w.Write(b.Bytes())
	return err
}

// drawStore draws one store at (x, y).
func (p *Picture) drawStore(b *bytes.Buffer, s Store, x, y, h int) {
	box(b, x, y, storeW, h, colourStore)
	state := "open, Ready"
	if !s.Ready {
		state = "silent, NotReady"
	}
	text(b, x+16, y+36, fontSize, "bold", s.Name+" (node): "+state)
	rooms := []string{"manager (kubelet)", "service desk (kube-proxy)", "training department (runtime)"}
	for i, room := range rooms {
		ry := y + 56 + i*(roomH+10)
		box(b, x+16, ry, storeW-32, roomH, colourRoom)
		text(b, x+28, ry+31, smallSize, "", room)
	}
	ey := y + 56 + len(rooms)*(roomH+10) + 28
	text(b, x+16, ey, smallSize, "bold", fmt.Sprintf("employees (pods): %d", len(s.Employees)))
	for i, e := range s.Employees {
		bx := x + 16 + (i%badgesInRow)*(badgeW+badgeGap)
		by := ey + 12 + (i/badgesInRow)*(badgeH+badgeGap)
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" rx="10" fill="%s"/>`+"\n", bx, by, badgeW, badgeH, moodColour(e.Mood))
		textFill(b, bx+10, by+27, smallSize-3, "bold", moodTextColour(e.Mood), clip(e.Name, 20))
		textFill(b, bx+10, by+52, smallSize-3, "", moodTextColour(e.Mood), clip(e.Status, 21))
	}
}

// legend explains the badge colours.
func legend(b *bytes.Buffer, x, y int) {
	for i, item := range []struct {
		m    Mood
		what string
	}{{Serving, "serving (Running, Ready)"}, {Starting, "getting ready (Pending, not Ready)"},
		{Failing, "in trouble (an error, a back-off)"}, {Done, "done or leaving"}} {
		lx := x + i*380
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="28" height="28" rx="6" fill="%s"/>`+"\n", lx, y-22, moodColour(item.m))
		text(b, lx+38, y, smallSize, "", item.what)
	}
}

func box(b *bytes.Buffer, x, y, w, h int, fill string) {
	fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" rx="12" fill="%s" stroke="%s" stroke-width="2"/>`+"\n", x, y, w, h, fill, colourLine)
}

func text(b *bytes.Buffer, x, y, size int, weight, s string) {
	textFill(b, x, y, size, weight, colourText, s)
}

func textFill(b *bytes.Buffer, x, y, size int, weight, fill, s string) {
	w := ""
	if weight != "" {
		w = ` font-weight="` + weight + `"`
	}
	fmt.Fprintf(b, `<text x="%d" y="%d" font-size="%d"%s fill="%s">`, x, y, size, w, fill)
	_ = xml.EscapeText(b, []byte(s))
	b.WriteString("</text>\n")
}

// clip shortens s to n characters, ending in "…" when it was longer.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// names lists employees' names, at most five, then how many more.
func names(es []Employee) string {
	var b bytes.Buffer
	for i, e := range es {
		if i == 5 {
			fmt.Fprintf(&b, " and %d more", len(es)-5)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(e.Name)
	}
	return b.String()
}
