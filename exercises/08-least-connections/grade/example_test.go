package grade_test

import (
	"fmt"

	"github.com/nodenucleus/nucleus/answer-key/08-least-connections"
	"github.com/nodenucleus/nucleus/exercises/08-least-connections/grade"
)

// Three employees behind one counter; web-1 and web-2 are serving one
// customer each. The next customer goes to web-1: the fewest, and the
// first of the two.
func ExampleEndpoint() {
	eps := []grade.Endpoint{
		{Pod: "web-0", Address: "10.244.1.2:8080", Active: 3},
		{Pod: "web-1", Address: "10.244.1.3:8080", Active: 1},
		{Pod: "web-2", Address: "10.244.1.4:8080", Active: 1},
	}
	i := solution.Pick(eps)
	fmt.Println(eps, "->", eps[i].Pod)
	// Output:
	// [web-0(3) web-1(1) web-2(1)] -> web-1
}
