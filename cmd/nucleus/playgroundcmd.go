package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nodenucleus/nucleus/playground"
)

// wasmPackage is the simulation for the page, built for js/wasm.
const wasmPackage = "github.com/nodenucleus/nucleus/cmd/nucleus-wasm"

// playgroundOptions are the flags of `nucleus playground`.
type playgroundOptions struct {
	output string
	wasm   string
	goTool string
}

// newPlaygroundCommand returns `nucleus playground`: write the browser
// playground as a static site.
func newPlaygroundCommand(s streams) *cobra.Command {
	o := &playgroundOptions{}
	cmd := &cobra.Command{
		Use:   "playground -o DIR [--wasm FILE] [--go PATH]",
		Short: "Write the browser playground, a static site that runs nucleus in WebAssembly",
		Long: "Write the browser playground to DIR: index.html, app.js, style.css, sw.js,\n" +
			"nucleus.wasm and Go's wasm_exec.js. nucleus.wasm is built with\n" +
			"`GOOS=js GOARCH=wasm go build -trimpath -ldflags=\"-s -w\" " + wasmPackage + "`,\n" +
			"so run this in a checkout of the repository with Go installed (--go names\n" +
			"the go command), or give a prebuilt nucleus.wasm with --wasm. wasm_exec.js\n" +
			"is copied from that Go's GOROOT. Serve DIR from any static host; it makes\n" +
			"no request outside itself.",
		Example: "  nucleus playground -o site && python3 -m http.server -d site 8000",
		Args:    cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			return o.run(s)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "", "the folder to write the site to (required; made if missing)")
	f.StringVar(&o.wasm, "wasm", "", "a prebuilt nucleus.wasm to copy instead of building one")
	f.StringVar(&o.goTool, "go", "go", "the go command that builds nucleus.wasm and whose GOROOT holds wasm_exec.js")
	return cmd
}

// run carries out `nucleus playground`.
func (o *playgroundOptions) run(s streams) error {
	if o.output == "" {
		return usagef("-o DIR is required: the folder to write the playground to")
	}
	if err := os.MkdirAll(o.output, 0o755); err != nil {
		return fail(err)
	}
	err := fs.WalkDir(playground.Site(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(playground.Site(), path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(o.output, path), data, 0o644)
	})
	if err != nil {
		return fail(fmt.Errorf("writing the page: %w", err))
	}
	if err := o.wasmExec(); err != nil {
		return fail(err)
	}
	target := filepath.Join(o.output, "nucleus.wasm")
	if o.wasm != "" {
		data, err := os.ReadFile(o.wasm)
		if err != nil {
			return fail(fmt.Errorf("--wasm: %w", err))
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			return fail(err)
		}
	} else if err := o.buildWasm(target); err != nil {
		return fail(err)
	}
	fmt.Fprintf(s.errOut, "Wrote the playground to %s; serve it from any static host, e.g. python3 -m http.server -d %s 8000\n", o.output, o.output)
	return nil
}

// buildWasm builds the simulation for the page into target.
func (o *playgroundOptions) buildWasm(target string) error {
	abs, err := filepath.Abs(target)
	if err != nil {
		return err
	}
	cmd := exec.Command(o.goTool, "build", "-trimpath", "-ldflags=-s -w", "-o", abs, wasmPackage)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("building nucleus.wasm (GOOS=js GOARCH=wasm %s build %s; run it in a checkout of the repository): %v\n%s",
			o.goTool, wasmPackage, err, strings.TrimSpace(out.String()))
	}
	return nil
}

// wasmExec copies Go's wasm_exec.js, which loads nucleus.wasm, from the
// GOROOT of the go command: lib/wasm since Go 1.24, misc/wasm before.
func (o *playgroundOptions) wasmExec() error {
	root, err := exec.Command(o.goTool, "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("asking %s for its GOROOT, where wasm_exec.js is: %v", o.goTool, err)
	}
	goroot := strings.TrimSpace(string(root))
	for _, dir := range []string{"lib/wasm", "misc/wasm"} {
		data, err := os.ReadFile(filepath.Join(goroot, dir, "wasm_exec.js"))
		if err == nil {
			return os.WriteFile(filepath.Join(o.output, "wasm_exec.js"), data, 0o644)
		}
	}
	return fmt.Errorf("no wasm_exec.js in %s/lib/wasm or %s/misc/wasm", goroot, goroot)
}
