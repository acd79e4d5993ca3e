package main

import (
	"fmt"
	"os"
	"strings"
)

// nucleus get pods shows the busybox pod as `kubectl get pods` would, ten
// seconds into the run: it is sleeping, so it is Running and Ready.
func Example_getPods() {
	run([]string{"get", "pods", "--at", "10s", "testdata/busybox.yaml"}, strings.NewReader(""), os.Stdout, os.Stderr)
	// Output:
	// NAME      READY   STATUS    RESTARTS   AGE
	// busybox   1/1     Running   0          10s
}

// A typo in a manifest is refused with one line naming the file, the line
// and the field path, as the API server would refuse it; the exit code is 1.
func Example_typo() {
	code := run([]string{"run", "testdata/containerz.yaml"}, strings.NewReader(""), os.Stdout, os.Stdout)
	fmt.Println("exit", code)
	// Output:
	// error: testdata/containerz.yaml:7: spec.containerz: unknown field
	// exit 1
}
