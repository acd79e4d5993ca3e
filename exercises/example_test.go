package exercises_test

import (
	"fmt"
	"os"

	"github.com/nodenucleus/nucleus/scenario"
)

// What a student sees the first time they check exercise 01: every FAIL
// line says what the inspector expected and, in brackets, what it saw; an
// expectation's hint follows its checks when one of them failed.
func Example() {
	file := "01-image-typo/starter.yaml"
	data, err := os.ReadFile(file)
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := scenario.Load(file, data)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := s.Run()
	if err != nil {
		fmt.Println(err)
		return
	}
	r.Report(os.Stdout)
	// Output:
	// FAIL  00:00:30  pod web phase is Running (saw Pending)
	// FAIL  00:00:30  pod web is ready (saw not ready)
	// FAIL  00:00:30  pod web status is Running (saw ImagePullBackOff)
	//       hint: read the pod's STATUS column and its Failed events; the image the manifest asks for is misspelt
	// FAIL  00:00:30  pod web runs image nginx:1.27 (saw nignx:1.27)
	//       hint: correct the spelling and keep the tag the manifest asks for; a tag you invent is a typo of its own
	// PASS  00:01:00  pod web restarts at most 0
	// FAIL  00:01:00  pod web status is Running (saw ImagePullBackOff)
	// 1 passed, 5 failed
}
