//go:build grade

package grade_test

import (
	"testing"

	"github.com/nodenucleus/nucleus/exercises/08-least-connections/grade"
	"github.com/nodenucleus/nucleus/exercises/08-least-connections/starter"
)

// TestStarter grades your Pick in ../starter. Run it with:
//
//	go test -tags grade ./exercises/08-least-connections/grade/
//
// Reference: proxy-and-runtime.md, IPVS schedulers (lc: the server with
// the fewest active connections).
func TestStarter(t *testing.T) {
	grade.Check(t, starter.Pick)
}
