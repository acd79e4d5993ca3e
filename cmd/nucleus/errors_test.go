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
		{"unknown resource type", []string{"get", "persistentvolumeclaims", busybox}, exitUsage, `resource type "persistentvolumeclaims"`},
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
		// get, for every type
		{"get -A with a bad -o", []string{"get", "svc", "-A", "-o", "tabel", web}, exitUsage, `output format "tabel"`},
		{"missing FILE, get svc", []string{"get", "svc"}, exitUsage, "must specify one or more manifest files"},
		{"get events too late", []string{"get", "ev", "--at", "25h", web}, exitUsage, "error: --at: at most 24h"},
		// describe: kubectl's NotFound wording, with the API resource
		{"describe missing pod", []string{"describe", "pod", "nope", web}, exitFailure, `error: pods "nope" not found`},
		{"describe missing service", []string{"describe", "svc", "nope", web}, exitFailure, `error: services "nope" not found`},
		{"describe missing node", []string{"describe", "node", "store-9", web}, exitFailure, `error: nodes "store-9" not found`},
		{"describe missing deployment", []string{"describe", "deployment", "web", web}, exitFailure,
			`error: deployments.apps "web" not found`},
		{"describe missing replicaset", []string{"describe", "rs", "web", web}, exitFailure,
			`error: replicasets.apps "web" not found`},
		{"describe pod in another namespace", []string{"describe", "pod", "clerk", "testdata/othernamespace.yaml"}, exitFailure,
			`error: pods "clerk" not found`},
		{"describe without a type", []string{"describe"}, exitUsage, "must specify the type of resource to describe"},
		{"describe an unknown type", []string{"describe", "persistentvolumeclaim", "x", web}, exitUsage, `resource type "persistentvolumeclaim"`},
		{"describe without a name", []string{"describe", "pod"}, exitUsage, "must specify the name of the pod"},
		{"describe without FILE", []string{"describe", "pod", "web"}, exitUsage, "must specify one or more manifest files"},
		// logs: kubectl's and the kubelet's refusals
		{"logs of a missing pod", []string{"logs", "nope", web}, exitFailure, `error: pods "nope" not found`},
		{"logs without a container name", []string{"logs", "duo", duo}, exitFailure,
			"error: a container name must be specified for pod duo, choose one of: [a b]"},
		{"logs of an unknown container", []string{"logs", "duo", "-c", "z", duo}, exitFailure,
			"error: container z is not valid for pod duo"},
		{"logs --previous without one", []string{"logs", "crash", "--previous", "--at", "3s", crash}, exitFailure,
			`error: previous terminated container "app" in pod "crash" not found`},
		{"logs before the container starts", []string{"logs", "crash", "--at", "0s", crash}, exitFailure,
			`error: container "app" in pod "crash" is waiting to start: ContainerCreating`},
		{"logs without POD", []string{"logs"}, exitUsage, "expected POD"},
		{"logs without FILE", []string{"logs", "web"}, exitUsage, "must specify one or more manifest files"},
		// events
		{"events -o json", []string{"events", "-o", "json", busybox}, exitUsage,
			`output format "json", allowed formats are: jsonl`},
		{"events too long", []string{"events", "--for", "48h", busybox}, exitUsage, "error: --for: at most 24h"},
		{"events --at", []string{"events", "--at", "1m", busybox}, exitUsage, "error: unknown flag: --at"},
		// proxy rules
		{"proxy rules without --store", []string{"proxy", "rules", web}, exitUsage, `required flag(s) "store" not set`},
		{"proxy rules of a missing store", []string{"proxy", "rules", "--store", "store-9", web}, exitFailure,
			`error: nodes "store-9" not found`},
		{"proxy rules in a bad mode", []string{"proxy", "rules", "--store", "store-1", "--mode", "userspace", web}, exitUsage,
			`mode: Unsupported value: "userspace"`},
		{"proxy rules with a bad scheduler", []string{"proxy", "rules", "--store", "store-1", "--mode", "ipvs", "--scheduler", "wrr", web},
			exitUsage, `scheduler: Unsupported value: "wrr"`},
		{"proxy without rules", []string{"proxy"}, exitUsage, "must specify what to show: rules"},
		{"proxy with an unknown subcommand", []string{"proxy", "routes"}, exitUsage, `unknown command "routes"`},
		// scenarios: a misspelt field names its file, line and path
		{"typo in a Scenario", []string{"run", "testdata/scenario-typo.yaml"}, exitFailure,
			"error: testdata/scenario-typo.yaml:7: spec.duraton: unknown field"},
		{"typo in a Scenario, check", []string{"check", "testdata/scenario-typo.yaml"}, exitFailure,
			"error: testdata/scenario-typo.yaml:7: spec.duraton: unknown field"},
		{"typo in a Scenario, get", []string{"get", "pods", "testdata/scenario-typo.yaml"}, exitFailure, "spec.duraton"},
		{"typo in a Scenario, diff", []string{"diff", "testdata/diff-a.yaml", "testdata/scenario-typo.yaml"}, exitFailure, "spec.duraton"},
		{"bad --pace", []string{"run", "--pace", "fast", busybox}, exitUsage, `error: invalid argument "fast" for "--pace" flag`},
		{"zero --pace", []string{"run", "--pace", "0x", busybox}, exitUsage, `"0x" for "--pace"`},
		{"check without FILE", []string{"check"}, exitUsage, "must specify one or more manifest files"},
		{"timeline to an unknown extension", []string{"timeline", "-o", "t.png", busybox}, exitUsage,
			`error: -o t.png: unknown extension ".png"`},
		{"timeline too narrow", []string{"timeline", "--width", "5", busybox}, exitUsage, "error: --width: Invalid value: 5"},
		{"timeline too long", []string{"timeline", "--for", "25h", busybox}, exitUsage, "error: --for: at most 24h"},
		{"diff of one file", []string{"diff", busybox}, exitUsage, "expected two scenario files"},
		{"diff of a missing file", []string{"diff", busybox, "nope.yaml"}, exitFailure, `"nope.yaml" does not exist`},
		{"scenarios of a missing folder", []string{"scenarios", "testdata/nope"}, exitFailure, `"testdata/nope" is not a folder`},
		{"scenarios of two folders", []string{"scenarios", "a", "b"}, exitUsage, "error: "},
		{"check a failing scenario", []string{"check", "testdata/crash-loop-broken.yaml"}, exitFailure, "error: crash-loop-broken"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := nucleus(t, "", tt.args...)
			assert.Equal(t, tt.code, r.code, "nucleus %v exit code; stderr: %s", tt.args, r.errOut)
			if tt.name != "check a failing scenario" { // which prints its report
				assert.Empty(t, r.out, "nucleus %v stdout", tt.args)
			}
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
