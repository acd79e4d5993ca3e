package scenario

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Duration is a span of virtual time written as a Go duration string in a
// scenario ("30s", "1m30s", "500ms"). A bare 0 is accepted too, so that
// `at: 0` reads naturally.
type Duration time.Duration

// D returns the duration as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// String returns the Go form, e.g. "1m30s".
func (d Duration) String() string { return time.Duration(d).String() }

// UnmarshalJSON reads a duration string, or the number 0. The error names
// the text that is not a duration, e.g. `invalid duration "5mins"`.
func (d *Duration) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = 0 // not set: the field's own rules (required, default) apply
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		raw := oneLine(b)
		if n, nerr := strconv.ParseFloat(raw, 64); nerr == nil && n == 0 {
			*d = 0
			return nil
		}
		return fmt.Errorf("expected a duration such as \"30s\", got %s", raw)
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("invalid duration %q", s)
	}
	*d = Duration(v)
	return nil
}

// MarshalJSON writes the duration as its Go string.
func (d Duration) MarshalJSON() ([]byte, error) {
	return json.Marshal(time.Duration(d).String())
}

// oneLine returns a JSON value as one line for an error message: compacted
// when it is valid JSON, trimmed otherwise.
func oneLine(b []byte) string {
	var buf bytes.Buffer
	if json.Compact(&buf, b) == nil {
		return buf.String()
	}
	return strings.TrimSpace(string(b))
}
