package narrate_test

import (
	"fmt"
	"os"
	"time"

	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/sim"
)

// A pod is scheduled, its image is pulled and its container starts. The
// narrator, subscribed to the loop, tells each record twice: first as
// Kubernetes reports it, then as a story about the store.
func Example() {
	loop := sim.New(1)
	n := narrate.New(os.Stdout, narrate.Both)
	loop.Subscribe(n)

	pod := sim.ObjectRef{Kind: "Pod", Namespace: "default", Name: "web"}
	kubelet := sim.Source{Component: "kubelet", Store: "store-1"}

	loop.Record(sim.Record{
		Source:  sim.Source{Component: "default-scheduler"},
		Object:  pod,
		Reason:  "Scheduled",
		Message: "Successfully assigned default/web to store-1",
		Facts:   sim.Facts{To: "store-1"},
	})
	loop.RunFor(2 * time.Second)
	loop.Record(sim.Record{
		Source:  kubelet,
		Object:  pod,
		Reason:  "Pulled",
		Message: `Successfully pulled image "nginx:1.27" in 1.2s (1.4s including waiting). Image size: 72000000 bytes.`,
		Facts:   sim.Facts{Container: "app", Image: "nginx:1.27", Duration: 1200 * time.Millisecond},
	})
	loop.Record(sim.Record{
		Source:  kubelet,
		Object:  pod,
		Reason:  "Started",
		Message: "Started container app",
		Facts:   sim.Facts{Container: "app"},
	})
	if err := n.Err(); err != nil {
		fmt.Println("narration failed:", err)
	}
	// Output:
	// 00:00:00 head-office default-scheduler Scheduled pod/web Successfully assigned default/web to store-1
	// 00:00:00 head-office Head office's staffing desk assigns web to store-1.
	// 00:00:02 store-1 kubelet Pulled pod/web Successfully pulled image "nginx:1.27" in 1.2s (1.4s including waiting). Image size: 72000000 bytes.
	// 00:00:02 store-1 The store manager has the training manual for web's job app (nginx:1.27): fetched from the warehouse in 1.2s.
	// 00:00:02 store-1 kubelet Started pod/web Started container app
	// 00:00:02 store-1 web starts job app.
}

// Story tells one record in the storefront voice, without the time and store.
func ExampleStory() {
	crash := sim.Record{
		Source: sim.Source{Component: "kubelet", Store: "store-1"},
		Object: sim.ObjectRef{Kind: "Pod", Namespace: "default", Name: "web"},
		Type:   sim.Warning,
		Reason: "BackOff",
		Facts:  sim.Facts{Container: "app", Duration: 40 * time.Second},
	}
	fmt.Println(narrate.Story(crash))
	// Output:
	// web keeps walking out of job app; the manager will wait 40s before calling them back.
}

// ParseVoice reads a voice from a flag.
func ExampleParseVoice() {
	v, err := narrate.ParseVoice("store")
	fmt.Println(v, err)
	_, err = narrate.ParseVoice("loud")
	fmt.Println(err)
	// Output:
	// store <nil>
	// voice: Unsupported value: "loud": supported values: "kubernetes", "store", "both"
}

// Ten pods on two stores, told in summary: instead of a line per record,
// the totals when all ten have a store, at each tenth Running (one pod
// each here; two shown), and at the end.
func ExampleSummary() {
	loop := sim.New(1)
	s := narrate.NewSummary(narrate.New(os.Stdout, narrate.Both), 2, 10)
	loop.Subscribe(s)
	for i := range 10 {
		pod := sim.ObjectRef{Kind: "Pod", Namespace: "default", Name: fmt.Sprintf("web-%d", i)}
		loop.Record(sim.Record{Kind: sim.Event, Object: pod, Reason: "Scheduled"})
	}
	for i := range 2 {
		pod := sim.ObjectRef{Kind: "Pod", Namespace: "default", Name: fmt.Sprintf("web-%d", i)}
		loop.RunUntil(sim.Time(time.Duration(i+1) * time.Second))
		loop.Record(sim.Record{Kind: sim.Change, Object: pod, Reason: "PhaseChanged", Facts: sim.Facts{From: "Pending", To: "Running"}})
	}
	s.Finish(loop.Now())
	// Output:
	// 00:00:00 head-office # nucleus Totals 0 of 10 pods Running (0%), 10 scheduled, on 2 nodes
	// 00:00:00 head-office 0 of 10 employees are at work (0%); 10 have a store, across 2 stores.
	// 00:00:01 head-office # nucleus Totals 1 of 10 pods Running (10%), 10 scheduled, on 2 nodes
	// 00:00:01 head-office 1 of 10 employees are at work (10%); 10 have a store, across 2 stores.
	// 00:00:02 head-office # nucleus Totals 2 of 10 pods Running (20%), 10 scheduled, on 2 nodes
	// 00:00:02 head-office 2 of 10 employees are at work (20%); 10 have a store, across 2 stores.
	// 00:00:02 head-office # nucleus Totals 2 of 10 pods Running (20%), 10 scheduled, on 2 nodes
	// 00:00:02 head-office 2 of 10 employees are at work (20%); 10 have a store, across 2 stores.
}
