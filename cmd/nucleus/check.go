package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nodenucleus/nucleus/scenario"
)

// checkOptions are the flags of `nucleus check`.
type checkOptions struct {
	seed seedFlag
}

// newCheckCommand returns `nucleus check`: run a scenario quietly and
// report its expectations, for a classroom exercise or a CI job.
func newCheckCommand(s streams) *cobra.Command {
	o := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check [--seed N] FILE...",
		Short: "Run a scenario quietly and report whether its expectations hold",
		Long: "Run the scenario the files make (its objects, chain, actions) to its\n" +
			"spec.duration without narration, and print one line per checked\n" +
			"expectation, PASS or FAIL with what was seen (and the expectation's hint\n" +
			"under a failure), one ERROR line per action that failed, and\n" +
			"\"N passed, N failed\". When two or more files hold a Scenario document,\n" +
			"each is graded on its own (with the files that hold none), under a\n" +
			"\"== FILE\" line, and a last line counts the scenarios that passed. The\n" +
			"exit code is 1 when an expectation or an action failed, 0 when\n" +
			"everything passed; files without expectations say so and exit 0.",
		Example: "  nucleus check scenarios/crash-loop.yaml\n  nucleus check --seed 7 scenarios/liveness.yaml\n" +
			"  nucleus check exercises/*/starter.yaml",
		Args: requireFiles,
		RunE: func(_ *cobra.Command, files []string) error {
			return o.run(s, files)
		},
	}
	cmd.Flags().Var(&o.seed, "seed", seedUsage)
	return cmd
}

// run carries out `nucleus check` for files: one scenario made of them
// all, or, when two or more of them hold a Scenario document, each of those
// graded on its own (see checkEach).
func (o *checkOptions) run(s streams, files []string) error {
	if scenarios, shared, ok := splitScenarios(files); ok {
		return o.checkEach(s, scenarios, shared)
	}
	sc, err := loadScenario(files, s.in, s.errOut)
	if err != nil {
		return err
	}
	return o.grade(s, sc)
}

// grade plays sc and writes its report; it returns a failure when an
// expectation or an action failed, or the output could not be written.
func (o *checkOptions) grade(s streams, sc *scenario.Scenario) error {
	r, err := play(o.seed.withSeed(sc), playOptions{end: sc.Spec.Duration.D(), checks: true})
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if len(sc.Spec.Expect) == 0 && len(r.Errors) == 0 {
		fmt.Fprintf(&b, "%s has no expectations (spec.expect): nothing to check\n", sc.Name)
	} else {
		r.Report(&b)
	}
	if _, err := s.out.Write(b.Bytes()); err != nil {
		return fail(err)
	}
	if !r.Passed() {
		return fail(fmt.Errorf("%s: %s", sc.Name, failures(r)))
	}
	return nil
}

// failures returns what failed in r, in words: "1 expectation failed, 1
// action failed".
func failures(r *scenario.Result) string {
	failed := 0
	for _, e := range r.Expectations {
		if !e.Passed {
			failed++
		}
	}
	var parts []string
	if failed > 0 {
		parts = append(parts, plural(failed, "expectation")+" failed")
	}
	if n := len(r.Errors); n > 0 {
		parts = append(parts, plural(n, "action")+" failed")
	}
	return strings.Join(parts, ", ")
}

// plural returns "1 thing" or "N things".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
