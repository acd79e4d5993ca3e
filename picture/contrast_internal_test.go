package picture

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Reference: WCAG 2.2, success criterion 1.4.3 Contrast (Minimum): text
// needs a contrast ratio of at least 4.5:1 with what is behind it.
func TestBadgeTextIsReadable(t *testing.T) {
	for m := Serving; m <= Done; m++ {
		fill := moodColour(m)
		assert.GreaterOrEqual(t, contrast(fill, textOn(fill)), 4.5, "badge %s with text %s", fill, textOn(fill))
	}
	for _, c := range []string{colourOffice, colourStore, colourRoom} {
		assert.GreaterOrEqual(t, contrast(c, colourText), 4.5, "text on %s", c)
	}
	assert.InDelta(t, 21, contrast("#000000", "#FFFFFF"), 0.01)
	assert.InDelta(t, 1, contrast("#E69F00", "#E69F00"), 0.0001)
}
