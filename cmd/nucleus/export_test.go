package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/server/openapi/openapitest"
)

func TestExportGolden(t *testing.T) {
	for _, file := range exampleScenarioFiles(t) {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		t.Run(name, func(t *testing.T) {
			r := nucleus(t, "", "export", file)
			require.Equal(t, exitOK, r.code, r.errOut)
			golden(t, "export-"+name+".golden", r.out+"\n# stderr:\n"+r.errOut)
		})
	}
}

// TestExportRoundTrip: loading what export wrote gives the same objects,
// field for field, as loading the scenario.
func TestExportRoundTrip(t *testing.T) {
	for _, file := range exampleScenarioFiles(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			original, err := scenario.Load(file, data)
			require.NoError(t, err)

			r := nucleus(t, "", "export", file)
			require.Equal(t, exitOK, r.code, r.errOut)
			exported, err := scenario.Load("exported.yaml", []byte(r.out))
			require.NoError(t, err, r.out)

			require.Len(t, exported.Objects, len(original.Objects))
			for i := range original.Objects {
				want, err := json.Marshal(original.Objects[i].Object)
				require.NoError(t, err)
				got, err := json.Marshal(exported.Objects[i].Object)
				require.NoError(t, err)
				assert.JSONEq(t, string(want), string(got), "object %d", i)
			}
		})
	}
}

func TestExportWritesOnlyTheObjectsAsWritten(t *testing.T) {
	r := nucleus(t, "", "export", "../../scenarios/crash-loop.yaml")
	require.Equal(t, exitOK, r.code, r.errOut)
	assert.NotContains(t, r.out, "nucleus.dev", "the Scenario document is left out")
	assert.NotContains(t, r.out, "creationTimestamp", "no fields the Go types add")
	assert.NotContains(t, r.out, "status:", "no status")
	assert.NotContains(t, r.out, "restartPolicy", "no defaults")
	assert.Empty(t, r.errOut, "crash-loop has nothing nucleus-only to warn about")
}

// TestExportWarnsAboutNucleusOnlyParts: scripted images, objects applied
// later, Nodes and status are left out, each named on standard error.
func TestExportWarnsAboutNucleusOnlyParts(t *testing.T) {
	const file = `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata: {name: parts}
spec:
  duration: 1m
  images:
  - repository: shop/steady
    behaviour: {exitAfter: 5s}
  actions:
  - at: 30s
    apply: {apiVersion: v1, kind: Pod, metadata: {name: late}, spec: {containers: [{name: a, image: busybox}]}}
---
apiVersion: v1
kind: Node
metadata: {name: store-9}
---
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: app, image: shop/steady:1}]
status:
  phase: Running
`
	r := nucleus(t, file, "export", "-")
	require.Equal(t, exitOK, r.code, r.errOut)
	assert.Equal(t, "# STDIN:17\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - image: shop/steady:1\n    name: app\n", r.out)
	for _, want := range []string{
		"warning: STDIN: spec.images[0]: the scripted behaviour of image shop/steady is nucleus-only",
		"warning: STDIN: spec.actions[0]: the objects it applies at 30s are not exported",
		"warning: STDIN:13: Node store-9 is not exported",
		"warning: STDIN:17: Pod web: status is not exported",
	} {
		assert.Contains(t, r.errOut, want)
	}
}

func TestExportToFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "k8s.yaml")
	r := nucleus(t, "", "export", "-o", out, "../../scenarios/liveness.yaml")
	require.Equal(t, exitOK, r.code, r.errOut)
	assert.Empty(t, r.out)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	stdout := nucleus(t, "", "export", "../../scenarios/liveness.yaml")
	assert.Equal(t, stdout.out, string(data))
}

func TestExportBadInput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "k8s.yaml")
	cases := []struct {
		name, stdin string
		args        []string
		code        int
		want        string
	}{
		{"missing file", "", []string{"export", "nope.yaml"}, exitFailure, `error: the path "nope.yaml" does not exist`},
		{"typo", "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containerz: []\n", []string{"export", "-o", out, "-"}, exitFailure, "error: STDIN:5: spec.containerz: unknown field"},
		{"no file", "", []string{"export"}, exitUsage, "error: must specify one or more manifest files"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := nucleus(t, c.stdin, c.args...)
			assert.Equal(t, c.code, r.code, r.errOut)
			assert.Contains(t, r.errOut, c.want)
			assert.Empty(t, r.out)
		})
	}
	_, err := os.Stat(out)
	assert.True(t, os.IsNotExist(err), "a failed export writes no file")
}

// TestExportIsAcceptedByKubectl gives the exported objects of every example
// scenario to the real kubectl: `kubectl apply --dry-run=client` reads and
// maps each one against an API server's discovery and OpenAPI documents
// (openapitest; kubectl cannot map kinds offline, not even for
// --dry-run=client). Against a server without server-side field validation,
// kubectl also validates every object itself against the OpenAPI v2
// definitions of Kubernetes' types, as it would before applying to an older
// real cluster; an unknown field would fail there.
func TestExportIsAcceptedByKubectl(t *testing.T) {
	openapitest.SkipWithoutKubectl(t)
	oldOpenAPI, err := openapitest.NewHandlerWithoutFieldValidation(openapitest.Resources)
	require.NoError(t, err)
	servers := []struct{ name, url string }{
		{"server-validates", openapitest.NewServer(t, openapitest.Resources, nil).URL},
		{"kubectl-validates", openapitest.NewServer(t, openapitest.Resources, oldOpenAPI).URL},
	}
	for _, file := range exampleScenarioFiles(t) {
		r := nucleus(t, "", "export", file)
		require.Equal(t, exitOK, r.code, r.errOut)
		want := strings.Count(r.out, "\nkind: ")
		for _, srv := range servers {
			t.Run(filepath.Base(file)+"/"+srv.name, func(t *testing.T) {
				out, err := openapitest.Kubectl(t, srv.url, r.out, "apply", "--dry-run=client", "--validate=strict", "-o", "name", "-f", "-")
				require.NoError(t, err, out)
				assert.Equal(t, want, strings.Count(out, "/"), "kubectl printed:\n%s", out)
			})
		}
	}
}

// TestKubectlRefusesABadExport is the check above failing: a field that
// is not Kubernetes is refused by kubectl's own validation.
func TestKubectlRefusesABadExport(t *testing.T) {
	openapitest.SkipWithoutKubectl(t)
	oldOpenAPI, err := openapitest.NewHandlerWithoutFieldValidation(openapitest.Resources)
	require.NoError(t, err)
	url := openapitest.NewServer(t, openapitest.Resources, oldOpenAPI).URL
	r := nucleus(t, "", "export", "../../scenarios/liveness.yaml")
	require.Equal(t, exitOK, r.code, r.errOut)
	bad := strings.Replace(r.out, "periodSeconds:", "periodSecondz:", 1)
	require.NotEqual(t, r.out, bad)
	out, err := openapitest.Kubectl(t, url, bad, "apply", "--dry-run=client", "--validate=strict", "-o", "name", "-f", "-")
	require.Error(t, err, out)
	assert.Contains(t, out, `unknown field "periodSecondz"`)
}
