//go:build grade

package exercises_test

import (
	"path/filepath"
	"testing"
)

// TestStarters grades every YAML exercise's starter.yaml as `nucleus
// check` does, and shows the report of each one that does not pass yet.
// Run it with:
//
//	go test -tags grade ./exercises/
//
// or one exercise with -run 'TestStarters/01-image-typo'.
func TestStarters(t *testing.T) {
	for _, dir := range yamlExercises(t) {
		t.Run(dir, func(t *testing.T) {
			file := filepath.Join(dir, "starter.yaml")
			r := run(t, file)
			if !r.Passed() {
				t.Errorf("%s does not pass yet; `go run ./cmd/nucleus check exercises/%s` says:\n%s\nSee exercises/%s/README.md for the task and hints.",
					file, file, report(r), dir)
			}
		})
	}
}
