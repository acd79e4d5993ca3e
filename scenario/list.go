package scenario

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Summary describes one scenario file for `nucleus scenarios`.
type Summary struct {
	// Name is the Scenario's metadata.name, or the file's base name.
	Name string
	// File is the path of the file.
	File string
	// About is the first paragraph of the comment block that opens the
	// file, as one line.
	About string
	// Teaches is the nucleus.dev/teaches annotation, if any.
	Teaches string
}

// List returns a Summary of every scenario file (*.yaml, *.yml) directly
// in dir, sorted by file name. A file that does not load is an error
// naming it.
func List(dir string) ([]Summary, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if e.Type().IsRegular() && (ext == ".yaml" || ext == ".yml") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	out := make([]Summary, 0, len(names))
	for _, name := range names {
		file := filepath.Join(dir, name)
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		s, err := Load(file, data)
		if err != nil {
			return nil, err
		}
		out = append(out, Summary{Name: s.Name, File: file, About: About(data), Teaches: s.Teaches()})
	}
	return out, nil
}

// About returns the first paragraph of the comment block at the top of a
// file: the "#" lines before anything else, up to the first empty comment
// line, joined into one line.
func About(data []byte) string {
	var words []string
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "#") {
			break
		}
		text := strings.TrimSpace(strings.TrimPrefix(line, "#"))
		if text == "" {
			if len(words) > 0 {
				break
			}
			continue
		}
		words = append(words, text)
	}
	return strings.Join(words, " ")
}
