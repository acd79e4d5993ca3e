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

// employee is a Waker: the manager's check on it is the employee itself,
// woken every ten seconds, with no callback made for each check.
type employee struct {
	loop   *sim.Loop
	name   string
	checks int
}

// Wake is the manager's check.
func (e *employee) Wake() {
	e.checks++
	fmt.Println(e.loop.Now(), "manager checks on", e.name)
	if e.checks < 3 {
		e.loop.WakeAfter(10*time.Second, e)
	}
}

// A component that is woken itself, rather than through a func(), is a
// [sim.Waker]: scheduling it allocates nothing. Events at one instant still
// run in the order they were scheduled.
func ExampleLoop_WakeAfter() {
	loop := sim.New(1)
	ana := &employee{loop: loop, name: "Ana"}
	ben := &employee{loop: loop, name: "Ben"}
	loop.WakeAfter(10*time.Second, ana)
	loop.WakeAfter(10*time.Second, ben)
	loop.RunFor(time.Minute)
	// Output:
	// 00:00:10 manager checks on Ana
	// 00:00:10 manager checks on Ben
	// 00:00:20 manager checks on Ana
	// 00:00:20 manager checks on Ben
	// 00:00:30 manager checks on Ana
	// 00:00:30 manager checks on Ben
}
