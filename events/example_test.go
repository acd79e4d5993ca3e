package events_test

import (
	"fmt"
	"os"
	"time"

	"github.com/nodenucleus/nucleus/events"
	"github.com/nodenucleus/nucleus/sim"
)

// An employee who keeps walking out: the store manager writes the same
// line in the logbook again and again, and the logbook keeps one line with
// a tally instead of a page of copies.
func ExampleLog() {
	log := events.NewLog()
	kubelet := sim.Source{Component: "kubelet", Store: "store-1"}
	app := sim.ObjectRef{Kind: "Pod", Namespace: "default", Name: "web", FieldPath: "spec.containers{app}"}

	log.Observe(sim.Record{Time: 0, Kind: sim.Event, Type: sim.Normal, Source: sim.Source{Component: "default-scheduler"},
		Object: sim.ObjectRef{Kind: "Pod", Namespace: "default", Name: "web"},
		Reason: "Scheduled", Message: "Successfully assigned default/web to store-1"})
	for _, at := range []time.Duration{10, 30, 70, 150} {
		log.Observe(sim.Record{Time: sim.Time(at * time.Second), Kind: sim.Event, Type: sim.Warning, Source: kubelet,
			Object: app, Reason: "BackOff", Message: "Back-off restarting failed container app in pod web_default(uid)"})
	}

	for _, e := range log.For("Pod", "default", "web") {
		fmt.Printf("%s %s count=%d\n", e.Name, e.Reason, e.Count)
	}
	fmt.Println()
	_ = events.PrintTable(os.Stdout, log.Events(), sim.Epoch.Add(5*time.Minute), false)
	// Output:
	// web.1816687ec0570000 Scheduled count=1
	// web.181668811462e400 BackOff count=4
	//
	// LAST SEEN   TYPE      REASON      OBJECT    MESSAGE
	// 5m          Normal    Scheduled   pod/web   Successfully assigned default/web to store-1
	// 2m30s       Warning   BackOff     pod/web   Back-off restarting failed container app in pod web_default(uid)
}
