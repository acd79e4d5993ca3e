package timeline

import "fmt"

// legendEntry is one item of the legend: a swatch drawn by draw at (x, y)
// and its text.
type legendEntry struct {
	text string
	draw func(p *svgPicture, x, y float64)
}

// Legend texts, as the SVG prints them.
const (
	LegendWaiting      = "Waiting"
	LegendReady        = "Running, ready"
	LegendNotReady     = "Running, not ready"
	LegendCompleted    = "Terminated, completed"
	LegendFailed       = "Terminated, error"
	LegendRestart      = "Restart"
	LegendProbeFailure = "Probe failed"
	LegendKill         = "Killed"
	LegendPodNotReady  = "Pod not Ready"
)

// legendEntries returns the legend, in reading order.
func legendEntries() []legendEntry {
	swatch := func(fill, stroke string) func(p *svgPicture, x, y float64) {
		return func(p *svgPicture, x, y float64) { p.rect(x, y, svgSwatch, svgSwatch, fill, stroke) }
	}
	return []legendEntry{
		{LegendWaiting, swatch(colourWaiting, "")},
		{LegendReady, swatch(colourReady, "")},
		{LegendNotReady, swatch("url(#notready)", colourReady)},
		{LegendCompleted, swatch(colourCompleted, "")},
		{LegendFailed, swatch(colourFailed, "")},
		{LegendPodNotReady, swatch(colourNotReady, "")},
		{LegendRestart, func(p *svgPicture, x, y float64) { p.restart(x+svgSwatch/2, y+4, svgSwatch-4) }},
		{LegendProbeFailure, func(p *svgPicture, x, y float64) { p.probe(x+svgSwatch/2, y+svgSwatch/2) }},
		{LegendKill, func(p *svgPicture, x, y float64) { p.kill(x+svgSwatch/2, y+svgSwatch/2) }},
	}
}

// legend draws the legend from y, wrapping entries onto as many lines as
// the width needs, and returns the y below it.
func (p *svgPicture) legend(y float64) float64 {
	x := float64(svgMargin)
	for _, e := range legendEntries() {
		w := svgSwatch + 10 + float64(len(e.text))*svgSmallChar + 36
		if x+w > svgWidth-svgMargin {
			x, y = svgMargin, y+svgLegendRow
		}
		e.draw(p, x, y)
		p.text(x+svgSwatch+10, y+svgSwatch/2+svgSmallSize*0.35, svgSmallSize, "normal", "start", e.text)
		x += w
	}
	return y + svgSwatch
}

// mark draws a restart, probe failure or kill on a bar whose top is top.
func (p *svgPicture) mark(m Mark, top float64) {
	x := p.x(m.At)
	switch m.Kind {
	case Restart:
		p.restart(x, top-10, svgBar+14)
	case ProbeFailure:
		p.probe(x, top+svgBar)
	case Kill:
		p.kill(x, top+svgBar/2)
	}
}

// restart draws a restart: a black line of height h from y, under a
// downward triangle.
func (p *svgPicture) restart(x, y, h float64) {
	fmt.Fprintf(&p.b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="3"/>`+"\n",
		num(x), num(y), num(x), num(y+h), colourMark)
	fmt.Fprintf(&p.b, `<polygon points="%s,%s %s,%s %s,%s" fill="%s" stroke="#FFFFFF" stroke-width="1.5"/>`+"\n",
		num(x-9), num(y-4), num(x+9), num(y-4), num(x), num(y+10), colourMark)
}

// probe draws a probe failure: a purple dot with a white rim.
func (p *svgPicture) probe(x, y float64) {
	fmt.Fprintf(&p.b, `<circle cx="%s" cy="%s" r="9" fill="%s" stroke="#FFFFFF" stroke-width="2.5"/>`+"\n",
		num(x), num(y), colourProbe)
}

// kill draws a kill: a black cross with a white rim.
func (p *svgPicture) kill(x, y float64) {
	const r = 10
	for _, stroke := range []struct {
		colour string
		width  int
	}{{"#FFFFFF", 9}, {colourMark, 4}} {
		fmt.Fprintf(&p.b, `<path d="M%s %sL%s %sM%s %sL%s %s" stroke="%s" stroke-width="%d" stroke-linecap="round"/>`+"\n",
			num(x-r), num(y-r), num(x+r), num(y+r), num(x-r), num(y+r), num(x+r), num(y-r), stroke.colour, stroke.width)
	}
}
