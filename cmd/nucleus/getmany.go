package main

import (
	"encoding/json"

	"sigs.k8s.io/yaml"

	"github.com/nodenucleus/nucleus/view"
)

// getMany carries out `nucleus get TYPE,TYPE... FILE...` as kubectl does
// for several types: one table for each type that has objects, each with
// its own header and a blank line between them, names qualified by the
// type (`pod/web`, `deployment.apps/web`) when more than one type was
// asked; kubectl's "No resources found" when none has any; one List of
// every object for -o json|yaml.
func (o *getOptions) getMany(s streams, rs []view.Type, files []string) error {
	if err := checkOutput(o.output); err != nil {
		return err
	}
	w, err := simulate(s, files, o.at, "at", o.seed.adjust)
	if err != nil {
		return err
	}
	sc := view.Scope{Namespace: o.namespace, All: o.allNamespaces}
	var shows []view.Listing
	namespaced := false
	for _, r := range rs {
		v := r.Show(w.source(), sc)
		namespaced = namespaced || v.Namespaced
		shows = append(shows, v)
	}
	if o.output == outputJSON || o.output == outputYAML {
		if err := printLists(s, shows, o.output); err != nil {
			return fail(err)
		}
		return nil
	}
	if err := view.WriteTables(s.out, s.errOut, shows, len(rs) > 1, namespaced, o.output == outputWide, sc); err != nil {
		return fail(err)
	}
	return nil
}

// printLists writes the objects of every shown as one v1 List, as
// kubectl prints several types with -o json|yaml.
func printLists(s streams, shows []view.Listing, format string) error {
	var items []any
	for _, v := range shows {
		list, err := objectList(v.Items, v.APIVersion, v.Kind)
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
