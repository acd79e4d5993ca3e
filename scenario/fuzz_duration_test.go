package scenario

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// FuzzDuration feeds Duration.UnmarshalJSON any JSON text, and a Scenario
// any spec.duration. Whatever the input, nothing panics; an error is one
// line that names the text it could not read (or, through Load, the file
// and spec.duration); a duration that reads writes back as itself; and
// Load accepts only a duration over 0 and at most 24h.
//
//	go test ./scenario -run=^$ -fuzz=^FuzzDuration$ -fuzztime=5s
func FuzzDuration(f *testing.F) {
	for _, s := range []string{
		`"30s"`, `"1m30s"`, `"500ms"`, `"24h"`, `"1h0m0.000000001s"`, `0`, `0.0`, `-0`, `"0"`,
		`"5mins"`, `"25h"`, `"-1s"`, `"1e3s"`, `""`, `"s"`, `" 30s"`, `"∞"`, `"9999999999999999999h"`,
		`30`, `1.5`, `-0.0e5`, `null`, `true`, `[1]`, `{"a": 1}`, `"30s`, `"\u0000"`, ``, `NaN`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1024 {
			t.Skip("input too large")
		}
		var d Duration
		err := d.UnmarshalJSON(data)
		if err != nil {
			checkDurationError(t, data, err)
		} else {
			checkDurationRoundTrip(t, data, d)
		}
		if !json.Valid(data) {
			return // not a value a decoded manifest can hold
		}
		doc := "apiVersion: nucleus.dev/v1alpha1\nkind: Scenario\nmetadata: {name: t}\nspec:\n  duration: " +
			strconv.Quote(string(data)) + "\n"
		checkLoadDuration(t, doc)
		// The text as a JSON value of its own (a number, an object).
		checkLoadDuration(t, `{"apiVersion": "nucleus.dev/v1alpha1", "kind": "Scenario", "metadata": {"name": "t"},`+
			` "spec": {"duration": `+string(data)+`}}`)
	})
}

// checkDurationError fails t unless err is one line naming data: the
// string it could not parse, or the JSON that is not a string.
func checkDurationError(t *testing.T, data []byte, err error) {
	t.Helper()
	msg := err.Error()
	var s string
	if json.Unmarshal(data, &s) == nil {
		if want := "invalid duration " + strconv.Quote(s); msg != want {
			t.Fatalf("UnmarshalJSON(%q) error = %q, want %q", data, msg, want)
		}
		return
	}
	if !strings.HasPrefix(msg, `expected a duration such as "30s", got `) || !strings.Contains(msg, oneLine(data)) {
		t.Fatalf("UnmarshalJSON(%q) error = %q, want it to name the text", data, msg)
	}
	if json.Valid(data) && strings.Contains(msg, "\n") {
		t.Fatalf("UnmarshalJSON(%q) error = %q, want one line", data, msg)
	}
}

// checkDurationRoundTrip fails t unless d, read from data, writes back as
// a duration that reads as d again.
func checkDurationRoundTrip(t *testing.T, data []byte, d Duration) {
	t.Helper()
	out, err := d.MarshalJSON()
	if err != nil {
		t.Fatalf("UnmarshalJSON(%q) = %v, whose MarshalJSON fails: %v", data, d, err)
	}
	var again Duration
	if err := again.UnmarshalJSON(out); err != nil || again != d {
		t.Fatalf("UnmarshalJSON(%q) = %v, written as %s, reads back as %v (%v)", data, d, out, again, err)
	}
}

// checkLoadDuration loads a Scenario document: an error names the file
// and, when it is about the duration, spec.duration; a loaded scenario
// lasts more than 0 and at most 24h.
func checkLoadDuration(t *testing.T, doc string) {
	t.Helper()
	s, err := Load("fuzz.yaml", []byte(doc))
	if err != nil {
		msg := err.Error()
		if !strings.HasPrefix(msg, "fuzz.yaml:") || strings.Contains(msg, "\n") {
			t.Fatalf("Load(%q) error %q is not one line starting with the file name", doc, msg)
		}
		if strings.Contains(msg, "duration") && !strings.Contains(msg, "spec.duration") {
			t.Fatalf("Load(%q) error %q does not name spec.duration", doc, msg)
		}
		return
	}
	if d := s.Spec.Duration.D(); d <= 0 || d > maxDuration {
		t.Fatalf("Load(%q) accepted spec.duration %v", doc, d)
	}
}
