package scenario

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/manifest"
)

// File is one input file: its name (for messages, and to find the files
// an applyFile action names) and its text.
type File struct {
	Name string
	Data []byte
}

// defaultDuration is how long a run lasts when the files hold no Scenario.
const defaultDuration = 5 * time.Minute

// maxFileSize bounds a file an applyFile action reads.
const maxFileSize = 4 << 20

// Load reads one scenario file: Kubernetes objects and at most one
// Scenario document. See LoadFiles.
func Load(file string, data []byte) (*Scenario, error) {
	return LoadFiles(File{Name: file, Data: data})
}

// LoadFiles reads the objects of every file, with at most one Scenario
// document among them. Every document decodes strictly: an unknown field,
// a bad duration or an action without exactly one verb is an error naming
// the file, the line and the field path. Files without a Scenario get the
// defaults: seed 1, a 5m run, one store. It returns the scenario, or the
// first problem as a *manifest.Error.
func LoadFiles(files ...File) (*Scenario, error) {
	if len(files) == 0 {
		return nil, errors.New("scenario: no files")
	}
	dec := newDecoder()
	var s *Scenario
	var objects []manifest.Document
	var warnings []manifest.Warning
	for _, f := range files {
		docs, ws, err := dec.Decode(f.Name, f.Data)
		if err != nil {
			return nil, err
		}
		warnings = append(warnings, ws...)
		for _, d := range docs {
			found, ok := d.Object.(*Scenario)
			if !ok {
				objects = append(objects, d)
				continue
			}
			if s != nil {
				return nil, &manifest.Error{File: d.File, Line: d.Line, Path: "kind",
					Reason: fmt.Sprintf("Duplicate value: a run has at most one Scenario document, and %s:%d holds one", s.File, s.line(""))}
			}
			s = found
			s.File = d.File
			s.doc = d
		}
	}
	if s == nil {
		s = defaultScenario(files[0].Name)
	}
	s.Objects, s.Warnings = objects, warnings
	if err := s.validate(); err != nil {
		return nil, err
	}
	if err := s.loadApplies(dec); err != nil {
		return nil, err
	}
	if err := s.checkScale(); err != nil {
		return nil, err
	}
	return s, nil
}

// newDecoder returns manifest's Decoder, taught the Scenario kind.
func newDecoder() *manifest.Decoder {
	dec := manifest.NewDecoder()
	dec.Register(APIVersion, Kind, func() any { return &Scenario{} }, []string{"metadata", "spec"})
	return dec
}

// defaultScenario is the run of plain manifests: seed 1, 5 minutes, one
// store, named after the first file.
func defaultScenario(file string) *Scenario {
	name := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	return &Scenario{
		TypeMeta:   metav1.TypeMeta{APIVersion: APIVersion, Kind: Kind},
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec:       Spec{Duration: Duration(defaultDuration)},
	}
}

// Teaches returns the scenario's nucleus.dev/teaches annotation.
func (s *Scenario) Teaches() string { return s.Annotations[TeachesAnnotation] }

// Seed returns the run's seed: spec.seed, or 1.
func (s *Scenario) Seed() uint64 {
	if s.Spec.Seed == nil {
		return 1
	}
	return *s.Spec.Seed
}

// validate validates the Scenario document, naming the line of the first
// problem.
func (s *Scenario) validate() error {
	errs := s.Spec.Validate()
	if len(errs) == 0 {
		return nil
	}
	first := errs[0]
	return s.errorAt(first.Field, first.ErrorBody())
}

// loadApplies decodes, strictly, the objects of every apply and applyFile
// action.
func (s *Scenario) loadApplies(dec *manifest.Decoder) error {
	s.apply = make([][]manifest.Document, len(s.Spec.Actions))
	for i, a := range s.Spec.Actions {
		path := fmt.Sprintf("spec.actions[%d]", i)
		var docs []manifest.Document
		var err error
		switch {
		case a.Apply != nil:
			docs, err = s.decodeInline(dec, path+".apply", *a.Apply)
		case a.Update != nil:
			docs, err = s.decodeInline(dec, path+".update", *a.Update)
		case a.Resize != nil:
			docs, err = s.decodeInline(dec, path+".resize", *a.Resize)
		case a.ApplyFile != "":
			docs, err = s.decodeFile(dec, path+".applyFile", a.ApplyFile)
		default:
			continue
		}
		if err != nil {
			return err
		}
		s.apply[i] = docs
	}
	return nil
}

// decodeInline decodes the object written inline under path, and gives
// its problems the scenario file's lines.
func (s *Scenario) decodeInline(dec *manifest.Decoder, path string, raw []byte) ([]manifest.Document, error) {
	docs, ws, err := dec.Decode(s.File, raw)
	var me *manifest.Error
	if errors.As(err, &me) {
		p := joinPath(path, me.Path)
		return nil, s.errorAt(p, me.Reason)
	}
	if err != nil {
		return nil, err
	}
	for _, w := range ws {
		w.Path = joinPath(path, w.Path)
		w.Line = s.line(w.Path)
		s.Warnings = append(s.Warnings, w)
	}
	for i := range docs {
		if _, ok := docs[i].Object.(*Scenario); ok {
			return nil, s.errorAt(path, "a Scenario cannot be applied")
		}
		docs[i].Line = s.line(path)
	}
	return docs, nil
}

// decodeFile reads and decodes the file an applyFile action names: a path
// inside the scenario file's folder (no "..", not absolute), so that a
// scenario reads only files that travel with it.
func (s *Scenario) decodeFile(dec *manifest.Decoder, path, name string) ([]manifest.Document, error) {
	if !filepath.IsLocal(name) {
		return nil, s.errorAt(path, fmt.Sprintf("Invalid value: %q: must be a path inside the scenario file's folder", name))
	}
	full := filepath.Join(filepath.Dir(s.File), name)
	info, err := os.Stat(full)
	switch {
	case err != nil:
		return nil, s.errorAt(path, fmt.Sprintf("Not found: %q", full))
	case !info.Mode().IsRegular() || info.Size() > maxFileSize:
		return nil, s.errorAt(path, fmt.Sprintf("Invalid value: %q: must be a regular file of at most %d bytes", full, maxFileSize))
	}
	data, err := os.ReadFile(full)
	if err != nil {
		return nil, s.errorAt(path, err.Error())
	}
	docs, ws, err := dec.Decode(full, data)
	if err != nil {
		return nil, err
	}
	s.Warnings = append(s.Warnings, ws...)
	for _, d := range docs {
		if _, ok := d.Object.(*Scenario); ok {
			return nil, &manifest.Error{File: full, Line: d.Line, Path: "kind", Reason: "a Scenario cannot be applied"}
		}
	}
	return docs, nil
}

// joinPath appends a dotted path to another.
func joinPath(path, rest string) string {
	switch {
	case rest == "":
		return path
	case path == "":
		return rest
	}
	return path + "." + rest
}
