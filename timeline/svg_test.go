package timeline_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/timeline"
)

// The SVG is well-formed XML, sized, self-contained and carries its legend.
func TestSVGWellFormed(t *testing.T) {
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, run(t, r.name, r.d).WriteSVG(&b))
			svg := b.String()
			dec := xml.NewDecoder(strings.NewReader(svg))
			var texts []string
			var root *xml.StartElement
			for {
				tok, err := dec.Token()
				if errors.Is(err, io.EOF) {
					break
				}
				require.NoError(t, err, "the SVG is not well-formed XML")
				switch tok := tok.(type) {
				case xml.StartElement:
					if root == nil {
						root = &tok
					}
					assert.NotEqual(t, "script", tok.Name.Local, "the SVG must hold no script")
					assert.NotEqual(t, "image", tok.Name.Local, "the SVG must load no image")
				case xml.CharData:
					texts = append(texts, string(tok))
				}
			}
			require.NotNil(t, root)
			assert.Equal(t, "svg", root.Name.Local)
			attrs := map[string]string{}
			for _, a := range root.Attr {
				attrs[a.Name.Local] = a.Value
			}
			assert.Equal(t, "1600", attrs["width"], "width attribute")
			assert.NotEmpty(t, attrs["height"], "height attribute")
			all := strings.Join(texts, "\n")
			for _, legend := range []string{timeline.LegendWaiting, timeline.LegendReady, timeline.LegendNotReady,
				timeline.LegendCompleted, timeline.LegendFailed, timeline.LegendRestart,
				timeline.LegendProbeFailure, timeline.LegendKill, timeline.LegendPodNotReady} {
				assert.Contains(t, all, legend, "legend text")
			}
			assert.Contains(t, all, "Containers over time", "title")
			assert.NotContains(t, svg, "http://www.w3.org/1999/xlink", "no links to outside files")
			assert.NotContains(t, svg, "@font-face", "no external fonts")
		})
	}
}

// Two renderings of the same run are byte for byte the same.
func TestSVGDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	require.NoError(t, run(t, "crash-loop", time.Minute).WriteSVG(&a))
	require.NoError(t, run(t, "crash-loop", time.Minute).WriteSVG(&b))
	assert.Equal(t, a.String(), b.String())
}

// Names from a manifest are escaped, never written as markup.
func TestSVGEscapesNames(t *testing.T) {
	tl := &timeline.Timeline{End: timeline.Second(10), Pods: []timeline.Pod{{Name: "a<b>&c",
		Containers: []timeline.Container{{Name: "x", Segments: []timeline.Segment{{To: timeline.Second(10), State: timeline.Running}}}}}}}
	var b bytes.Buffer
	require.NoError(t, tl.WriteSVG(&b))
	assert.Contains(t, b.String(), "a&lt;b&gt;&amp;c")
	dec := xml.NewDecoder(&b)
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
	}
}

// A timeline titled after its scenario says so in the picture's title.
func TestSVGTitleNamesTheScenario(t *testing.T) {
	tl := run(t, "crash-loop", time.Minute)
	tl.Title = "crash-loop"
	var b bytes.Buffer
	require.NoError(t, tl.WriteSVG(&b))
	assert.Contains(t, b.String(), ">crash-loop: containers over time, 00:00 to 01:00</text>")
}
