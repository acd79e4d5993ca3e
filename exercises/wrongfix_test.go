package exercises_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A wrong fix is an edit a student is likely to try that makes the
// symptom go away without learning the lesson. Each must fail its
// exercise, and the report must carry the hint aimed at it.
type wrongFix struct {
	name     string
	dir      string
	file     string // the file the edit starts from, in dir
	old, new string // the edit, made once in the Kubernetes objects
	hint     string // a part of the hint the report must show
}

var wrongFixes = []wrongFix{
	{"an invented tag", "01-image-typo", "starter.yaml",
		"image: nignx:1.27", "image: nginx:9.99", "a tag you invent"},
	{"a tag the manifest did not ask for", "01-image-typo", "starter.yaml",
		"image: nignx:1.27", "image: nginx:latest", "keep the tag"},
	{"another image", "01-image-typo", "starter.yaml",
		"image: nignx:1.27", "image: busybox:1.36\n    command: [\"sleep\", \"3600\"]", "keep the tag"},
	{"the probe taken away", "02-liveness-port", "starter.yaml",
		"    livenessProbe:\n      httpGet:\n        path: /\n        port: 8080\n      initialDelaySeconds: 3\n      periodSeconds: 5\n", "",
		"taking the probe away"},
	{"the probe put off past the run", "02-liveness-port", "starter.yaml",
		"initialDelaySeconds: 3", "initialDelaySeconds: 300", "delaying or tolerating"},
	{"the failures tolerated", "02-liveness-port", "starter.yaml",
		"periodSeconds: 5", "periodSeconds: 5\n      failureThreshold: 1000", "delaying or tolerating"},
	{"the limit taken away", "03-memory-limit", "starter.yaml",
		"      limits:\n        memory: 100Mi\n", "", "taking it away"},
	{"a limit larger than the store", "03-memory-limit", "starter.yaml",
		"      limits:\n        memory: 100Mi", "      limits:\n        memory: 64Gi", "larger than the store"},
	{"the program asked for less", "03-memory-limit", "starter.yaml",
		`"--vm-bytes", "150M"`, `"--vm-bytes", "50M"`, "asking the program for less"},
	{"the pod sent straight to the store", "04-tolerate-taint", "starter.yaml",
		"spec:\n  containers:", "spec:\n  nodeName: bakery\n  containers:", "nodeName sends the pod straight"},
	{"three employees from the start", "06-ready-before-customers", "starter.yaml",
		"  replicas: 1\n", "  replicas: 3\n", "keep replicas at 1"},
	{"the app waits in its own command", "05-wait-for-service", "starter.yaml",
		`command: ["sh", "-c", "nslookup mydb || exit 1; echo connected to mydb; sleep 3600"]`,
		`command: ["sh", "-c", "until nslookup mydb; do sleep 2; done; echo connected to mydb; sleep 3600"]`,
		"wait in an init container"},
}

// Reference: the exercises' READMEs (each task and its lesson).
func TestWrongFixesFailWithTheirHint(t *testing.T) {
	for _, wf := range wrongFixes {
		t.Run(wf.dir+"/"+wf.name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(wf.dir, wf.file))
			require.NoError(t, err)
			objects := strings.Index(string(src), "\n---\n")
			require.Positive(t, objects, "%s has no Kubernetes objects after its Scenario", wf.file)
			head, body := string(src[:objects]), string(src[objects:])
			require.Equal(t, 1, strings.Count(body, wf.old), "the edit's old text must appear once in the objects of %s", wf.file)
			file := filepath.Join(t.TempDir(), wf.dir+".yaml")
			require.NoError(t, os.WriteFile(file, []byte(head+strings.Replace(body, wf.old, wf.new, 1)), 0o644))

			r := run(t, file)
			out := report(r)
			assert.False(t, r.Passed(), "the wrong fix passes:\n%s", out)
			assert.Contains(t, out, "hint: ", "no hint in the report")
			assert.Contains(t, out, wf.hint, "the hint aimed at this wrong fix is missing:\n%s", out)
		})
	}
}
