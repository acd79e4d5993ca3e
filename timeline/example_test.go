package timeline_test

import (
	"os"
	"time"

	"github.com/nodenucleus/nucleus/sim"
	"github.com/nodenucleus/nucleus/timeline"
)

// An employee who keeps walking out: the container runs for five seconds,
// exits with an error, waits out a 10s back-off and is called back. The
// timeline is built by hand here; Record builds one from a running cluster.
func ExampleTimeline_WriteText() {
	s := func(sec float64) sim.Time { return sim.Time(sec * float64(time.Second)) }
	tl := &timeline.Timeline{Start: 0, End: s(30), Pods: []timeline.Pod{{
		Name: "web", Node: "store-1",
		Containers: []timeline.Container{{
			Name: "app",
			Segments: []timeline.Segment{
				{From: 0, To: s(1), State: timeline.Waiting, Reason: "ContainerCreating"},
				{From: s(1), To: s(6), State: timeline.Running, Ready: true},
				{From: s(6), To: s(6), State: timeline.Terminated, Reason: "Error", ExitCode: 1},
				{From: s(6), To: s(16), State: timeline.Waiting, Reason: "CrashLoopBackOff"},
				{From: s(16), To: s(30), State: timeline.Running, Ready: true},
			},
			Marks: []timeline.Mark{{At: s(16), Kind: timeline.Restart}},
		}},
		Ready: []timeline.ReadySpan{{From: 0, To: s(1)}, {From: s(1), To: s(6), Ready: true},
			{From: s(6), To: s(16)}, {From: s(16), To: s(30), Ready: true}},
	}}}
	_ = tl.WriteText(os.Stdout, 60)
	// Output:
	// Containers over time, 00:00 to 00:30 (one character = 1s)
	// pod web on store-1
	//   app         .#####x.........R#############
	//   (pod Ready) -#####----------##############
	//               +---------+---------+---------+
	//               00:00     00:10     00:20 00:30
	// legend: . waiting   # running, ready   = running, not ready   o terminated, completed   x terminated, error
	//         R restarted   K killed   ! probe failed   (pod Ready) row: # ready, - not ready
}
