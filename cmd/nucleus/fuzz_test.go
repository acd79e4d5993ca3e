package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzArgs feeds argument lists (one argument per line) and a small manifest
// to run: whatever they are, run must not panic and must exit 0, 1 or 2. The
// argument FILE stands for a file holding the manifest, and "-" reads it from
// standard input. Every run is bounded: the command refuses more than 24h of
// virtual time, and --pace sleeps on a fake clock. Each input runs in a
// folder of its own.
func FuzzArgs(f *testing.F) {
	pod, err := os.ReadFile(busybox)
	if err != nil {
		f.Fatal(err)
	}
	for _, args := range []string{
		"run\nFILE",
		"run\n--seed\n3\n--for\n40s\n--voice\nstore\nFILE",
		"run\n--voice=kubernetes\n-",
		"get\npods\n--at\n10s\n-o\njson\nFILE",
		"get\npo\n-o\nyaml\n-",
		"get\npod\n-owide\n--at=1m\nFILE\nFILE",
		"get\n-n\nshop\npods\nFILE",
		"version",
		"help\nget",
		"run\n--for\n25h\nFILE",
		"get\npods\n--at\nabc\nFILE",
		"gte\npods",
		"get\nsvc\n-A\nFILE",
		"get\nendpointslices\n-o\nyaml\nFILE",
		"get\nno\n-owide\nFILE",
		"get\ndeploy\nFILE",
		"get\nrs\n-o\njson\nFILE",
		"get\nev\n-o\nwide\n-A\nFILE",
		"describe\npod\nbusybox\n--at\n40s\nFILE",
		"describe\nsvc\nnope\nFILE",
		"describe\nno\nstore-1\nFILE",
		"describe\ndeployment\nweb\n-n\nshop\nFILE",
		"describe\nrs",
		"logs\nbusybox\n--timestamps\nFILE",
		"logs\nbusybox\n-c\nx\n--previous\n-",
		"logs\nbusybox\n-p\n--at\n0s\nFILE",
		"events\n--for\n30s\nFILE",
		"events\n-o\njsonl\n-",
		"events\n-o\nxml\nFILE",
		"proxy\nrules\n--store\nstore-1\nFILE",
		"proxy\nrules\n--store\nstore-1\n--mode\nipvs\n--scheduler\nsh\nFILE",
		"proxy\nrules\n--store\nstore-2\n--mode\nnftables\nFILE",
		"proxy\nrules\nFILE",
		"proxy",
		"check\nFILE",
		"check\n--seed\n2\n-",
		"run\n--pace\n10x\nFILE",
		"run\n--pace\nfast\nFILE",
		"run\n--progress\n--for\n1m\nFILE",
		"timeline\nFILE",
		"timeline\n-o\n-\n--width\n60\n--for\n30s\nFILE",
		"timeline\n-o\nt.svg\nFILE",
		"timeline\n-o\nt.md\n-",
		"timeline\n-o\nt.png\nFILE",
		"diff\nFILE\nFILE",
		"diff\n--seed\n4\n--for\n20s\nFILE\n-",
		"diff\nFILE",
		"scenarios",
		"scenarios\n.",
		"",
	} {
		f.Add(args, string(pod))
	}
	f.Add("run\nFILE", "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containerz: []}\n")
	f.Add("get\npods\n-", "kind: Service\napiVersion: v1\nmetadata: {name: s}\n")
	f.Add("check\nFILE", "apiVersion: nucleus.dev/v1alpha1\nkind: Scenario\nmetadata: {name: x}\nspec: {duration: 30s, expect: [{at: 10s, pod: p, phase: Running}]}\n")
	f.Add("run\nFILE", "apiVersion: nucleus.dev/v1alpha1\nkind: Scenario\nmetadata: {name: x}\nspec: {duraton: 30s}\n")
	// The classes of hostile input of issue 19, from the catalogue: huge
	// counts, overflowing numbers, bad selectors and stores, .inf and NaN.
	// (Not the whole catalogue: each seed costs a run before fuzzing starts.)
	for _, class := range []string{"count-", "overflow-", "selector-", "store-", "scenario-customers-"} {
		bad, _ := filepath.Glob(filepath.Join(badDir, class+"*.yaml"))
		for _, file := range bad {
			if data, err := os.ReadFile(file); err == nil && len(data) <= 4096 {
				f.Add("get\npods\n--at\n1m\nFILE", string(data))
			}
		}
	}
	f.Fuzz(func(t *testing.T, argLines, manifest string) {
		if len(manifest) > 4096 || len(argLines) > 1024 {
			t.Skip("input too large")
		}
		dir := t.TempDir()
		t.Chdir(dir) // timeline -o writes here, scenarios lists here
		path := filepath.Join(dir, "manifest.yaml")
		if err := os.WriteFile(path, []byte(manifest), 0o644); err != nil {
			t.Fatal(err)
		}
		var args []string
		if argLines != "" {
			args = strings.Split(argLines, "\n")
		}
		for i, a := range args {
			if a == "FILE" {
				args[i] = path
			}
		}
		if len(args) > 0 && args[0] == "soak" {
			t.Skip("soak runs whole random days; soak_test.go tests it")
		}
		var out, errOut bytes.Buffer
		// A fake clock: --pace must not sleep for real.
		code := execute(args, streams{in: strings.NewReader(manifest), out: &out, errOut: &errOut, clock: &fakeClock{}})
		if code != exitOK && code != exitFailure && code != exitUsage {
			t.Fatalf("run(%q) = %d, want 0, 1 or 2 (70 is a bug in nucleus); stderr: %s", args, code, errOut.String())
		}
		if code != exitOK && !strings.HasPrefix(errOut.String(), "error: ") &&
			!strings.Contains(errOut.String(), "\nerror: ") {
			t.Fatalf("run(%q) = %d with stderr %q, want an error: line", args, code, errOut.String())
		}
	})
}
