package simtest_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/nodenucleus/nucleus/simtest"
)

// The same seed is the same day: the same chain, the same events, the
// same transcript.
func ExampleRun() {
	opts := simtest.Options{MaxStores: 3, MinDuration: 10 * time.Minute, MaxDuration: 10 * time.Minute}
	a := simtest.Run(7, opts)
	b := simtest.Run(7, opts)
	fmt.Println("passed:", a.Passed)
	fmt.Println("same transcript:", a.Transcript == b.Transcript)
	// Output:
	// passed: true
	// same transcript: true
}

// A day written as the YAML a person runs with `nucleus run`.
func ExampleMarshal() {
	s := simtest.Generate(7, simtest.Options{MaxStores: 1, MinDuration: 10 * time.Minute, MaxDuration: 10 * time.Minute})
	data, err := simtest.Marshal(s)
	if err != nil {
		fmt.Println(err)
		return
	}
	lines := strings.SplitN(string(data), "\n", 5)
	fmt.Println(strings.Join(lines[:4], "\n"))
	// Output:
	// apiVersion: nucleus.dev/v1alpha1
	// kind: Scenario
	// metadata:
	//   name: day-7
}
