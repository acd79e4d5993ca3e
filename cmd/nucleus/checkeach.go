package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/nodenucleus/nucleus/scenario"
)

// splitScenarios sorts files into those that hold a Scenario document and
// those that do not, and reports whether there are two or more of the
// first kind: then `nucleus check` grades each on its own. Standard input
// and a file that does not load on its own keep the one-scenario reading,
// whose errors name the problem.
func splitScenarios(files []string) (scenarios, shared []string, ok bool) {
	if len(files) < 2 {
		return nil, nil, false
	}
	for _, f := range files {
		if f == stdinName {
			return nil, nil, false
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, false
		}
		sc, err := scenario.Load(f, data)
		switch {
		case err != nil:
			return nil, nil, false
		case sc.Declared():
			scenarios = append(scenarios, f)
		default:
			shared = append(shared, f)
		}
	}
	return scenarios, shared, len(scenarios) >= 2
}

// checkEach grades each scenario file with the shared files, each report
// under a "== FILE" line, and ends with how many scenarios passed. It
// fails when one did, naming them.
func (o *checkOptions) checkEach(s streams, scenarios, shared []string) error {
	var failed []string
	for _, f := range scenarios {
		if _, err := fmt.Fprintf(s.out, "== %s\n", f); err != nil {
			return fail(err)
		}
		sc, err := loadScenario(append([]string{f}, shared...), s.in, s.errOut)
		if err != nil {
			return err
		}
		if o.grade(s, sc) != nil {
			failed = append(failed, sc.Name)
		}
	}
	passed := len(scenarios) - len(failed)
	if _, err := fmt.Fprintf(s.out, "%d scenarios: %d passed, %d failed\n", len(scenarios), passed, len(failed)); err != nil {
		return fail(err)
	}
	if len(failed) > 0 {
		return fail(fmt.Errorf("%d of %d scenarios failed: %s", len(failed), len(scenarios), strings.Join(failed, ", ")))
	}
	return nil
}
