package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exampleScenarios is the folder of the example scenarios, from this
// package's folder.
const exampleScenarios = "../../scenarios"

// exampleScenarioFiles returns every example scenario file.
func exampleScenarioFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(exampleScenarios, "*.yaml"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no example scenarios in %s", exampleScenarios)
	return files
}

func TestCheckExampleScenariosPass(t *testing.T) {
	// Every example scenario is a passing exercise: its expectations state
	// what the reference says happens. Reference: kubelet.md §3 (crash
	// loop back-off), §4 (probes), §2 (init containers), §6 (image pulls);
	// proxy-and-runtime.md §A1 (readiness and endpoints).
	for _, file := range exampleScenarioFiles(t) {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		t.Run(name, func(t *testing.T) {
			r := nucleus(t, "", "check", file)
			require.Equal(t, exitOK, r.code, "check %s exit code; stderr: %s", file, r.errOut)
			assert.Empty(t, r.errOut, "check %s stderr", file)
			assert.Regexp(t, `\n[1-9][0-9]* passed, 0 failed\n$`, r.out, "check %s last line", file)
			assert.NotContains(t, r.out, "FAIL", "check %s", file)
			golden(t, "check-"+name+".golden", r.out)
		})
	}
}

func TestCheckBrokenExpectationFails(t *testing.T) {
	// A copy of crash-loop.yaml that expects four restarts by 1m: the
	// back-off (10s, 20s, 40s) allows three. Reference: kubelet.md §3.4.
	r := nucleus(t, "", "check", "testdata/crash-loop-broken.yaml")
	assert.Equal(t, exitFailure, r.code, "check of a broken expectation exit code")
	assert.Equal(t, "error: crash-loop-broken: 1 expectation failed\n", r.errOut, "check of a broken expectation stderr")
	assert.Contains(t, r.out, "FAIL  00:01:00  pod web restarts at least 4 (saw 3)\n", "check report")
	assert.True(t, strings.HasSuffix(r.out, "\n7 passed, 1 failed\n"), "check report last line: %q", r.out)
	golden(t, "check-crash-loop-broken.golden", r.out)
}

func TestCheckWithoutExpectations(t *testing.T) {
	r := nucleus(t, "", "check", busybox)
	assert.Equal(t, exitOK, r.code, "check of plain manifests exit code; stderr: %s", r.errOut)
	assert.Equal(t, "busybox has no expectations (spec.expect): nothing to check\n", r.out, "check of plain manifests")
}

func TestCheckFailedAction(t *testing.T) {
	// An action that fails (deleting a pod that is not there) fails the
	// check, even with no expectation.
	manifest := `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata: {name: nobody}
spec:
  duration: 20s
  actions:
  - at: 10s
    delete: {kind: Pod, name: ghost}
`
	r := nucleus(t, manifest, "check", "-")
	assert.Equal(t, exitFailure, r.code, "check with a failed action exit code")
	assert.Contains(t, r.out, "ERROR 00:00:10  STDIN:8: spec.actions[0].delete:", "check report")
	assert.Equal(t, "error: nobody: 1 action failed\n", r.errOut, "check with a failed action stderr")
}

func TestScenarioAtAnInstantGolden(t *testing.T) {
	// get and describe run the scenario to --at: the crash loop at 15s is
	// in its first back-off. Reference: kubelet.md §3.4, §7.1.
	crashLoop := filepath.Join(exampleScenarios, "crash-loop.yaml")
	tests := []struct {
		golden string
		args   []string
	}{
		{"get-pods-crash-loop-15s.golden", []string{"get", "pods", "--at", "15s", crashLoop}},
		{"describe-pod-crash-loop-2m.golden", []string{"describe", "pod", "web", "--at", "2m", crashLoop}},
		// The scenario's own chain (two stores, ipvs with lc) and its
		// action (the pod deleted at 30s) apply.
		{"get-pods-seeded-20s.golden", []string{"get", "pods", "-o", "wide", "--at", "20s", "testdata/seeded.yaml"}},
		{"proxy-rules-seeded.golden", []string{"proxy", "rules", "--store", "north", "--at", "20s", "testdata/seeded.yaml"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			r := nucleus(t, "", tt.args...)
			require.Equal(t, exitOK, r.code, "%v exit code; stderr: %s", tt.args, r.errOut)
			assert.Empty(t, r.errOut, "%v stderr", tt.args)
			golden(t, tt.golden, r.out)
		})
	}
}

func TestScenarioChainApplies(t *testing.T) {
	seeded := "testdata/seeded.yaml"
	// Its two stores are the nodes.
	r := nucleus(t, "", "get", "nodes", "--at", "1s", seeded)
	assert.Contains(t, r.out, "\nnorth ", "get nodes of a two-store scenario")
	assert.Contains(t, r.out, "\nsouth ", "get nodes of a two-store scenario")
	// Its action deletes the pod at 30s.
	r = nucleus(t, "", "get", "pods", "--at", "40s", seeded)
	assert.Equal(t, "No resources found in default namespace.\n", r.errOut, "get pods after the delete action")
	// Its proxy mode is ipvs with lc, unless --mode says otherwise.
	r = nucleus(t, "", "proxy", "rules", "--store", "north", "--at", "20s", seeded)
	assert.Contains(t, r.out, ":80 lc\n", "proxy rules of an ipvs lc scenario")
	r = nucleus(t, "", "proxy", "rules", "--store", "north", "--at", "20s", "--mode", "iptables", seeded)
	assert.Contains(t, r.out, "*nat\n", "proxy rules --mode iptables over the scenario")
	r = nucleus(t, "", "proxy", "rules", "--store", "north", "--at", "20s", "--scheduler", "sh", seeded)
	assert.Contains(t, r.out, ":80 sh\n", "proxy rules --scheduler sh over the scenario")
}

func TestSeedFlagOverridesScenario(t *testing.T) {
	// spec.seed is 7: --seed 7 is the same run, --seed 1 another one (the
	// scheduler's choice of store and the Service's IP are seeded).
	seeded := "testdata/seeded.yaml"
	own := nucleus(t, "", "get", "svc", "-o", "json", seeded)
	seven := nucleus(t, "", "get", "svc", "-o", "json", "--seed", "7", seeded)
	one := nucleus(t, "", "get", "svc", "-o", "json", "--seed", "1", seeded)
	require.Equal(t, exitOK, one.code, "get svc --seed 1 exit code; stderr: %s", one.errOut)
	assert.Equal(t, own.out, seven.out, "--seed 7 differs from the scenario's own seed 7")
	assert.NotEqual(t, own.out, one.out, "--seed 1 gives the same run as the scenario's seed 7")
}

func TestForDefaultsToScenarioDuration(t *testing.T) {
	crashLoop := filepath.Join(exampleScenarios, "crash-loop.yaml")
	r := nucleus(t, "", "run", "--voice", "kubernetes", crashLoop)
	require.Equal(t, exitOK, r.code, "run crash-loop exit code; stderr: %s", r.errOut)
	assert.Contains(t, r.out, "\nAt 00:03:00:\n", "run of a 3m scenario stops at 3m")
	assert.True(t, strings.HasSuffix(r.out, "\n8 passed, 0 failed\n"), "run ends with the check report: %q", r.out)

	r = nucleus(t, "", "run", "--voice", "kubernetes", "--for", "10s", crashLoop)
	assert.Contains(t, r.out, "\nAt 00:00:10:\n", "run --for 10s stops at 10s")
	assert.True(t, strings.HasSuffix(r.out, "\n3 passed, 0 failed\n2 not checked: due after 00:00:10\n"),
		"run --for 10s checks what is due: %q", r.out)

	short := nucleus(t, "", "events", "-o", "jsonl", "testdata/diff-a.yaml")
	long := nucleus(t, "", "events", "-o", "jsonl", "--for", "2m", "testdata/diff-a.yaml")
	lines := strings.Split(strings.TrimSuffix(short.out, "\n"), "\n")
	assert.Contains(t, lines[len(lines)-1], `"time":"2025-01-01T00:00:`, "events of a 1m scenario end before 1m")
	assert.Greater(t, len(long.out), len(short.out), "events --for 2m over a 1m scenario")
}

func TestRunGoldenScenario(t *testing.T) {
	// Reference: kubelet.md §3.4 (the back-off the narration shows).
	r := nucleus(t, "", "run", "--voice", "both", filepath.Join(exampleScenarios, "crash-loop.yaml"))
	require.Equal(t, exitOK, r.code, "run crash-loop exit code; stderr: %s", r.errOut)
	golden(t, "run-crash-loop.golden", r.out)
}

func TestScenariosListGolden(t *testing.T) {
	r := nucleus(t, "", "scenarios", exampleScenarios)
	require.Equal(t, exitOK, r.code, "scenarios exit code; stderr: %s", r.errOut)
	assert.True(t, strings.HasPrefix(r.out, "NAME "), "scenarios header: %q", r.out)
	for _, file := range exampleScenarioFiles(t) {
		assert.Contains(t, r.out, file, "scenarios lists every file")
	}
	golden(t, "scenarios.golden", r.out)
}

func TestScenariosDefaultFolder(t *testing.T) {
	t.Chdir("../..")
	r := nucleus(t, "", "scenarios")
	require.Equal(t, exitOK, r.code, "scenarios in the repository exit code; stderr: %s", r.errOut)
	assert.Contains(t, r.out, "scenarios/crash-loop.yaml", "scenarios without DIR")

	t.Chdir(t.TempDir())
	r = nucleus(t, "", "scenarios")
	assert.Equal(t, exitUsage, r.code, "scenarios without a ./scenarios folder exit code")
	empty := nucleus(t, "", "scenarios", ".")
	assert.Equal(t, exitOK, empty.code, "scenarios of an empty folder exit code")
	assert.Equal(t, "No scenarios found in .\n", empty.errOut, "scenarios of an empty folder")
	_ = os.WriteFile("bad.yaml", []byte("kind: Scenario\napiVersion: nucleus.dev/v1alpha1\nspec: {duraton: 1m}\n"), 0o644)
	bad := nucleus(t, "", "scenarios", ".")
	assert.Equal(t, exitFailure, bad.code, "scenarios of a folder with a bad file exit code")
	assert.Contains(t, bad.errOut, "spec.duraton", "scenarios names the bad field")
}
