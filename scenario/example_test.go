package scenario_test

import (
	"fmt"
	"os"

	"github.com/nodenucleus/nucleus/scenario"
)

// A teacher's exercise: a pod whose container exits after five seconds,
// and what an inspector should find at given instants. The third
// expectation is wrong on purpose, to show what a failure reports.
func Example() {
	yaml := `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata:
  name: crash-loop
spec:
  duration: 1m
  expect:
  - at: 3s
    pod: web
    phase: Running
  - at: 15s
    pod: web
    status: CrashLoopBackOff
  - at: 15s
    pod: web
    restarts: {atLeast: 2}
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 5; exit 1"]
`
	s, err := scenario.Load("crash-loop.yaml", []byte(yaml))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := s.Run()
	if err != nil {
		fmt.Println(err)
		return
	}
	r.Report(os.Stdout)
	// Output:
	// PASS  00:00:03  pod web phase is Running
	// PASS  00:00:15  pod web status is CrashLoopBackOff
	// FAIL  00:00:15  pod web restarts at least 2 (saw 1)
	// 2 passed, 1 failed
}

// A misspelt action is refused with its line and field path.
func ExampleLoad_typo() {
	yaml := `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata:
  name: typo
spec:
  duration: 1m
  actions:
  - at: 10s
    killContaner: {pod: web, container: app}
`
	_, err := scenario.Load("scenario.yaml", []byte(yaml))
	fmt.Println(err)
	// Output:
	// scenario.yaml:9: spec.actions[0].killContaner: unknown field; did you mean "killContainer"?
}
