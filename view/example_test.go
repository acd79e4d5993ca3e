package view_test

import (
	"os"
	"time"

	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/view"
)

// A pod that says hello and sleeps, looked at one minute in: its row in
// `kubectl get pods`, and what it wrote.
func Example() {
	sc, err := scenario.Load("hello.yaml", []byte(`apiVersion: v1
kind: Pod
metadata:
  name: hello
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo hello from the shop floor; sleep 3600"]
`))
	if err != nil {
		panic(err)
	}
	sc.Spec.Duration = scenario.Duration(time.Minute)
	r, err := sc.Run()
	if err != nil {
		panic(err)
	}
	_ = view.Pods(os.Stdout, r.Cluster, "default")
	_ = view.Logs(os.Stdout, r.Cluster, "default", "hello", view.LogOptions{Tail: -1})
	err = view.Logs(os.Stdout, r.Cluster, "default", "hello", view.LogOptions{Previous: true, Tail: -1})
	os.Stdout.WriteString(err.Error() + "\n")
	// Output:
	// NAME    READY   STATUS    RESTARTS   AGE
	// hello   1/1     Running   0          60s
	// hello from the shop floor
	// previous terminated container "app" in pod "hello" not found
}
