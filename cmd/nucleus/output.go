package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"io"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

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
	v := showPods(pods, now.Wall())
	return v.print(s, format, scope{namespace: namespace})
}

// noResources returns kubectl's message for an empty table.
func noResources(namespace string) string {
	if namespace == "" {
		return "No resources found"
	}
	return fmt.Sprintf("No resources found in %s namespace.", namespace)
}

// shown is what `get` prints for one kind of object: the objects, as
// kubectl's -o json and -o yaml print them, and their table.
type shown struct {
	// apiVersion and kind name each item of a -o json|yaml List.
	apiVersion, kind string
	// namespaced is false for cluster-scoped kinds (Nodes).
	namespaced bool
	items      []metav1.Object
	// table writes the items as kubectl's table, wide or not; all is -A,
	// and the table adds its own NAMESPACE column when ownNamespaceColumn
	// (otherwise print adds one).
	table              func(w io.Writer, wide, all bool) error
	ownNamespaceColumn bool
}

// print writes v the way `kubectl get -o format` does in scope sc: a List
// for json and yaml, else the table, with a NAMESPACE column first for -A.
// An empty table is kubectl's "No resources found" line on standard error
// instead. A write error is a failure.
func (v shown) print(s streams, format string, sc scope) error {
	var err error
	switch {
	case format == outputJSON || format == outputYAML:
		err = printList(s, v, format)
	case len(v.items) == 0:
		_, err = fmt.Fprintln(s.errOut, sc.emptyMessage(v.namespaced))
	case sc.all && v.namespaced && !v.ownNamespaceColumn:
		err = v.tableWithNamespaces(s.out, format == outputWide)
	default:
		err = v.table(s.out, format == outputWide, sc.all && v.namespaced)
	}
	if err != nil {
		return fail(err)
	}
	return nil
}

// tableWithNamespaces writes v's table with kubectl's NAMESPACE column in
// front, as `kubectl get -A` prints it.
func (v shown) tableWithNamespaces(w io.Writer, wide bool) error {
	var buf bytes.Buffer
	if err := v.table(&buf, wide, true); err != nil {
		return err
	}
	namespaces := make([]string, len(v.items))
	for i, o := range v.items {
		namespaces[i] = o.GetNamespace()
	}
	out, err := prependColumn(buf.String(), "NAMESPACE", namespaces)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, out)
	return err
}

// printList writes v's items as one v1 List in JSON (indented by four
// spaces) or YAML, in the shape kubectl prints: apiVersion, items, kind and
// metadata, every object's keys in sorted order, each item with its own
// apiVersion and kind.
func printList(s streams, v shown, format string) error {
	return printLists(s, []shown{v}, format)
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
