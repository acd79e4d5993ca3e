package nucleus_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestFuzzTargetsAreInCI fails when a fuzz target exists that .ci/run does
// not run, so that no fuzz test is silently left out of CI.
func TestFuzzTargetsAreInCI(t *testing.T) {
	script, err := os.ReadFile(".ci/run")
	if err != nil {
		t.Fatal(err)
	}
	fuzzFunc := regexp.MustCompile(`(?m)^func (Fuzz\w+)\(`)
	found := 0
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range fuzzFunc.FindAllStringSubmatch(string(src), -1) {
			found++
			entry := `"./` + filepath.ToSlash(filepath.Dir(path)) + " " + m[1] + `"`
			if !strings.Contains(string(script), entry) {
				t.Errorf("%s: fuzz target %s is not run by .ci/run (add %s to fuzz_targets)", path, m[1], entry)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found == 0 {
		t.Fatal("found no fuzz targets at all")
	}
}

// TestReadmeGoProgramIsTheExample keeps the README's "Using it from Go"
// program the same as examples/from-go/main.go, whose Example test runs
// it and checks what it prints: the program a newcomer copies is one that
// builds and runs.
func TestReadmeGoProgramIsTheExample(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	program, err := os.ReadFile(filepath.Join("examples", "from-go", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(readme)
	i := strings.Index(s, "## Using it from Go")
	if i < 0 {
		t.Fatal(`README.md has no "## Using it from Go" section`)
	}
	block := regexp.MustCompile("(?s)```go\n(.*?)```").FindStringSubmatch(s[i:])
	if block == nil {
		t.Fatal(`README.md's "Using it from Go" section has no go block`)
	}
	if block[1] != string(program) {
		t.Errorf("README.md's Go program differs from examples/from-go/main.go; copy one to the other")
	}
}
