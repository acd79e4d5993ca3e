package scenario

import (
	"errors"
	"fmt"
	"io"
)

// Report writes the result for `nucleus check`: one line per checked
// expectation, PASS or FAIL with the instant and what was expected (and,
// for a failure, what was seen), one ERROR line per failed action, and a
// last line "N passed, N failed".
//
//	PASS  00:01:00  pod web phase is Running
//	FAIL  00:01:00  pod web restarts at least 1 (saw 0)
//	      hint: the expectation's hint, once under its checks when one failed
//	1 passed, 1 failed
func (r *Result) Report(w io.Writer) {
	passed, failed := 0, 0
	hint := "" // the hint of the expectation being reported, once one of its checks failed
	for i, o := range r.Expectations {
		if o.Passed {
			passed++
			fmt.Fprintf(w, "PASS  %s  %s\n", o.At, o.Description)
		} else {
			failed++
			fmt.Fprintf(w, "FAIL  %s  %s (saw %s)\n", o.At, o.Description, o.Saw)
			hint = o.Hint
		}
		if last := i == len(r.Expectations)-1; last || r.Expectations[i+1].Index != o.Index {
			if hint != "" {
				fmt.Fprintf(w, "      hint: %s\n", hint)
			}
			hint = ""
		}
	}
	for _, err := range r.Errors {
		var ae *ActionError
		if errors.As(err, &ae) {
			fmt.Fprintf(w, "ERROR %s  %v\n", ae.At, ae)
			continue
		}
		fmt.Fprintf(w, "ERROR %v\n", err)
	}
	fmt.Fprintf(w, "%d passed, %d failed\n", passed, failed)
}
