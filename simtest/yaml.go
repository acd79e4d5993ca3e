package simtest

import (
	"bytes"
	"encoding/json"
	"fmt"

	"sigs.k8s.io/yaml"

	"github.com/nodenucleus/nucleus/scenario"
)

// Marshal writes a scenario as the YAML a person runs with `nucleus run`
// or `nucleus check`: the Scenario document, then each object, separated
// by "---". Fields that are unset (null, {}) are left out.
func Marshal(s *scenario.Scenario) ([]byte, error) {
	objs := make([]any, len(s.Objects))
	for i, d := range s.Objects {
		objs[i] = d.Object
	}
	return marshal(s, objs)
}

func marshal(s *scenario.Scenario, objects []any) ([]byte, error) {
	var out bytes.Buffer
	for i, o := range append([]any{s}, objects...) {
		if i > 0 {
			out.WriteString("---\n")
		}
		b, err := cleanYAML(o)
		if err != nil {
			return nil, fmt.Errorf("simtest: Marshal: document %d: %w", i, err)
		}
		out.Write(b)
	}
	return out.Bytes(), nil
}

// Reload returns s with objects, written out and loaded again, so that
// every apply action is decoded as scenario.Load decodes it. It returns
// the problem Load finds, if any.
func Reload(s *scenario.Scenario, objects []any) (*scenario.Scenario, error) {
	data, err := marshal(s, objects)
	if err != nil {
		return nil, err
	}
	file := s.File
	if file == "" {
		file = s.Name + ".yaml"
	}
	return scenario.Load(file, data)
}

// cleanYAML returns o as YAML without its null and empty-object fields.
func cleanYAML(o any) ([]byte, error) {
	raw, err := json.Marshal(o)
	if err != nil {
		return nil, err
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	v, _ = prune(v)
	return yaml.Marshal(v)
}

// prune drops nulls and empty objects, and reports whether v is empty.
func prune(v any) (any, bool) {
	switch t := v.(type) {
	case nil:
		return nil, true
	case map[string]any:
		for k, e := range t {
			pe, empty := prune(e)
			if empty {
				delete(t, k)
				continue
			}
			t[k] = pe
		}
		return t, len(t) == 0
	case []any:
		for i, e := range t {
			t[i], _ = prune(e)
		}
	}
	return v, false
}
