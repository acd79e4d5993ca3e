package main

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/sim"
	"github.com/nodenucleus/nucleus/view"
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
	return printShown(s, view.ShowPods(pods, now.Wall()), format, view.Scope{Namespace: namespace})
}

// printShown writes v the way `kubectl get -o format` does in scope sc:
// a List for json and yaml, else the table (view.Listing.WriteTable). A
// write error is a failure.
func printShown(s streams, v view.Listing, format string, sc view.Scope) error {
	var err error
	if format == outputJSON || format == outputYAML {
		err = printLists(s, []view.Listing{v}, format)
	} else {
		err = v.WriteTable(s.out, s.errOut, format == outputWide, sc)
	}
	if err != nil {
		return fail(err)
	}
	return nil
}

// objectList returns the List kubectl builds for `get -o json|yaml`, as
// generic JSON values: kubectl prints unstructured objects, so keys come out
// sorted. Numbers keep their exact text. Each item gets apiVersion and kind.
func objectList(objs []metav1.Object, apiVersion, kind string) (map[string]any, error) {
	items := make([]any, 0, len(objs))
	for _, o := range objs {
		raw, err := json.Marshal(o)
		if err != nil {
			return nil, err
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var item map[string]any
		if err := dec.Decode(&item); err != nil {
			return nil, err
		}
		item["apiVersion"], item["kind"] = apiVersion, kind
		items = append(items, item)
	}
	return map[string]any{
		"apiVersion": "v1",
		"kind":       "List",
		"items":      items,
		"metadata":   map[string]any{"resourceVersion": ""},
	}, nil
}
