package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"sigs.k8s.io/yaml"
)

// allCategory is kubectl's "all" category: the kinds `kubectl get all`
// lists, in the order discovery gives them (the core group, then apps,
// autoscaling and batch).
// Reference: the categories field of each resource in the API server's
// discovery (pkg/registry/*/storage: CategoriesProvider returns "all"),
// which kubectl expands through k8s.io/client-go/restmapper
// category_expansion.go.
var allCategory = []string{
	"pods", "replicationcontrollers", "services", "daemonsets", "deployments", "replicasets",
	"statefulsets", "horizontalpodautoscalers", "cronjobs", "jobs",
}

// resourcesNamed returns the types a `get` TYPE argument names: one or
// more kubectl names separated by commas ("pods,pvc"), each of them a
// type's plural, singular or short name, or "all". ok is false when arg
// is a single name that is not "all" (the subcommands take those);
// unknown is the first word that names no type.
func resourcesNamed(arg string) (out []resource, ok bool, unknown string) {
	if !strings.Contains(arg, ",") && arg != "all" {
		return nil, false, ""
	}
	byName := map[string]resource{}
	for _, r := range resources() {
		byName[r.name] = r
		for _, a := range r.aliases {
			byName[a] = r
		}
	}
	seen := map[string]bool{}
	add := func(r resource) {
		if !seen[r.name] {
			seen[r.name] = true
			out = append(out, r)
		}
	}
	for _, word := range strings.Split(arg, ",") {
		if word == "all" {
			for _, n := range allCategory {
				add(byName[n])
			}
			continue
		}
		r, found := byName[strings.ToLower(word)]
		if !found {
			return nil, true, word
		}
		add(r)
	}
	return out, true, ""
}

// getMany carries out `nucleus get TYPE,TYPE... FILE...` as kubectl does
// for several types: one table for each type that has objects, each with
// its own header and a blank line between them, names qualified by the
// type (`pod/web`, `deployment.apps/web`) when more than one type was
// asked; kubectl's "No resources found" when none has any; one List of
// every object for -o json|yaml.
func (o *getOptions) getMany(s streams, rs []resource, files []string) error {
	if err := checkOutput(o.output); err != nil {
		return err
	}
	w, err := simulate(s, files, o.at, "at", o.seed.adjust)
	if err != nil {
		return err
	}
	sc := scope{namespace: o.namespace, all: o.allNamespaces}
	var shows []shown
	namespaced := false
	for _, r := range rs {
		v := r.show(w, sc)
		namespaced = namespaced || v.namespaced
		if len(v.items) > 0 {
			shows = append(shows, v)
		}
	}
	if o.output == outputJSON || o.output == outputYAML {
		if err := printLists(s, shows, o.output); err != nil {
			return fail(err)
		}
		return nil
	}
	if len(shows) == 0 {
		_, err := fmt.Fprintln(s.errOut, sc.emptyMessage(namespaced))
		return err
	}
	for i, v := range shows {
		if i > 0 {
			fmt.Fprintln(s.out)
		}
		var buf bytes.Buffer
		if err := v.print(streams{out: &buf, errOut: s.errOut}, o.output, sc); err != nil {
			return err
		}
		table := buf.String()
		if len(rs) > 1 {
			if table, err = qualifyNames(table, qualifier(v)); err != nil {
				return fail(err)
			}
		}
		if _, err := fmt.Fprint(s.out, table); err != nil {
			return fail(err)
		}
	}
	return nil
}

// qualifier returns how kubectl prefixes the names of v's kind: the kind
// in lower case, with its API group when it has one ("deployment.apps/").
func qualifier(v shown) string {
	q := strings.ToLower(v.kind)
	if group, _, ok := strings.Cut(v.apiVersion, "/"); ok {
		q += "." + group
	}
	return q + "/"
}

// columnStart finds where each column of a table's header begins: a
// header word follows two or more spaces (a header may hold one space, as
// NODE SELECTOR does).
var columnStart = regexp.MustCompile(`\S+( \S+)*`)

// qualifyNames returns table with prefix before every cell of its NAME
// column, the column widened to fit.
func qualifyNames(table, prefix string) (string, error) {
	lines := strings.SplitAfter(table, "\n")
	if len(lines) == 0 {
		return table, nil
	}
	cols := columnStart.FindAllStringIndex(lines[0], -1)
	at := -1
	for i, c := range cols {
		if lines[0][c[0]:c[1]] == "NAME" {
			at = i
		}
	}
	if at < 0 || at+1 >= len(cols) {
		return "", fmt.Errorf("qualifyNames: no NAME column followed by another in %q", lines[0])
	}
	start, end := cols[at][0], cols[at+1][0]
	cells := make([]string, len(lines))
	width := 0
	for i, line := range lines {
		if len(line) < end {
			continue
		}
		cells[i] = strings.TrimRight(line[start:end], " ")
		if i > 0 {
			cells[i] = prefix + cells[i]
		}
		width = max(width, len(cells[i]))
	}
	var b strings.Builder
	for i, line := range lines {
		if len(line) < end {
			b.WriteString(line)
			continue
		}
		fmt.Fprintf(&b, "%s%-*s%s", line[:start], width+tablePadding, cells[i], line[end:])
	}
	return b.String(), nil
}

// printLists writes the objects of every shown as one v1 List, as
// kubectl prints several types with -o json|yaml.
func printLists(s streams, shows []shown, format string) error {
	var items []any
	for _, v := range shows {
		list, err := objectList(v.items, v.apiVersion, v.kind)
		if err != nil {
			return err
		}
		items = append(items, list["items"].([]any)...)
	}
	list := map[string]any{"apiVersion": "v1", "kind": "List", "items": items, "metadata": map[string]any{"resourceVersion": ""}}
	if items == nil {
		list["items"] = []any{}
	}
	var data []byte
	var err error
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
