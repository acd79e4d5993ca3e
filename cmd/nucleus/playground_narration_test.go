package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/playground"
)

// TestPlaygroundNarrationIsRunsByteForByte checks that the browser
// playground (package playground, which cmd/nucleus-wasm hands to the
// page) narrates every example scenario, in every voice, exactly as
// `nucleus run` does: the page's lines, joined, are what run prints before
// "At ...:".
func TestPlaygroundNarrationIsRunsByteForByte(t *testing.T) {
	for _, ex := range playground.Examples() {
		for _, voice := range []narrate.Voice{narrate.Both, narrate.Store, narrate.Kubernetes} {
			t.Run(ex.Name+"/"+voice.String(), func(t *testing.T) {
				file := filepath.Join(t.TempDir(), ex.Name+".yaml")
				if err := os.WriteFile(file, []byte(ex.YAML), 0o644); err != nil {
					t.Fatal(err)
				}
				r := nucleus(t, "", "run", "--voice", voice.String(), file)
				if r.code != 0 {
					t.Fatalf("nucleus run: exit %d: %s", r.code, r.errOut)
				}
				cli, _, found := strings.Cut(r.out, "\nAt ")
				if !found {
					t.Fatalf("nucleus run printed no \"At\" line:\n%s", r.out)
				}
				s, err := playground.Open(file, []byte(ex.YAML))
				if err != nil {
					t.Fatal(err)
				}
				whole, err := s.Run(voice)
				if err != nil {
					t.Fatal(err)
				}
				var page strings.Builder
				for _, l := range whole.Lines {
					page.WriteString(l.Text + "\n")
				}
				if page.String() != cli {
					t.Errorf("the playground's narration differs from nucleus run's:\nplayground:\n%s\nrun:\n%s", page.String(), cli)
				}
				if _, report, _ := strings.Cut(r.out, "\nChecks:\n"); report != whole.Checks {
					t.Errorf("the playground's check report is %q, nucleus run's %q", whole.Checks, report)
				}
			})
		}
	}
}
