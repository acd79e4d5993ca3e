package playground_test

import (
	"fmt"
	"time"

	"github.com/nodenucleus/nucleus/playground"
)

// A student opens a pod, types kubectl into the page's command box one
// minute in, and looks at the chain after: the deletion is an action of
// the session, and the export carries it.
func Example() {
	s, err := playground.Open("editor.yaml", []byte(`apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
`))
	if err != nil {
		panic(err)
	}
	r, _ := s.Command(time.Minute, "kubectl get pods", "")
	fmt.Print(r.Output)
	r, _ = s.Command(time.Minute, "kubectl delete pod web", "")
	fmt.Print(r.Output)
	later, _ := s.At(2 * time.Minute)
	fmt.Print(later.Pods)
	r, _ = s.Command(time.Minute, "kubectl get pods,nodes", "")
	fmt.Print(r.Output)
	_, err = s.Command(time.Minute, "kubectl get frobs", "")
	fmt.Println(err)
	// Output:
	// NAME   READY   STATUS    RESTARTS   AGE
	// web    1/1     Running   0          60s
	// pod "web" deleted
	// No resources found in default namespace.
	// NAME           STATUS   ROLES    AGE   VERSION
	// node/store-1   Ready    <none>   60s   v1.35.0
	// error: the server doesn't have a resource type "frobs"
}
