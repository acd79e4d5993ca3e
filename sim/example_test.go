package sim_test

import (
	"fmt"
	"time"

	"github.com/nodenucleus/nucleus/sim"
)

// A store manager checks on an employee every ten seconds; head office calls
// at the 15-second mark. The loop interleaves them by time, and the clock
// jumps straight from one event to the next.
func Example() {
	loop := sim.New(1)
	var check func()
	check = func() {
		fmt.Println(loop.Now(), "manager: are you still with us?")
		loop.After(10*time.Second, check)
	}
	loop.After(10*time.Second, check)
	loop.At(sim.Time(15*time.Second), func() { fmt.Println(loop.Now(), "head office calls") })
	loop.RunFor(30 * time.Second)
	fmt.Println("clock stopped at", loop.Now())
	// Output:
	// 00:00:10 manager: are you still with us?
	// 00:00:15 head office calls
	// 00:00:20 manager: are you still with us?
	// 00:00:30 manager: are you still with us?
	// clock stopped at 00:00:30
}
