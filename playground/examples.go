package playground

import (
	"bytes"
	"io/fs"
	"path"
	"strings"

	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/scenarios"
)

// Example is one example scenario the page offers.
type Example struct {
	// Name is the scenario's file name without .yaml: crash-loop. The
	// page's ?scenario= parameter takes it.
	Name string `json:"name"`
	// About is the first paragraph of the file's opening comment.
	About string `json:"about"`
	// YAML is the file.
	YAML string `json:"yaml"`
}

// Examples returns the example scenarios of the repository's scenarios/
// folder, by file name, leaving out those that read another file
// (applyFile): the page has no file system to read it from.
func Examples() []Example {
	names, _ := fs.Glob(scenarios.FS, "*.yaml")
	var out []Example
	for _, name := range names {
		data, err := fs.ReadFile(scenarios.FS, name)
		if err != nil || bytes.Contains(data, []byte("applyFile:")) {
			continue
		}
		out = append(out, Example{Name: strings.TrimSuffix(path.Base(name), ".yaml"), About: scenario.About(data), YAML: string(data)})
	}
	return out
}
