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
// virtual time.
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
		"",
	} {
		f.Add(args, string(pod))
	}
	f.Add("run\nFILE", "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {containerz: []}\n")
	f.Add("get\npods\n-", "kind: Service\napiVersion: v1\nmetadata: {name: s}\n")
	f.Fuzz(func(t *testing.T, argLines, manifest string) {
		if len(manifest) > 4096 || len(argLines) > 1024 {
			t.Skip("input too large")
		}
		path := filepath.Join(t.TempDir(), "manifest.yaml")
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
		var out, errOut bytes.Buffer
		code := run(args, strings.NewReader(manifest), &out, &errOut)
		if code != exitOK && code != exitFailure && code != exitUsage {
			t.Fatalf("run(%q) = %d, want 0, 1 or 2", args, code)
		}
		if code != exitOK && !strings.HasPrefix(errOut.String(), "error: ") &&
			!strings.Contains(errOut.String(), "\nerror: ") {
			t.Fatalf("run(%q) = %d with stderr %q, want an error: line", args, code, errOut.String())
		}
	})
}
