package scenario

import (
	"bytes"
	"encoding/json"
	"fmt"

	"sigs.k8s.io/yaml"

	"github.com/nodenucleus/nucleus/manifest"
	"github.com/nodenucleus/nucleus/sim"
)

// Act does a now, in a run that Start began, as one more action of the
// scenario: a is appended to spec.actions (its At set to the current
// instant), the objects of an apply action are decoded as Load decodes
// them, and the action is done and narrated exactly as the scenario's own
// actions are. A scenario that has acted this way, written out with
// Marshal and run again, does the same thing at the same instants: it is
// how `nucleus serve --record` turns the changes a client makes into a
// scenario that replays them. It returns the decoding warnings of an apply
// action, and the action's error (a refused object, a pod that does not
// exist); an action that fails is still done (as a Warning record) and
// kept, as it would be on replay. An action that would take the run past
// its PodCeiling is refused as Load refuses it, and neither done nor kept.
func (s *Scenario) Act(r *Result, a Action) ([]manifest.Warning, error) {
	a.At = Duration(r.Cluster.Now())
	i := len(s.Spec.Actions)
	path := fmt.Sprintf("spec.actions[%d]", i)
	var docs []manifest.Document
	var before = len(s.Warnings)
	if raw, verb := a.inline(); raw != nil {
		var err error
		if docs, err = s.decodeInline(newDecoder(), path+"."+verb, *raw); err != nil {
			return nil, err
		}
	}
	warnings := append([]manifest.Warning(nil), s.Warnings[before:]...)
	s.Spec.Actions = append(s.Spec.Actions, a)
	for len(s.apply) < i {
		s.apply = append(s.apply, nil)
	}
	s.apply = append(s.apply, docs)
	if err := s.checkScale(); err != nil {
		// More pods than the run may ask for (a scale to a million, a
		// Deployment applied with a million replicas): refused before it
		// is done, as Load refuses it, and not kept, so the run and its
		// recording stay as they were.
		s.Spec.Actions, s.apply = s.Spec.Actions[:i], s.apply[:i]
		return warnings, err
	}
	failed := len(r.Errors)
	s.act(r, i)
	if len(r.Errors) > failed {
		return warnings, r.Errors[len(r.Errors)-1].(*ActionError).Err
	}
	return warnings, nil
}

// Marshal writes the scenario as a file that Load reads back: the
// Scenario document (its spec.duration set to end) and then every object
// applied at time zero, as YAML documents. Running what Marshal wrote
// does what running s does, to end.
func (s *Scenario) Marshal(end sim.Time) ([]byte, error) {
	doc := struct {
		APIVersion string      `json:"apiVersion"`
		Kind       string      `json:"kind"`
		Metadata   interface{} `json:"metadata"`
		Spec       Spec        `json:"spec"`
	}{APIVersion, Kind, s.ObjectMeta, s.Spec}
	doc.Spec.Duration = Duration(end)
	var b bytes.Buffer
	out, err := yaml.Marshal(doc)
	if err != nil {
		return nil, err
	}
	b.Write(out)
	for _, d := range s.Objects {
		js, err := json.Marshal(d.Object)
		if err != nil {
			return nil, err
		}
		out, err := yaml.JSONToYAML(js)
		if err != nil {
			return nil, err
		}
		b.WriteString("---\n")
		b.Write(out)
	}
	return b.Bytes(), nil
}
