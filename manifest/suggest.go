package manifest

import (
	"reflect"
	"strings"
)

// fieldSuggestion returns `; did you mean "image"?` for an unknown field
// at path (as sigs.k8s.io/json reports it: "spec.containers[0].imagee")
// within an object of type t, when one of the fields beside it is at most
// two edits away; "" otherwise.
func fieldSuggestion(t reflect.Type, path string) string {
	segments := strings.Split(path, ".")
	for _, seg := range segments[:len(segments)-1] {
		name, _, _ := strings.Cut(seg, "[")
		t = fieldType(t, name)
		if t == nil {
			return ""
		}
		for strings.Contains(seg, "[") { // one element type per index
			seg = seg[strings.Index(seg, "]")+1:]
			t = deref(t)
			if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
				return ""
			}
			t = t.Elem()
		}
	}
	last, _, _ := strings.Cut(segments[len(segments)-1], "[")
	if near := closest(last, jsonNames(deref(t))); near != "" {
		return "; did you mean \"" + near + "\"?"
	}
	return ""
}

// deref strips pointers from t.
func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// fieldType returns the type of t's field with JSON name name (through
// inline structs), or nil.
func fieldType(t reflect.Type, name string) reflect.Type {
	t = deref(t)
	if t.Kind() == reflect.Map {
		return t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case tag == name:
			return f.Type
		case tag == "" && f.Anonymous:
			if ft := fieldType(f.Type, name); ft != nil {
				return ft
			}
		}
	}
	return nil
}

// jsonNames returns the JSON names of t's fields, inline structs
// flattened; none for a type that is not a struct.
func jsonNames(t reflect.Type) []string {
	if t.Kind() != reflect.Struct {
		return nil
	}
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case tag == "-":
		case tag == "" && f.Anonymous:
			names = append(names, jsonNames(deref(f.Type))...)
		case tag != "":
			names = append(names, tag)
		}
	}
	return names
}
