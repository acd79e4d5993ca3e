package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/events"
	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/server"
)

// Example serves a chain with one pod, jumps a virtual minute ahead with
// the clock paused, and reads the pods as `kubectl get pods` asks for
// them: a Table whose cells are the ones nucleus prints.
func Example() {
	sc, err := scenario.Load("pod.yaml", []byte(`apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	logbook := events.NewLog()
	run, err := sc.Start(logbook)
	if err != nil {
		fmt.Println(err)
		return
	}
	// A wall clock that stands still: the served minute below does not
	// depend on how long this machine takes to get there.
	wall := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	srv, err := server.New(server.Config{Scenario: sc, Run: run, Log: logbook,
		Wall: func() time.Time { return wall }})
	if err != nil {
		fmt.Println(err)
		return
	}
	paused := true
	srv.Set(&paused, 0, time.Minute) // stand still, a minute in

	req := httptest.NewRequest(http.MethodGet, "/api/v1/namespaces/default/pods", nil)
	req.Header.Set("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	var table metav1.Table
	if err := json.Unmarshal(rec.Body.Bytes(), &table); err != nil {
		fmt.Println(err)
		return
	}
	for i, c := range table.ColumnDefinitions {
		fmt.Printf("%s (priority %d): %v\n", c.Name, c.Priority, table.Rows[0].Cells[i])
	}
	// Output:
	// NAME (priority 0): web
	// READY (priority 0): 1/1
	// STATUS (priority 0): Running
	// RESTARTS (priority 0): 0
	// AGE (priority 0): 60s
	// IP (priority 1): 10.244.1.2
	// NODE (priority 1): store-1
	// NOMINATED NODE (priority 1): <none>
	// READINESS GATES (priority 1): <none>
}
