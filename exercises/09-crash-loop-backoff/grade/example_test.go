package grade_test

import (
	"fmt"

	"github.com/nodenucleus/nucleus/answer-key/09-crash-loop-backoff"
	"github.com/nodenucleus/nucleus/exercises/09-crash-loop-backoff/grade"
)

// The waits of a container that keeps exiting, restart after restart: at
// once, then 10s doubling to the 5-minute cap.
func ExampleDelayFunc() {
	var delay grade.DelayFunc = solution.Delay
	for restarts := range 8 {
		fmt.Printf("%d:%v ", restarts, delay(restarts))
	}
	fmt.Println()
	// Output:
	// 0:0s 1:10s 2:20s 3:40s 4:1m20s 5:2m40s 6:5m0s 7:5m0s
}
