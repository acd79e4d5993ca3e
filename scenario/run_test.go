package scenario

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/sim"
)

// scenariosDir holds the example scenarios.
const scenariosDir = "../scenarios"

// TestExampleScenariosPass runs every example scenario: each must pass its
// own expectations, with no failed action.
// Reference: kubelet.md §7.1 (pkg/printers/internalversion/printers.go
// printPod) for the STATUS column the expectations check.
func TestExampleScenariosPass(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(scenariosDir, "*.yaml"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 5, "example scenarios")
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			s, err := Load(file, data)
			require.NoError(t, err)
			r, err := s.Run()
			require.NoError(t, err)
			var out bytes.Buffer
			r.Report(&out)
			assert.True(t, r.Passed(), "%s does not pass:\n%s", file, out.String())
			assert.NotEmpty(t, r.Expectations, "%s checks nothing", file)
			assert.NotEmpty(t, About(data), "%s has no comment block", file)
		})
	}
}

// TestFailingExpectationSaysWhatWasSeen: a failed check names what was
// expected and what was there instead.
func TestFailingExpectationSaysWhatWasSeen(t *testing.T) {
	yaml := header + `  expect:
  - at: 1m
    pod: web
    phase: Running
    restarts: {atLeast: 1}
    status: CrashLoopBackOff
  - at: 1m
    pod: ghost
    ready: true
  - at: 1m
    store: {name: store-1, condition: Ready, status: "False"}
` + webPod
	s, err := Load("scenario.yaml", []byte(yaml))
	require.NoError(t, err)
	r, err := s.Run()
	require.NoError(t, err)
	var out bytes.Buffer
	r.Report(&out)
	want := `PASS  00:01:00  pod web phase is Running
FAIL  00:01:00  pod web restarts at least 1 (saw 0)
FAIL  00:01:00  pod web status is CrashLoopBackOff (saw Running)
FAIL  00:01:00  pod ghost is ready (saw no such pod)
FAIL  00:01:00  store store-1 condition Ready is False (saw True)
1 passed, 4 failed
`
	assert.Equal(t, want, out.String())
	assert.False(t, r.Passed(), "Passed()")
	assert.Equal(t, 11, r.Expectations[1].Line, "line of restarts")
	assert.Equal(t, 1, r.Expectations[3].Index, "index of the ghost expectation")
}

// TestFailedActionsAreWarnings: an action that cannot be done is a Warning
// record in the narration and an ActionError naming its line; the run
// goes on.
func TestFailedActionsAreWarnings(t *testing.T) {
	yaml := header + `  actions:
  - at: 10s
    delete: {kind: Pod, name: ghost}
  - at: 20s
    scale: {deployment: web, replicas: 3}
  - at: 30s
    killContainer: {pod: web, container: nope}
  - at: 40s
    customers: {service: shop, rate: 5, for: 10s}
  - at: 50s
    store: {name: store-9, fault: powerOff}
  expect:
  - at: 1m
    pod: web
    phase: Running
` + webPod
	s, err := Load("scenario.yaml", []byte(yaml))
	require.NoError(t, err)
	var warnings []string
	r, err := s.Run(sim.ObserverFunc(func(rec sim.Record) {
		if rec.Type == sim.Warning && rec.Source.Component == "scenario" {
			warnings = append(warnings, rec.String())
		}
	}))
	require.NoError(t, err)
	require.Len(t, r.Errors, 5)
	var ae *ActionError
	require.True(t, errors.As(r.Errors[0], &ae))
	assert.Equal(t, sim.Time(10e9), ae.At)
	want := []string{
		`scenario.yaml:9: spec.actions[0].delete: pods "ghost" not found`,
		`scenario.yaml:11: spec.actions[1].scale: deployments.apps "web" not found`,
		`scenario.yaml:13: spec.actions[2].killContainer: container "nope" of pod "web" is not running`,
		`scenario.yaml:15: spec.actions[3].customers: customers.service: Not found: "shop"`,
		`scenario.yaml:17: spec.actions[4].store: store "store-9": Not found`,
	}
	for i, w := range want {
		assert.Equal(t, w, r.Errors[i].Error(), "Errors[%d]", i)
	}
	require.Len(t, warnings, 5, "Warning records")
	assert.True(t, strings.HasPrefix(warnings[1], "00:00:20 head-office scenario ScenarioActionFailed deployment/web scale:"), warnings[1])
	var out bytes.Buffer
	r.Report(&out)
	assert.Contains(t, out.String(), "ERROR 00:00:10  scenario.yaml:9: spec.actions[0].delete:")
	assert.True(t, strings.HasSuffix(out.String(), "\n1 passed, 0 failed\n"), out.String())
	assert.False(t, r.Passed(), "Passed() with failed actions")
}

// TestActionsChangeThePod: killContainer and useMemory reach the running
// container; the kubelet then restarts it.
// Reference: kubelet.md (a container that exits under restartPolicy
// Always is restarted in the same pod).
func TestActionsChangeThePod(t *testing.T) {
	yaml := header + `  actions:
  - at: 10s
    killContainer: {pod: web, container: app, exitCode: 2}
  - at: 30s
    useMemory: {pod: web, container: app, bytes: 300Mi}
  expect:
  - at: 9s
    pod: web
    restarts: {atMost: 0}
  - at: 11s
    pod: web
    restarts: {atLeast: 1, atMost: 1}
    phase: Running
` + webPod
	s, err := Load("scenario.yaml", []byte(yaml))
	require.NoError(t, err)
	r, err := s.Run()
	require.NoError(t, err)
	var out bytes.Buffer
	r.Report(&out)
	assert.True(t, r.Passed(), out.String())
	assert.Empty(t, r.Errors)
}

// TestRunIsDeterministic: the same scenario gives the same report and the
// same narration, byte for byte.
func TestRunIsDeterministic(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(scenariosDir, "readiness-desk.yaml"))
	require.NoError(t, err)
	run := func() (string, string) {
		s, err := Load("readiness-desk.yaml", data)
		require.NoError(t, err)
		var story, report bytes.Buffer
		r, err := s.Run(narrate.New(&story, narrate.Both))
		require.NoError(t, err)
		r.Report(&report)
		return report.String(), story.String()
	}
	report1, story1 := run()
	report2, story2 := run()
	assert.Equal(t, report1, report2, "report")
	assert.Equal(t, story1, story2, "narration")
	assert.Contains(t, story1, "CustomersServed", "the narration tells the customers")
}

// TestRefusedObjectStopsTheRun: an object head office refuses at time
// zero is an error naming its file and line.
func TestRefusedObjectStopsTheRun(t *testing.T) {
	pod := strings.Replace(webPod, "    image: busybox:1.36\n", "", 1)
	s, err := Load("scenario.yaml", []byte(header+pod))
	require.NoError(t, err)
	_, err = s.Run()
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "scenario.yaml:8: pod \"web\" is invalid:"), err.Error())
}

// TestList: each example scenario is listed with its name and the first
// paragraph of its comment block.
func TestList(t *testing.T) {
	list, err := List(scenariosDir)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(list), 5)
	var crash *Summary
	for i := range list {
		if list[i].Name == "crash-loop" {
			crash = &list[i]
		}
	}
	require.NotNil(t, crash, "crash-loop is listed")
	assert.Equal(t, filepath.Join(scenariosDir, "crash-loop.yaml"), crash.File)
	assert.Equal(t, "A container that keeps exiting is restarted inside the same pod, with a back-off that doubles each time: 10s, 20s, 40s, ... capped at 5 minutes.", crash.About)
	assert.Equal(t, "A container that keeps exiting is restarted with a growing back-off.", crash.Teaches)
}

// TestListFindsSubfolders: a folder's scenarios in subfolders are listed
// after its own files, in path order; a subfolder's plain manifests are
// not, and neither are hidden folders.
func TestListFindsSubfolders(t *testing.T) {
	dir := t.TempDir()
	scenarioDoc := func(name string) string {
		return "apiVersion: nucleus.dev/v1alpha1\nkind: Scenario\nmetadata:\n  name: " + name + "\nspec:\n  duration: 1m\n"
	}
	plain := "apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  ports:\n  - port: 5432\n"
	for file, text := range map[string]string{
		"top.yaml":                scenarioDoc("top"),
		"plain.yaml":              plain,
		"week1/b.yaml":            scenarioDoc("week1-b"),
		"week1/a.yml":             scenarioDoc("week1-a"),
		"week1/manifests/db.yaml": plain,
		"week2/deep/c.yaml":       scenarioDoc("week2-c"),
		".git/x.yaml":             scenarioDoc("hidden"),
	} {
		path := filepath.Join(dir, file)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	}
	list, err := List(dir)
	require.NoError(t, err)
	var names []string
	for _, s := range list {
		names = append(names, s.Name)
	}
	assert.Equal(t, []string{"plain", "top", "week1-a", "week1-b", "week2-c"}, names)
}
