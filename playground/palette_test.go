package playground

import (
	"io/fs"
	"math"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// palette reads the colour variables of the page's style.css:
// "--text: #111111;" gives palette["text"] = "#111111".
func palette(t *testing.T) map[string]string {
	t.Helper()
	css, err := fs.ReadFile(Site(), "style.css")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z-]+):\s*(#[0-9A-Fa-f]{6});`).FindAllStringSubmatch(string(css), -1) {
		out[m[1]] = m[2]
	}
	if len(out) < 8 {
		t.Fatalf("found %d colours in style.css; is the palette still a list of --name: #RRGGBB; variables?", len(out))
	}
	return out
}

// luminance is a colour's relative luminance.
// Reference: https://www.w3.org/TR/WCAG21/#dfn-relative-luminance
func luminance(hex string) float64 {
	var l float64
	for i, weight := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += weight * c
	}
	return l
}

// contrast is the WCAG contrast ratio of two colours, 1 to 21.
// Reference: https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func TestContrastFormula(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want float64
	}{
		{"#000000", "#FFFFFF", 21},
		{"#FFFFFF", "#FFFFFF", 1},
		{"#767676", "#FFFFFF", 4.54}, // the lightest grey that passes AA on white
	} {
		if got := contrast(tc.a, tc.b); math.Abs(got-tc.want) > 0.01 {
			t.Errorf("contrast(%s, %s) = %.2f, want %.2f", tc.a, tc.b, got, tc.want)
		}
	}
}

// Every text colour of the page meets WCAG AA (4.5:1 for normal text)
// on every background it is drawn on; the focus ring and borders, which
// are not text, meet the 3:1 of non-text contrast.
// Reference: https://www.w3.org/TR/WCAG21/#contrast-minimum and
// https://www.w3.org/TR/WCAG21/#non-text-contrast
func TestPaletteMeetsWCAGAA(t *testing.T) {
	p := palette(t)
	for _, tc := range []struct {
		fg, bg string
		min    float64
	}{
		{"text", "bg", 4.5}, {"text", "panel", 4.5},
		{"muted", "bg", 4.5}, {"muted", "panel", 4.5},
		{"accent", "bg", 4.5}, {"accent-text", "accent", 4.5},
		{"problem", "problem-bg", 4.5},
		{"focus", "bg", 3}, {"focus", "panel", 3},
		{"border", "bg", 3}, {"border", "panel", 3},
	} {
		fg, bg := p[tc.fg], p[tc.bg]
		if fg == "" || bg == "" {
			t.Errorf("style.css has no --%s or --%s", tc.fg, tc.bg)
			continue
		}
		if got := contrast(fg, bg); got < tc.min {
			t.Errorf("--%s %s on --%s %s: contrast %.2f, want at least %.1f", tc.fg, fg, tc.bg, bg, got, tc.min)
		}
	}
}

// The store picture the page shows reads at WCAG AA too: the words on
// every employee's badge, whatever its colour, against the badge.
// Reference: https://www.w3.org/TR/WCAG21/#contrast-minimum
func TestStorePictureBadgesMeetWCAGAA(t *testing.T) {
	badge := regexp.MustCompile(`<rect [^>]*rx="10" fill="(#[0-9A-Fa-f]{6})"/>\n<text [^>]*fill="(#[0-9A-Fa-f]{6})">`)
	seen := map[string]bool{}
	for _, e := range Examples() {
		s, err := Open(e.Name+".yaml", []byte(e.YAML))
		if err != nil {
			t.Fatal(err)
		}
		for _, at := range []time.Duration{0, time.Second, 15 * time.Second, time.Minute, 3 * time.Minute} {
			in, err := s.At(at)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range badge.FindAllStringSubmatch(in.Picture, -1) {
				seen[m[1]] = true
				if got := contrast(m[2], m[1]); got < 4.5 {
					t.Errorf("%s at %s: badge text %s on %s: contrast %.2f, want at least 4.5", e.Name, in.At, m[2], m[1], got)
				}
			}
		}
	}
	if len(seen) < 3 {
		t.Errorf("saw badges of %d colours; the examples show serving, starting and failing employees", len(seen))
	}
}
