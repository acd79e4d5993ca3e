package playground

import (
	"testing"
	"time"
)

// FuzzCommand types anything into the command box at any instant, with
// anything in the editor: the session answers or refuses, and never
// panics (bad input is an error, never a crash).
func FuzzCommand(f *testing.F) {
	for _, seed := range []string{"kubectl get pods", "describe pod web", "logs web -p", "delete pod web",
		"scale deployment web --replicas=3", "apply -f -", "get events -n", "--replicas", "logs -c"} {
		f.Add(seed, int64(time.Minute), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: nginx\n")
	}
	s0, err := Open("crash-loop.yaml", []byte(exampleYAML(f, "crash-loop")))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, line string, at int64, editor string) {
		s := *s0
		r, err := s.Command(time.Duration(at), line, editor)
		if err == nil && r.Changed && len(s.Export()) == 0 {
			t.Fatalf("%q changed the chain but the session exports nothing", line)
		}
	})
}

// exampleYAML returns the example scenario called name.
func exampleYAML(tb testing.TB, name string) string {
	for _, e := range Examples() {
		if e.Name == name {
			return e.YAML
		}
	}
	tb.Fatalf("no example %q", name)
	return ""
}
