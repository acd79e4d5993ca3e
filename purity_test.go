// Package nucleus_test holds checks that span the whole module.
package nucleus_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestSimulationCodeIsDeterministic parses every non-test source file of
// the simulation (everything but cmd/, examples/ and server/) and fails on what would
// make a run depend on anything but its seed and input: goroutines,
// select, channels' partner sync, the wall clock, sleeping, and the
// package-level functions of math/rand (a *rand.Rand made from the seed is
// fine).
func TestSimulationCodeIsDeterministic(t *testing.T) {
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			// server/ is head office's HTTP front door, the one place where
			// the wall clock enters: it paces the loop against it and
			// serves clients on their own goroutines, under one lock, and
			// changes the chain only through recorded scenario actions.
			case "cmd", "examples", "testdata", ".git", "exercises", "server":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		checked++
		for _, problem := range impurities(fset, f) {
			t.Error(problem)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 20 {
		t.Fatalf("checked only %d files; is the walk looking in the right place?", checked)
	}
}

// randConstructors are the math/rand functions that build a seeded
// generator rather than draw from the global one.
var randConstructors = map[string]bool{
	"New": true, "NewPCG": true, "NewChaCha8": true, "NewSource": true, "NewZipf": true,
}

func impurities(fset *token.FileSet, f *ast.File) []string {
	names := map[string]string{} // local import name -> import path
	var out []string
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		name := path[strings.LastIndex(path, "/")+1:]
		if path == "math/rand/v2" {
			name = "rand"
		}
		if imp.Name != nil {
			name = imp.Name.Name
		}
		names[name] = path
		if path == "sync" || path == "sync/atomic" {
			out = append(out, fset.Position(imp.Pos()).String()+": imports "+path+" (the loop runs one event at a time; no locks needed)")
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			out = append(out, fset.Position(n.Pos()).String()+": go statement")
		case *ast.SelectStmt:
			out = append(out, fset.Position(n.Pos()).String()+": select statement")
		case *ast.SelectorExpr:
			id, ok := n.X.(*ast.Ident)
			if !ok {
				return true
			}
			switch names[id.Name] {
			case "time":
				if n.Sel.Name == "Now" || n.Sel.Name == "Sleep" || n.Sel.Name == "Since" || n.Sel.Name == "After" || n.Sel.Name == "Tick" || n.Sel.Name == "NewTimer" || n.Sel.Name == "NewTicker" {
					out = append(out, fset.Position(n.Pos()).String()+": time."+n.Sel.Name+" (use the loop's virtual clock)")
				}
			case "math/rand", "math/rand/v2":
				if !randConstructors[n.Sel.Name] && ast.IsExported(n.Sel.Name) && !isType(n.Sel.Name) {
					out = append(out, fset.Position(n.Pos()).String()+": rand."+n.Sel.Name+" (draw from a seeded stream)")
				}
			}
		}
		return true
	})
	return out
}

func isType(name string) bool {
	switch name {
	case "Rand", "Source", "PCG", "ChaCha8", "Zipf":
		return true
	}
	return false
}

// TestImpuritiesAreCaught makes sure the check above can fail.
func TestImpuritiesAreCaught(t *testing.T) {
	src := `package x
import (
	"math/rand/v2"
	"time"
	"sync"
)
var mu sync.Mutex
func f(r *rand.Rand) {
	go f(r)
	select {}
	_ = time.Now()
	time.Sleep(1)
	_ = rand.IntN(3)
	_ = r.IntN(3)
	_ = rand.New(rand.NewPCG(1, 2))
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := impurities(fset, f)
	want := []string{"imports sync", "go statement", "select statement", "time.Now", "time.Sleep", "rand.IntN"}
	if len(got) != len(want) {
		t.Fatalf("impurities found %d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i, w := range want {
		if !strings.Contains(got[i], w) {
			t.Errorf("problem %d = %q, want it to mention %q", i, got[i], w)
		}
	}
}

// TestOnlyTheServerSpeaksHTTP keeps the house's rooms in order: nothing
// below head office's front door (package server) and the command line
// imports net/http or syscall/js, so the simulation never depends on a
// network or a browser.
func TestOnlyTheServerSpeaksHTTP(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "cmd", "examples", "testdata", ".git", "server":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == "net/http" || p == "syscall/js" {
				t.Errorf("%s imports %s: only package server and the command line may", fset.Position(imp.Pos()), p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
