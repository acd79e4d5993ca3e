package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"sigs.k8s.io/yaml"

	"github.com/nodenucleus/nucleus/manifest"
)

// exportOptions are the flags of `nucleus export`.
type exportOptions struct {
	output string
}

// newExportCommand returns `nucleus export`: the Kubernetes objects of a
// scenario, ready for `kubectl apply -f` on a real cluster.
func newExportCommand(s streams) *cobra.Command {
	o := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export [-o FILE] FILE...",
		Short: "Write a scenario's Kubernetes objects for kubectl apply on a real cluster",
		Long: "Read the files as `nucleus run` does and write their Kubernetes objects\n" +
			"(Pods, Services, Deployments, ...) as one YAML stream, each as the file\n" +
			"wrote it: apiVersion, kind, metadata, spec, with no defaults added. The\n" +
			"Scenario document stays behind, and so does what only nucleus\n" +
			"understands; each part left out that a real cluster would miss is named\n" +
			"in a warning on standard error: scripted image behaviours (spec.images),\n" +
			"objects applied later by actions, Nodes, and status.\n" +
			"The same YAML carries from the store to kind or a cloud:\n" +
			"  nucleus export scenarios/crash-loop.yaml | kubectl apply -f -",
		Example: "  nucleus export scenarios/crash-loop.yaml\n" +
			"  nucleus export -o crash-loop-k8s.yaml scenarios/crash-loop.yaml",
		Args: requireFiles,
		RunE: func(_ *cobra.Command, files []string) error {
			return o.run(s, files)
		},
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write the objects to FILE instead of standard output")
	return cmd
}

// run carries out `nucleus export` for files. Nothing is written when the
// files do not load.
func (o *exportOptions) run(s streams, files []string) error {
	// Fields nucleus does not simulate are still real Kubernetes: they are
	// exported, so the decoder's "not simulated" warnings do not apply here.
	sc, err := loadScenario(files, s.in, io.Discard)
	if err != nil {
		return err
	}
	var warnings []string
	for i, img := range sc.Spec.Images {
		warnings = append(warnings, fmt.Sprintf("%s: spec.images[%d]: the scripted behaviour of image %s is nucleus-only and is not exported; a real cluster pulls %s from its registry",
			sc.File, i, img.Repository, img.Repository))
	}
	for i, a := range sc.Spec.Actions {
		if a.Apply != nil || a.ApplyFile != "" {
			warnings = append(warnings, fmt.Sprintf("%s: spec.actions[%d]: the objects it applies at %s are not exported; apply them by hand at that point",
				sc.File, i, a.At))
		}
		if a.Update != nil {
			warnings = append(warnings, fmt.Sprintf("%s: spec.actions[%d]: the change it makes at %s is not exported; make it by hand at that point (kubectl edit)",
				sc.File, i, a.At))
		}
	}
	out, more, err := exportObjects(sc.Objects)
	if err != nil {
		return fail(err)
	}
	warnings = append(warnings, more...)
	if len(out) == 0 {
		warnings = append(warnings, sc.File+": no Kubernetes objects to export")
	}
	for _, w := range warnings {
		fmt.Fprintf(s.errOut, "warning: %s\n", w)
	}
	if o.output != "" {
		if err := os.WriteFile(o.output, out, 0o644); err != nil {
			return fail(err)
		}
		return nil
	}
	if _, err := s.out.Write(out); err != nil {
		return fail(err)
	}
	return nil
}

// exportObjects returns docs as one YAML stream, "---" between documents,
// each headed by a comment naming where it was written, and a warning for
// each part left out. Nodes are left out (a real cluster's nodes register
// themselves) and so is status (a cluster writes its own).
func exportObjects(docs []manifest.Document) ([]byte, []string, error) {
	var b bytes.Buffer
	var warnings []string
	written := 0
	for _, d := range docs {
		var obj map[string]any
		dec := json.NewDecoder(bytes.NewReader(d.JSON()))
		dec.UseNumber()
		if err := dec.Decode(&obj); err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %w", d.File, d.Line, err)
		}
		kind, _ := obj["kind"].(string)
		name := objectName(obj)
		if kind == "Node" {
			warnings = append(warnings, fmt.Sprintf("%s:%d: Node %s is not exported: a real cluster's nodes register themselves", d.File, d.Line, name))
			continue
		}
		if _, ok := obj["status"]; ok {
			delete(obj, "status")
			warnings = append(warnings, fmt.Sprintf("%s:%d: %s %s: status is not exported: a cluster writes its own", d.File, d.Line, kind, name))
		}
		data, err := json.Marshal(obj)
		if err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %w", d.File, d.Line, err)
		}
		text, err := yaml.JSONToYAML(data)
		if err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %w", d.File, d.Line, err)
		}
		if written > 0 {
			b.WriteString("---\n")
		}
		fmt.Fprintf(&b, "# %s:%d\n", d.File, d.Line)
		b.Write(text)
		written++
	}
	return b.Bytes(), warnings, nil
}

// objectName returns metadata.name of a generic object, or "" when it has
// none.
func objectName(obj map[string]any) string {
	meta, _ := obj["metadata"].(map[string]any)
	name, _ := meta["name"].(string)
	return name
}
