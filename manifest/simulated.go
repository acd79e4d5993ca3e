package manifest

import (
	"fmt"
	"strings"
)

// fieldSet is the set of simulated fields of one kind, as a tree of path
// segments. A node marked whole accepts everything below it; an array's
// elements live under the segment "[*]".
type fieldSet struct {
	children map[string]*fieldSet
	whole    bool
}

// newFieldSet builds a fieldSet from path patterns such as
// "spec.containers[*].image" or "status" (a whole subtree).
func newFieldSet(patterns []string) (*fieldSet, error) {
	root := &fieldSet{}
	for _, p := range patterns {
		segments, err := splitPattern(p)
		if err != nil {
			return nil, err
		}
		n := root
		for _, s := range segments {
			if n.children == nil {
				n.children = map[string]*fieldSet{}
			}
			child := n.children[s]
			if child == nil {
				child = &fieldSet{}
				n.children[s] = child
			}
			n = child
		}
		n.whole = true
	}
	return root, nil
}

// splitPattern splits "spec.containers[*].name" into
// ["spec", "containers", "[*]", "name"].
func splitPattern(p string) ([]string, error) {
	if p == "" {
		return nil, fmt.Errorf("empty field pattern")
	}
	var segments []string
	for _, part := range strings.Split(p, ".") {
		name, arrays := part, 0
		for strings.HasSuffix(name, "[*]") {
			name = strings.TrimSuffix(name, "[*]")
			arrays++
		}
		if name == "" || strings.ContainsAny(name, "[]*") {
			return nil, fmt.Errorf("bad field pattern %q: segment %q", p, part)
		}
		segments = append(segments, name)
		for range arrays {
			segments = append(segments, "[*]")
		}
	}
	return segments, nil
}

// unsimulated returns, in path order, the paths of the fields set in v (a
// generic JSON value) that the set does not hold. A field that is null or
// an object or array holding only empty values counts as not set. Each field is named once: the
// walk does not descend into a field it has reported.
func (s *fieldSet) unsimulated(v any, path string) []string {
	var out []string
	s.walk(v, path, &out)
	return out
}

func (s *fieldSet) walk(v any, path string, out *[]string) {
	if s.whole || isEmpty(v) {
		return
	}
	switch x := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(x) {
			p := joinPath(path, k)
			child := s.children[k]
			if child == nil {
				if !isEmpty(x[k]) {
					*out = append(*out, p)
				}
				continue
			}
			child.walk(x[k], p, out)
		}
	case []any:
		child := s.children["[*]"]
		if child == nil {
			*out = append(*out, path)
			return
		}
		for i, item := range x {
			child.walk(item, indexPath(path, i), out)
		}
	}
}

// isEmpty reports whether a generic JSON value holds nothing: null, or an
// object or array whose values are all empty, such as {} or
// {loadBalancer: {}}.
func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case map[string]any:
		for _, e := range x {
			if !isEmpty(e) {
				return false
			}
		}
		return true
	case []any:
		for _, e := range x {
			if !isEmpty(e) {
				return false
			}
		}
		return true
	}
	return false
}
