package timeline

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"

	"github.com/nodenucleus/nucleus/sim"
)

// The SVG picture's geometry, in pixels: sized for a 16:9 slide, with
// fonts that stay readable from the back of a classroom.
const (
	svgWidth      = 1600
	svgMargin     = 40
	svgTitleSize  = 36
	svgFontSize   = 26
	svgSmallSize  = 22
	svgCharWidth  = 0.6 * svgFontSize // a generous average for sans-serif
	svgSmallChar  = 0.6 * svgSmallSize
	svgHeadingRow = 48
	svgRow        = 56
	svgBar        = 38
	svgReadyRow   = 34
	svgReadyBar   = 16
	svgAxisHeight = 60
	svgLegendRow  = 44
	svgSwatch     = 28
	svgMinSliver  = 5 // the width drawn for a termination that lasted no time
)

// The SVG picture's colours: the Okabe-Ito palette (safe for colour-blind
// readers) with a dark green and near-black marks for contrast.
const (
	colourWaiting   = "#E69F00"
	colourReady     = "#1B7F3B"
	colourFailed    = "#D55E00"
	colourCompleted = "#0072B2"
	colourNotReady  = "#BDBDBD"
	colourProbe     = "#7B2CBF"
	colourMark      = "#111111"
	colourGrid      = "#D0D0D0"
	colourText      = "#111111"
)

// svgPicture is an SVG document being written, with the geometry of its
// chart area.
type svgPicture struct {
	b      bytes.Buffer
	tl     *Timeline
	x0, x1 float64 // the chart area's left and right edges
}

// WriteSVG writes the timeline as a standalone SVG picture for a slide: a
// title, one row per container grouped by pod (coloured bars for waiting,
// running and terminated; running but not ready is hatched), marks for
// restarts, probe failures and kills, a row for each pod's Ready
// condition, a time axis and a legend. It uses no scripts, fonts or
// files from outside, and the same timeline always gives the same bytes.
func (tl *Timeline) WriteSVG(w io.Writer) error {
	p := &svgPicture{tl: tl}
	p.x0 = svgMargin + p.labelWidth()
	p.x1 = svgWidth - svgMargin - 40 // room for the last tick label
	y := float64(svgMargin + svgTitleSize + 24)
	var body svgPicture = *p
	body.b = bytes.Buffer{}
	gridTop := y
	for _, pod := range tl.Pods {
		y = body.pod(pod, y)
	}
	y = body.axis(gridTop, y+10)
	height := body.legend(y+20) + svgMargin

	fmt.Fprintf(&p.b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%s" viewBox="0 0 %d %s" font-family="DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif">`+"\n",
		svgWidth, num(height), svgWidth, num(height))
	p.b.WriteString("<title>Containers over time</title>\n")
	p.defs()
	fmt.Fprintf(&p.b, `<rect x="0" y="0" width="%d" height="%s" fill="#FFFFFF"/>`+"\n", svgWidth, num(height))
	p.text(svgMargin, svgMargin+svgTitleSize, svgTitleSize, "bold", "start", p.title())
	p.b.Write(body.b.Bytes())
	p.b.WriteString("</svg>\n")
	_, err := w.Write(p.b.Bytes())
	return err
}

// title returns the picture's title line.
func (p *svgPicture) title() string {
	long := p.tl.longAxis()
	title := fmt.Sprintf("Containers over time, %s to %s", TickLabel(0, long), TickLabel(p.tl.End.Sub(p.tl.Start), long))
	if p.tl.Title != "" {
		title = p.tl.Title + ": c" + title[1:]
	}
	return title
}

// labelWidth returns the width of the row labels' column.
func (p *svgPicture) labelWidth() float64 {
	n := len("Pod Ready")
	for _, pod := range p.tl.Pods {
		for _, c := range pod.Containers {
			n = max(n, len(c.Label()))
		}
	}
	return float64(n)*svgCharWidth + 40
}

// defs writes the hatch pattern of running-but-not-ready bars.
func (p *svgPicture) defs() {
	fmt.Fprintf(&p.b, `<defs><pattern id="notready" patternUnits="userSpaceOnUse" width="14" height="14" patternTransform="rotate(45)">`+
		`<rect width="14" height="14" fill="#FFFFFF"/><rect width="7" height="14" fill="%s"/></pattern></defs>`+"\n", colourReady)
}

// x returns the horizontal position of an instant.
func (p *svgPicture) x(t sim.Time) float64 {
	frac := float64(t.Sub(p.tl.Start)) / float64(p.tl.span())
	return p.x0 + frac*(p.x1-p.x0)
}

// pod draws one pod's heading, container rows and Ready row from y, and
// returns the y below them.
func (p *svgPicture) pod(pod Pod, y float64) float64 {
	p.text(svgMargin, y+svgFontSize+8, svgFontSize, "bold", "start", podHeading(pod))
	y += svgHeadingRow
	for _, c := range pod.Containers {
		p.text(svgMargin+20, y+svgRow/2+svgFontSize*0.35, svgFontSize, "normal", "start", c.Label())
		top := y + (svgRow-svgBar)/2
		for _, s := range c.Segments { // terminations last, over their neighbours
			if s.State != Terminated {
				p.segment(s, top)
			}
		}
		for _, s := range c.Segments {
			if s.State == Terminated {
				p.segment(s, top)
			}
		}
		for _, m := range c.Marks {
			p.mark(m, top)
		}
		y += svgRow
	}
	p.text(svgMargin+20, y+svgReadyRow/2+svgSmallSize*0.35, svgSmallSize, "normal", "start", "Pod Ready")
	top := y + (svgReadyRow-svgReadyBar)/2
	for _, r := range pod.Ready {
		fill := colourNotReady
		if r.Ready {
			fill = colourReady
		}
		p.rect(p.x(r.From), top, p.x(r.To)-p.x(r.From), svgReadyBar, fill, "")
	}
	return y + svgReadyRow + 12
}

// segment draws one state interval as a bar, named inside when the name
// fits.
func (p *svgPicture) segment(s Segment, top float64) {
	x, w := p.x(s.From), p.x(s.To)-p.x(s.From)
	fill, stroke := colourWaiting, ""
	switch {
	case s.State == Running && s.Ready:
		fill = colourReady
	case s.State == Running:
		fill, stroke = "url(#notready)", colourReady
	case s.Failed():
		fill = colourFailed
	case s.State == Terminated:
		fill = colourCompleted
	}
	if s.State == Terminated && w < svgMinSliver {
		x, w = x-svgMinSliver/2, svgMinSliver
	}
	p.rect(x, top, w, svgBar, fill, stroke)
	name := s.Name()
	if float64(len(name))*svgSmallChar+16 <= w {
		p.haloText(x+w/2, top+svgBar/2+svgSmallSize*0.35, svgSmallSize, name)
	}
}

// num formats a coordinate with at most one decimal.
func num(v float64) string {
	return strconv.FormatFloat(float64(int64(v*10+0.5*sign(v)))/10, 'f', -1, 64)
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

// rect draws a rectangle; stroke "" means no outline.
func (p *svgPicture) rect(x, y, w, h float64, fill, stroke string) {
	fmt.Fprintf(&p.b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"`, num(x), num(y), num(max(w, 0)), num(h), fill)
	if stroke != "" {
		fmt.Fprintf(&p.b, ` stroke="%s" stroke-width="2"`, stroke)
	}
	p.b.WriteString("/>\n")
}

// text draws a line of text; anchor is start, middle or end.
func (p *svgPicture) text(x, y float64, size int, weight, anchor, s string) {
	fmt.Fprintf(&p.b, `<text x="%s" y="%s" font-size="%d" font-weight="%s" text-anchor="%s" fill="%s">`,
		num(x), num(y), size, weight, anchor, colourText)
	_ = xml.EscapeText(&p.b, []byte(s))
	p.b.WriteString("</text>\n")
}

// haloText draws centred text with a white outline, readable over any
// bar colour.
func (p *svgPicture) haloText(x, y float64, size int, s string) {
	fmt.Fprintf(&p.b, `<text x="%s" y="%s" font-size="%d" font-weight="bold" text-anchor="middle" fill="%s" stroke="#FFFFFF" stroke-width="5" stroke-linejoin="round" paint-order="stroke">`,
		num(x), num(y), size, colourText)
	_ = xml.EscapeText(&p.b, []byte(s))
	p.b.WriteString("</text>\n")
}

// axis draws the grid lines from gridTop to y and the time axis under
// them, and returns the y below the axis.
func (p *svgPicture) axis(gridTop, y float64) float64 {
	long := p.tl.longAxis()
	labelPx := float64(len(TickLabel(0, long))) * svgSmallChar
	step := TickStep(p.tl.span(), int((p.x1-p.x0)/(labelPx+40)))
	var grid bytes.Buffer
	fmt.Fprintf(&p.b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="3"/>`+"\n",
		num(p.x0), num(y), num(p.x1), num(y), colourMark)
	for _, t := range Ticks(p.tl.Start, p.tl.Start.Add(p.tl.span()), step) {
		x := num(p.x(t))
		fmt.Fprintf(&grid, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="1"/>`+"\n",
			x, num(gridTop), x, num(y), colourGrid)
		fmt.Fprintf(&p.b, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="3"/>`+"\n",
			x, num(y), x, num(y+12), colourMark)
		p.text(p.x(t), y+12+svgSmallSize+4, svgSmallSize, "normal", "middle", TickLabel(t.Sub(p.tl.Start), long))
	}
	unit := "elapsed time (min:s)"
	if long {
		unit = "elapsed time (h:min:s)"
	}
	p.text(p.x1, y+svgAxisHeight+8, svgSmallSize, "normal", "end", unit)
	// The grid goes behind the bars: move it to the front of the body.
	rest := append([]byte(nil), p.b.Bytes()...)
	p.b.Reset()
	p.b.Write(grid.Bytes())
	p.b.Write(rest)
	return y + svgAxisHeight + 16
}
