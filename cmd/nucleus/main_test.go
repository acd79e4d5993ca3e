package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// The manifests the golden files follow.
const (
	// busybox is a pod that runs `sleep 30`, restartPolicy Never.
	busybox = "testdata/busybox.yaml"
	// web is an nginx pod behind the Service web.
	web = "testdata/web.yaml"
	// crash is a pod whose one container fails every five seconds.
	crash = "testdata/crashloop.yaml"
	// duo is a pod with two containers, a and b.
	duo = "testdata/twocontainers.yaml"
	// shop is a pod in the namespace shop.
	shop = "testdata/othernamespace.yaml"
)

// result is what one run of the command line produced.
type result struct {
	out, errOut string
	code        int
}

// nucleus runs the command line with args and stdin, and returns what it
// printed and its exit code.
func nucleus(t testing.TB, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return result{out: out.String(), errOut: errOut.String(), code: code}
}

// golden compares got with testdata/name, or rewrites the file under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./cmd/nucleus -update")
	assert.Equal(t, string(want), got, "output differs from %s (regenerate with -update and read the diff)", path)
}

func TestRunGolden(t *testing.T) {
	// Reference: kubelet.md §1 (pod phase), §8.2 (terminated reason Completed),
	// §7.1 (the closing `get pods` table).
	for _, voice := range []string{"both", "kubernetes", "store"} {
		t.Run(voice, func(t *testing.T) {
			r := nucleus(t, "", "run", "--voice", voice, busybox)
			require.Equal(t, exitOK, r.code, "run --voice %s exit code; stderr: %s", voice, r.errOut)
			assert.Empty(t, r.errOut, "run --voice %s stderr", voice)
			assert.Contains(t, r.out, "\nAt 00:05:00:\nNAME ", "run --voice %s summary header", voice)
			golden(t, "run-"+voice+".golden", r.out)
		})
	}
}

func TestRunDefaultVoiceIsBoth(t *testing.T) {
	def := nucleus(t, "", "run", busybox)
	both := nucleus(t, "", "run", "--voice", "both", busybox)
	assert.Equal(t, both.out, def.out, "run without --voice differs from --voice both")
}

func TestGetPodsGolden(t *testing.T) {
	// Reference: kubelet.md §7.1 (pkg/printers/internalversion/printers.go printPod).
	for _, at := range []string{"10s", "1m"} {
		for _, output := range []string{"", "wide", "json", "yaml"} {
			name := "get-pods-" + at
			args := []string{"get", "pods", "--at", at}
			if output != "" {
				name += "-" + output
				args = append(args, "-o", output)
			}
			t.Run(name, func(t *testing.T) {
				r := nucleus(t, "", append(args, busybox)...)
				require.Equal(t, exitOK, r.code, "%v exit code; stderr: %s", args, r.errOut)
				assert.Empty(t, r.errOut, "%v stderr", args)
				golden(t, name+".golden", r.out)
			})
		}
	}
}

func TestGetPodsAliases(t *testing.T) {
	want := nucleus(t, "", "get", "pods", busybox)
	for _, alias := range []string{"pod", "po"} {
		got := nucleus(t, "", "get", alias, busybox)
		assert.Equal(t, exitOK, got.code, "get %s exit code", alias)
		assert.Equal(t, want.out, got.out, "get %s differs from get pods", alias)
	}
	// kubectl takes the flags before the resource type too.
	before := nucleus(t, "", "get", "-o", "wide", "--at", "1m", "pods", busybox)
	after := nucleus(t, "", "get", "pods", "-o", "wide", "--at", "1m", busybox)
	assert.Equal(t, exitOK, before.code, "get -o wide pods exit code; stderr: %s", before.errOut)
	assert.Equal(t, after.out, before.out, "flags before the type differ from flags after it")
}

func TestSameCommandTwiceIsByteIdentical(t *testing.T) {
	for _, args := range [][]string{
		{"run", busybox},
		{"run", "--seed", "7", "--voice", "store", "--for", "2m", busybox},
		{"get", "pods", "-o", "json", busybox},
		{"get", "pods", "-o", "yaml", "--at", "10s", busybox},
		{"get", "events", "-o", "json", "-A", web, shop},
		{"describe", "pod", "crash", "--at", "2m", crash},
		{"logs", "crash", "--previous", "--timestamps", "--at", "8s", crash},
		{"events", "-o", "jsonl", "--seed", "9", crash},
		{"proxy", "rules", "--store", "store-1", "--mode", "nftables", web},
	} {
		first := nucleus(t, "", args...)
		second := nucleus(t, "", args...)
		assert.Equal(t, first, second, "%v run twice gave different output", args)
	}
}

func TestVersion(t *testing.T) {
	r := nucleus(t, "", "version")
	assert.Equal(t, exitOK, r.code, "version exit code")
	assert.Equal(t, "nucleus github.com/nodenucleus/nucleus (devel)\n", r.out, "version line")
}

func TestStdin(t *testing.T) {
	manifest, err := os.ReadFile(busybox)
	require.NoError(t, err)
	fromFile := nucleus(t, "", "get", "pods", busybox)
	fromStdin := nucleus(t, string(manifest), "get", "pods", "-")
	assert.Equal(t, exitOK, fromStdin.code, "get pods - exit code; stderr: %s", fromStdin.errOut)
	assert.Equal(t, fromFile.out, fromStdin.out, "get pods - differs from get pods FILE")
}

func TestWarningsGoToStderr(t *testing.T) {
	r := nucleus(t, "", "get", "pods", "testdata/unsimulated.yaml")
	assert.Equal(t, exitOK, r.code, "exit code with a warning")
	assert.Equal(t, "warning: testdata/unsimulated.yaml:13: spec.securityContext: not simulated by nucleus; ignored\n", r.errOut,
		"stderr with a warning")
	assert.Contains(t, r.out, "withsecurity", "the pod is still applied")
}

func TestNamespaces(t *testing.T) {
	// kubectl get pods looks at the default namespace unless told otherwise.
	r := nucleus(t, "", "get", "pods", "testdata/othernamespace.yaml")
	assert.Equal(t, exitOK, r.code, "empty get pods exit code")
	assert.Empty(t, r.out, "empty get pods stdout")
	assert.Equal(t, "No resources found in default namespace.\n", r.errOut, "empty get pods stderr")

	r = nucleus(t, "", "get", "pods", "-n", "shop", "testdata/othernamespace.yaml")
	assert.Equal(t, exitOK, r.code, "get pods -n shop exit code")
	assert.Contains(t, r.out, "clerk", "get pods -n shop")

	// An empty list in JSON is still a List, and no message.
	r = nucleus(t, "", "get", "pods", "-o", "json", "testdata/othernamespace.yaml")
	assert.Equal(t, "{\n    \"apiVersion\": \"v1\",\n    \"items\": [],\n    \"kind\": \"List\",\n"+
		"    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n", r.out, "empty -o json")
	assert.Empty(t, r.errOut, "empty -o json stderr")
}

// Reference: staging/src/k8s.io/kubectl/pkg/describe/describe.go
// (describeNamespace) and printers.go (printNamespace): NAME STATUS AGE.
func TestGetAndDescribeNamespaces(t *testing.T) {
	r := nucleus(t, "", "get", "ns", "testdata/othernamespace.yaml")
	assert.Equal(t, exitOK, r.code, "get ns exit code; stderr: %s", r.errOut)
	assert.Equal(t, "NAME              STATUS   AGE\n"+
		"default           Active   60s\n"+
		"kube-node-lease   Active   60s\n"+
		"kube-public       Active   60s\n"+
		"kube-system       Active   60s\n"+
		"shop              Active   60s\n", r.out)

	r = nucleus(t, "", "describe", "namespace", "shop", "testdata/othernamespace.yaml")
	assert.Equal(t, exitOK, r.code, "describe namespace exit code; stderr: %s", r.errOut)
	assert.Equal(t, "Name:         shop\nLabels:       kubernetes.io/metadata.name=shop\nAnnotations:  <none>\n"+
		"Status:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n", r.out)

	r = nucleus(t, "", "describe", "namespace", "gone", "testdata/othernamespace.yaml")
	assert.Contains(t, r.errOut, `namespaces "gone" not found`)
}
