package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Several scenario files are graded one by one, each under its own
// header, and the exit code says whether every one passed.
func TestCheckGradesEachScenario(t *testing.T) {
	crash, liveness := exampleScenarios+"/crash-loop.yaml", exampleScenarios+"/liveness.yaml"
	r := nucleus(t, "", "check", crash, liveness)
	require.Equal(t, exitOK, r.code, "stderr: %s", r.errOut)
	assert.Regexp(t, `^== `+crash+`\n(PASS .*\n)+[0-9]+ passed, 0 failed\n== `+liveness+`\n(PASS .*\n)+[0-9]+ passed, 0 failed\n2 scenarios: 2 passed, 0 failed\n$`, r.out)

	starter := "../../exercises/01-image-typo/starter.yaml"
	r = nucleus(t, "", "check", crash, starter)
	require.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.out, "== "+starter+"\nFAIL  00:00:30  pod web phase is Running (saw Pending)\n")
	assert.Contains(t, r.out, "      hint: ")
	assert.Contains(t, r.out, "\n2 scenarios: 1 passed, 1 failed\n")
	assert.Equal(t, "error: 1 of 2 scenarios failed: image-typo\n", r.errOut)

	// One scenario with the manifests beside it is still one run.
	r = nucleus(t, "", "check", crash, "testdata/web.yaml")
	assert.NotContains(t, r.out, "== ")
}
