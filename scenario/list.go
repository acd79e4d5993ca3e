package scenario

import (
	"io/fs"
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
// in dir, and of every file in its subfolders that holds a Scenario
// document (a subfolder's plain manifests are what its scenarios are made
// of), sorted by path, a folder's own files before its subfolders'. A
// file that does not load is an error naming it; hidden folders (".git")
// are skipped.
func List(dir string) ([]Summary, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			if path != dir && strings.HasPrefix(e.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		ext := filepath.Ext(e.Name())
		if e.Type().IsRegular() && (ext == ".yaml" || ext == ".yml") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(files, func(i, j int) bool { return listOrder(files[i]) < listOrder(files[j]) })
	out := make([]Summary, 0, len(files))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		s, err := Load(file, data)
		if err != nil {
			return nil, err
		}
		if filepath.Dir(file) != filepath.Clean(dir) && !s.Declared() {
			continue
		}
		out = append(out, Summary{Name: s.Name, File: file, About: About(data), Teaches: s.Teaches()})
	}
	return out, nil
}

// listOrder is the key List sorts by: the folder, then a file's name, with
// "\x00" before the name so a folder's files come before its subfolders.
func listOrder(path string) string {
	return filepath.Dir(path) + "\x00" + filepath.Base(path)
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

// Declared reports whether the scenario comes from a Scenario document
// rather than the defaults a file without one gets.
func (s *Scenario) Declared() bool { return s.doc.Object != nil }
