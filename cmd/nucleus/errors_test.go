package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string // a part of the first stderr line
	}{
		{"typo in a field", []string{"run", "testdata/containerz.yaml"}, exitFailure,
			"error: testdata/containerz.yaml:7: spec.containerz: unknown field"},
		{"typo in a field, get", []string{"get", "pods", "testdata/containerz.yaml"}, exitFailure,
			"spec.containerz"},
		{"missing file", []string{"run", "testdata/nope.yaml"}, exitFailure,
			`error: the path "testdata/nope.yaml" does not exist`},
		{"missing second file", []string{"get", "pods", busybox, "nope.yaml"}, exitFailure, `"nope.yaml"`},
		{"invalid object", []string{"run", "testdata/noimage.yaml"}, exitFailure,
			`error: testdata/noimage.yaml:2: pod "noimage" is invalid: spec.containers[0].image: Required value`},
		{"bad flag value", []string{"get", "pods", "--at", "abc", busybox}, exitUsage,
			`error: invalid argument "abc" for "--at" flag`},
		{"unknown flag", []string{"run", "--at", "1m", busybox}, exitUsage, "error: unknown flag: --at"},
		{"unknown command", []string{"gte", "pods"}, exitUsage, `error: unknown command "gte" for "nucleus"; did you mean "get"?`},
		{"unknown resource type", []string{"get", "nodes", busybox}, exitUsage, `resource type "nodes"`},
		{"no resource type", []string{"get"}, exitUsage, "must specify the type of resource"},
		{"missing FILE, run", []string{"run"}, exitUsage, "error: must specify one or more manifest files"},
		{"missing FILE, get", []string{"get", "pods"}, exitUsage, "must specify one or more manifest files"},
		{"unknown -o", []string{"get", "pods", "-o", "table", busybox}, exitUsage,
			`output format "table", allowed formats are: json,wide,yaml`},
		{"unknown voice", []string{"run", "--voice", "loud", busybox}, exitUsage, `"loud" for "--voice"`},
		{"too long", []string{"run", "--for", "25h", busybox}, exitUsage, "error: --for: at most 24h"},
		{"negative", []string{"get", "pods", "--at=-1s", busybox}, exitUsage, "--at: must not be negative"},
		{"negative seed", []string{"run", "--seed", "-1", busybox}, exitUsage, `"-1" for "--seed"`},
		{"version takes no args", []string{"version", "x"}, exitUsage, "error: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := nucleus(t, "", tt.args...)
			assert.Equal(t, tt.code, r.code, "nucleus %v exit code; stderr: %s", tt.args, r.errOut)
			assert.Empty(t, r.out, "nucleus %v stdout", tt.args)
			lines := strings.Split(strings.TrimSuffix(r.errOut, "\n"), "\n")
			assert.Contains(t, lines[0], tt.want, "nucleus %v first stderr line", tt.args)
			assert.True(t, strings.HasPrefix(lines[0], "error: "), "nucleus %v: stderr %q lacks the error: prefix", tt.args, r.errOut)
			wantLines := 1
			if tt.code == exitUsage {
				wantLines = 2
				assert.Regexp(t, `^See 'nucleus( [a-z]+)* --help' for usage\.$`, lines[len(lines)-1],
					"nucleus %v hint line", tt.args)
			}
			assert.Len(t, lines, wantLines, "nucleus %v stderr lines: %q", tt.args, r.errOut)
		})
	}
}

func TestUsageHintNamesTheCommand(t *testing.T) {
	r := nucleus(t, "", "get", "pods", "--at", "abc", busybox)
	assert.True(t, strings.HasSuffix(r.errOut, "\nSee 'nucleus get pods --help' for usage.\n"),
		"get pods --at abc hint: %q", r.errOut)
}

// brokenWriter fails every write, like a closed pipe.
type brokenWriter struct{}

func (brokenWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

func TestNarrationWriteErrorIsReported(t *testing.T) {
	var errOut strings.Builder
	code := run([]string{"run", busybox}, strings.NewReader(""), brokenWriter{}, &errOut)
	assert.Equal(t, exitFailure, code, "run with a broken stdout exit code")
	assert.Equal(t, "error: writing the narration: broken pipe\n", errOut.String(), "run with a broken stdout stderr")
}

func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"two\nlines\n", "two lines"},
		{"  padded \n\n  more  ", "padded  more"},
	}
	for _, tt := range tests {
		if got := oneLine(tt.in); got != tt.want {
			t.Errorf("oneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
