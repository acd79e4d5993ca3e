package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"

	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/sim"
)

// The -o values `get pods` accepts, as kubectl names them. The empty value
// is the plain table.
const (
	outputTable = ""
	outputWide  = "wide"
	outputJSON  = "json"
	outputYAML  = "yaml"
)

// outputFormats returns the accepted -o values other than the table, in
// the order kubectl lists them.
func outputFormats() []string { return []string{outputJSON, outputWide, outputYAML} }

// checkOutput returns a usage error, in kubectl's words, for an -o value
// nucleus cannot print.
func checkOutput(format string) error {
	if format == outputTable || slices.Contains(outputFormats(), format) {
		return nil
	}
	return usagef("unable to match a printer suitable for the output format %q, allowed formats are: %s",
		format, strings.Join(outputFormats(), ","))
}

// printPods writes pods the way `kubectl get pods -o format` does at instant
// now. For a table with no pods it writes kubectl's "No resources found"
// line to standard error instead, naming namespace when it is not empty. A
// write error is a failure.
func printPods(s streams, pods []*corev1.Pod, now sim.Time, format, namespace string) error {
	var err error
	switch format {
	case outputJSON, outputYAML:
		err = printList(s, pods, format)
	default:
		if len(pods) == 0 {
			_, err = fmt.Fprintln(s.errOut, noResources(namespace))
			break
		}
		err = pod.PrintTable(s.out, pods, now.Wall(), format == outputWide)
	}
	if err != nil {
		return fail(err)
	}
	return nil
}

// noResources returns kubectl's message for an empty table.
func noResources(namespace string) string {
	if namespace == "" {
		return "No resources found"
	}
	return fmt.Sprintf("No resources found in %s namespace.", namespace)
}

// printList writes pods as one v1 List in JSON (indented by four spaces) or
// YAML, in the shape kubectl prints: apiVersion, items, kind and metadata,
// every object's keys in sorted order, each item with apiVersion v1 and kind
// Pod.
func printList(s streams, pods []*corev1.Pod, format string) error {
	list, err := podList(pods)
	if err != nil {
		return err
	}
	var data []byte
	if format == outputYAML {
		data, err = yaml.Marshal(list)
	} else {
		data, err = json.MarshalIndent(list, "", "    ")
		data = append(data, '\n')
	}
	if err != nil {
		return err
	}
	_, err = s.out.Write(data)
	return err
}

// podList returns the List kubectl builds for `get -o json|yaml`, as
// generic JSON values: kubectl prints unstructured objects, so keys come out
// sorted. Numbers keep their exact text.
func podList(pods []*corev1.Pod) (map[string]any, error) {
	items := make([]any, 0, len(pods))
	for _, p := range pods {
		p = p.DeepCopy()
		p.APIVersion, p.Kind = "v1", "Pod"
		raw, err := json.Marshal(p)
		if err != nil {
			return nil, err
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var item map[string]any
		if err := dec.Decode(&item); err != nil {
			return nil, err
		}
		items = append(items, item)
	}
	return map[string]any{
		"apiVersion": "v1",
		"kind":       "List",
		"items":      items,
		"metadata":   map[string]any{"resourceVersion": ""},
	}, nil
}
