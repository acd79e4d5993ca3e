package exercises_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/scenario"
)

// answerKey is the folder of the teacher's answers, from this package's
// folder: answer-key/NN-name/ beside exercises/NN-name/.
const answerKey = "../answer-key"

// run loads and runs one scenario file and returns its result.
func run(t *testing.T, file string) *scenario.Result {
	t.Helper()
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	s, err := scenario.Load(file, data)
	require.NoError(t, err, "scenario.Load(%s)", file)
	r, err := s.Run()
	require.NoError(t, err, "running %s", file)
	return r
}

// report returns what `nucleus check` would print for r.
func report(r *scenario.Result) string {
	var b strings.Builder
	r.Report(&b)
	return b.String()
}

// yamlExercises returns the folders of the YAML exercises: those with a
// starter.yaml.
func yamlExercises(t *testing.T) []string {
	t.Helper()
	starters, err := filepath.Glob("*/starter.yaml")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(starters), 5, "want at least five YAML exercises")
	dirs := make([]string, len(starters))
	for i, s := range starters {
		dirs[i] = filepath.Dir(s)
	}
	return dirs
}

// TestSolutionsPass runs every YAML exercise's solutions (solution.yaml,
// and any other file in its folder of the answer key) and requires every expectation to pass:
// the teacher's answer really answers the exercise.
func TestSolutionsPass(t *testing.T) {
	for _, dir := range yamlExercises(t) {
		files, err := filepath.Glob(filepath.Join(answerKey, dir, "*.yaml"))
		require.NoError(t, err)
		require.Contains(t, files, filepath.Join(answerKey, dir, "solution.yaml"), "%s has no solution.yaml in the answer key", dir)
		for _, file := range files {
			t.Run(file, func(t *testing.T) {
				r := run(t, file)
				require.NotEmpty(t, r.Expectations, "%s checks nothing", file)
				require.True(t, r.Passed(), "%s does not pass:\n%s", file, report(r))
			})
		}
	}
}

// TestStartersFailInformatively runs every starter and requires at least
// one expectation to fail with something seen, so that the student's first
// `nucleus check` points at the problem.
func TestStartersFailInformatively(t *testing.T) {
	for _, dir := range yamlExercises(t) {
		file := filepath.Join(dir, "starter.yaml")
		t.Run(file, func(t *testing.T) {
			r := run(t, file)
			require.False(t, r.Passed(), "%s passes before the student has done anything:\n%s", file, report(r))
			informative := false
			for _, o := range r.Expectations {
				informative = informative || (!o.Passed && o.Saw != "")
			}
			require.True(t, informative, "%s: no failing expectation says what it saw:\n%s", file, report(r))
			require.Empty(t, r.Errors, "%s: the starter's actions should all work:\n%s", file, report(r))
		})
	}
}

// TestStartersAreTheSolutionsBroken requires each starter to hold the
// same Scenario document as its solution, so that the student is graded
// on the very checks the solution passes.
func TestStartersAreTheSolutionsBroken(t *testing.T) {
	for _, dir := range yamlExercises(t) {
		load := func(file string) *scenario.Scenario {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			s, err := scenario.Load(file, data)
			require.NoError(t, err)
			return s
		}
		starter := load(filepath.Join(dir, "starter.yaml"))
		solution := load(filepath.Join(answerKey, dir, "solution.yaml"))
		require.Equal(t, solution.Name, starter.Name, "%s: starter and solution name different scenarios", dir)
		require.Equal(t, solution.Spec, starter.Spec, "%s: the starter's Scenario spec differs from the solution's", dir)
	}
}

// TestReadmesShowTheSolutionsReport requires each YAML exercise's README
// to show, under "What you will see when it works", exactly what `nucleus
// check` prints for the solution, so the promise stays true.
func TestReadmesShowTheSolutionsReport(t *testing.T) {
	for _, dir := range yamlExercises(t) {
		readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
		require.NoError(t, err)
		want := "```text\n" + report(run(t, filepath.Join(answerKey, dir, "solution.yaml"))) + "```"
		require.Contains(t, string(readme), want, "%s/README.md does not show the solution's report", dir)
		for _, section := range []string{"## The task", "## What you will see when it works", "## Hints", "docs/"} {
			require.Contains(t, string(readme), section, "%s/README.md", dir)
		}
	}
}
