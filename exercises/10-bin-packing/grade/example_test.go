package grade_test

import (
	"fmt"

	"github.com/nodenucleus/nucleus/answer-key/10-bin-packing"
	"github.com/nodenucleus/nucleus/exercises/10-bin-packing/grade"
	"github.com/nodenucleus/nucleus/scheduler"
)

// Two stores of 4 cpu and 8Gi; a new pod asking for 1 cpu and 1Gi would
// bring the busy one to 3 cpu and 5Gi, the quiet one to 1 cpu and 1Gi.
// Bin packing prefers the busy store.
func ExampleScoreFunc() {
	var score grade.ScoreFunc = solution.Score
	store := scheduler.Resources{MilliCPU: 4000, Memory: 8 << 30}
	busy := score(scheduler.Resources{MilliCPU: 3000, Memory: 5 << 30}, store)
	quiet := score(scheduler.Resources{MilliCPU: 1000, Memory: 1 << 30}, store)
	fmt.Println("busy:", busy, "quiet:", quiet)
	// Output:
	// busy: 68 quiet: 18
}
