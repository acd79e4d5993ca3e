//lint:file-ignore SA1019 v1 Endpoints is decoded on purpose

package manifest

import (
	"bytes"
	"encoding/json"
	"maps"
	"reflect"
	"sort"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	policyv1 "k8s.io/api/policy/v1"
	storagev1 "k8s.io/api/storage/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	sigsjson "sigs.k8s.io/json"
)

// Document is one object decoded from a manifest file.
type Document struct {
	// Object is a pointer to the typed object: *corev1.Pod, *corev1.Service,
	// *appsv1.Deployment, *appsv1.ReplicaSet, *corev1.Node, or whatever
	// Register's constructor returns for another kind.
	Object any
	// File is the name the caller gave to Decode.
	File string
	// Index is the 0-based number of the document in the file, counting
	// only documents that hold something. The items of a List share its
	// index.
	Index int
	// Line is the 1-based line where the document (or List item) starts.
	Line int

	src    *source // the parsed document, for FieldLine
	prefix string  // the List item's path inside src ("" for a document)
	json   []byte  // the object as written, in JSON
}

// JSON returns the object as its file wrote it, in JSON: exactly the
// fields the author set, before any decoding into Go types (so no empty
// fields that the Go types add when marshalled, and no defaults).
func (d Document) JSON() []byte { return d.json }

// FieldLine returns the file line of the field at path inside the
// document (dotted, with [i] indexes: spec.actions[2].at), or of its
// deepest ancestor the document holds; 0 when the lines are unknown. It
// lets a caller that checks an object after decoding name lines as the
// decoder's own errors do.
func (d Document) FieldLine(path string) int {
	if d.src == nil {
		return 0
	}
	return d.src.line(joinPath(d.prefix, path))
}

// kindKey names a kind within its API group version.
type kindKey struct {
	apiVersion string
	kind       string
}

// registration is what the Decoder knows about one kind.
type registration struct {
	newObject func() any
	simulated *fieldSet
}

// Decoder reads Kubernetes manifests strictly. It knows a set of kinds,
// each with the Go type it decodes into and the fields nucleus simulates.
// A Decoder holds no other state; one Decoder may decode many files.
type Decoder struct {
	kinds map[kindKey]registration
}

// NewDecoder returns a Decoder that knows v1 Pod, v1 Service, v1 Node,
// v1 ReplicationController, apps/v1 Deployment, apps/v1 ReplicaSet,
// apps/v1 StatefulSet, apps/v1
// DaemonSet, batch/v1 Job, batch/v1 CronJob, v1 ConfigMap and Secret, v1
// Endpoints, discovery.k8s.io/v1 EndpointSlice, v1
// PersistentVolumeClaim and PersistentVolume, storage.k8s.io/v1
// StorageClass and policy/v1 PodDisruptionBudget.
func NewDecoder() *Decoder {
	return &Decoder{kinds: maps.Clone(builtinKinds)}
}

// builtinKinds are the kinds every Decoder knows, with their simulated
// fields: built once, since every command and every Load makes a Decoder,
// and only read after (a fieldSet is never changed once built).
var builtinKinds = func() map[kindKey]registration {
	d := &Decoder{kinds: map[kindKey]registration{}}
	d.Register("v1", "Pod", func() any { return &corev1.Pod{} }, podPatterns())
	d.Register("v1", "Service", func() any { return &corev1.Service{} }, servicePatterns())
	d.Register("v1", "Node", func() any { return &corev1.Node{} }, nodePatterns())
	d.Register("apps/v1", "Deployment", func() any { return &appsv1.Deployment{} }, workloadPatterns())
	d.Register("apps/v1", "ReplicaSet", func() any { return &appsv1.ReplicaSet{} }, workloadPatterns())
	d.Register("v1", "ReplicationController", func() any { return &corev1.ReplicationController{} }, replicationControllerPatterns())
	d.Register("v1", "Namespace", func() any { return &corev1.Namespace{} }, namespacePatterns())
	d.Register("v1", "ConfigMap", func() any { return &corev1.ConfigMap{} }, configPatterns())
	d.Register("v1", "Secret", func() any { return &corev1.Secret{} }, configPatterns())
	d.Register("v1", "Endpoints", func() any { return &corev1.Endpoints{} }, endpointsPatterns())
	d.Register("discovery.k8s.io/v1", "EndpointSlice", func() any { return &discoveryv1.EndpointSlice{} }, endpointSlicePatterns())
	d.Register("batch/v1", "Job", func() any { return &batchv1.Job{} }, jobPatterns())
	d.Register("batch/v1", "CronJob", func() any { return &batchv1.CronJob{} }, cronJobPatterns())
	d.Register("v1", "PersistentVolumeClaim", func() any { return &corev1.PersistentVolumeClaim{} }, claimPatterns())
	d.Register("v1", "PersistentVolume", func() any { return &corev1.PersistentVolume{} }, volumePatterns())
	d.Register("storage.k8s.io/v1", "StorageClass", func() any { return &storagev1.StorageClass{} }, storageClassPatterns())
	d.Register("apps/v1", "StatefulSet", func() any { return &appsv1.StatefulSet{} }, statefulSetPatterns())
	d.Register("apps/v1", "DaemonSet", func() any { return &appsv1.DaemonSet{} }, daemonSetPatterns())
	d.Register("policy/v1", "PodDisruptionBudget", func() any { return &policyv1.PodDisruptionBudget{} }, budgetPatterns())
	d.Register("autoscaling/v2", "HorizontalPodAutoscaler", func() any { return &autoscalingv2.HorizontalPodAutoscaler{} }, hpaPatterns())
	d.Register("autoscaling/v1", "HorizontalPodAutoscaler", func() any { return &autoscalingv1.HorizontalPodAutoscaler{} }, hpaV1Patterns())
	return d.kinds
}()

// Register teaches the Decoder a kind: newObject returns a fresh pointer to
// the struct a document of that kind decodes into (its JSON tags are the
// schema), and simulated lists the field patterns nucleus simulates, such as
// "spec.replicas", "spec.containers[*].image" or "status" for a whole
// subtree; apiVersion and kind are always simulated. Setting any other field
// of the schema gives a Warning. Registering a kind again replaces it.
// Register panics on an empty name, a nil constructor, a constructor that
// does not return a non-nil pointer, or a malformed pattern: those are
// programmer errors.
func (d *Decoder) Register(apiVersion, kind string, newObject func() any, simulated []string) {
	if apiVersion == "" || kind == "" {
		panic("manifest.Decoder.Register: apiVersion and kind must not be empty")
	}
	if newObject == nil {
		panic("manifest.Decoder.Register: nil constructor for " + kind)
	}
	if v := reflect.ValueOf(newObject()); v.Kind() != reflect.Pointer || v.IsNil() {
		panic("manifest.Decoder.Register: constructor for " + kind + " must return a non-nil pointer")
	}
	patterns := append([]string{"apiVersion", "kind"}, simulated...)
	set, err := newFieldSet(patterns)
	if err != nil {
		panic("manifest.Decoder.Register: " + err.Error())
	}
	d.kinds[kindKey{apiVersion, kind}] = registration{newObject: newObject, simulated: set}
}

// Kinds returns the kinds the Decoder knows, as "apiVersion kind" strings
// in sorted order.
func (d *Decoder) Kinds() []string {
	out := make([]string, 0, len(d.kinds))
	for k := range d.kinds {
		out = append(out, k.apiVersion+" "+k.kind)
	}
	sort.Strings(out)
	return out
}

// Decode reads every object of a manifest file: YAML or JSON, one or many
// documents separated by "---" lines, block or flow style, with a v1 List
// expanded into its items. file names the input in messages. It returns
// the objects in file order and one Warning per field that is real
// Kubernetes but not simulated (document order, then path order). The
// error, if any, is an *Error naming the file, the line where known, and
// the field path; nothing is returned with it.
func (d *Decoder) Decode(file string, data []byte) ([]Document, []Warning, error) {
	var docs []Document
	var warnings []Warning
	index := 0
	for _, c := range splitDocuments(data) {
		src, err := parseChunk(file, c)
		if err != nil {
			return nil, nil, err
		}
		if src == nil {
			continue
		}
		ds, ws, err := d.decodeObject(src, "", src.json, index)
		if err != nil {
			return nil, nil, err
		}
		docs = append(docs, ds...)
		warnings = append(warnings, ws...)
		index++
	}
	if index == 0 {
		return nil, nil, &Error{File: file, Reason: "no objects found: the file is empty or holds only comments"}
	}
	return docs, warnings, nil
}

// decodeObject decodes one object (or List) whose JSON is raw and which
// sits at prefix within the document.
func (d *Decoder) decodeObject(src *source, prefix string, raw []byte, index int) ([]Document, []Warning, error) {
	generic, err := decodeGeneric(raw)
	if err != nil {
		return nil, nil, src.errorAt(prefix, "invalid JSON: "+err.Error())
	}
	m, ok := generic.(map[string]any)
	if !ok {
		return nil, nil, src.errorAt(prefix, "expected an object with apiVersion and kind")
	}
	apiVersion, kind, err := src.typeMeta(m, prefix)
	if err != nil {
		return nil, nil, err
	}
	if apiVersion == "v1" && kind == "List" {
		return d.decodeList(src, prefix, raw, index)
	}
	reg, ok := d.kinds[kindKey{apiVersion, kind}]
	if !ok {
		return nil, nil, src.errorAt(joinPath(prefix, "kind"), d.unknownKind(apiVersion, kind))
	}
	obj := reg.newObject()
	if err := strictUnmarshal(src, prefix, raw, generic, obj); err != nil {
		return nil, nil, err
	}
	var warnings []Warning
	for _, p := range reg.simulated.unsimulated(generic, prefix) {
		warnings = append(warnings, Warning{File: src.file, Line: src.line(p), Path: p, Message: notSimulated})
	}
	doc := Document{Object: obj, File: src.file, Index: index, Line: src.start, src: src, prefix: prefix, json: raw}
	if prefix != "" {
		doc.Line = src.line(prefix)
	}
	return []Document{doc}, warnings, nil
}

// typeMeta reads apiVersion and kind, which every object must name.
func (s *source) typeMeta(m map[string]any, prefix string) (string, string, error) {
	var values [2]string
	for i, name := range []string{"apiVersion", "kind"} {
		v, present := m[name]
		str, isString := v.(string)
		switch {
		case !present || v == nil || (isString && str == ""):
			line := s.line(prefix)
			return "", "", &Error{File: s.file, Line: line, Path: joinPath(prefix, name), Reason: "Required value: every Kubernetes object names its apiVersion and kind"}
		case !isString:
			return "", "", s.errorAt(joinPath(prefix, name), "expected string")
		}
		values[i] = str
	}
	return values[0], values[1], nil
}

// strictUnmarshal fills obj from raw, refusing unknown and duplicate fields
// and values of the wrong type.
func strictUnmarshal(src *source, prefix string, raw []byte, generic any, obj any) error {
	strictErrs, err := sigsjson.UnmarshalStrict(raw, obj)
	if err != nil {
		if p := locate(generic, reflect.TypeOf(obj), ""); p != nil {
			return src.errorAt(joinPath(prefix, p.path), p.reason)
		}
		return src.errorAt(prefix, strings.TrimPrefix(err.Error(), "json: "))
	}
	if len(strictErrs) == 0 {
		return nil
	}
	first := strictErrs[0]
	reason, _, _ := strings.Cut(first.Error(), " \"")
	path := ""
	if fe, ok := first.(sigsjson.FieldError); ok {
		path = fe.FieldPath()
	}
	if reason == "unknown field" && path != "" {
		reason += fieldSuggestion(reflect.TypeOf(obj), path)
	}
	return src.errorAt(joinPath(prefix, path), reason)
}

// kubeList is the shape of a v1 List: any kinds of objects under items.
type kubeList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []json.RawMessage `json:"items"`
}

// decodeList expands a v1 List into its items, each decoded as an object.
func (d *Decoder) decodeList(src *source, prefix string, raw []byte, index int) ([]Document, []Warning, error) {
	var list kubeList
	generic, _ := decodeGeneric(raw)
	if err := strictUnmarshal(src, prefix, raw, generic, &list); err != nil {
		return nil, nil, err
	}
	var docs []Document
	var warnings []Warning
	for i, item := range list.Items {
		ds, ws, err := d.decodeObject(src, indexPath(joinPath(prefix, "items"), i), item, index)
		if err != nil {
			return nil, nil, err
		}
		docs = append(docs, ds...)
		warnings = append(warnings, ws...)
	}
	return docs, warnings, nil
}

// decodeGeneric decodes JSON into maps, slices and json.Numbers.
func decodeGeneric(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// errorAt returns an *Error for the field at path, with its line.
func (s *source) errorAt(path, reason string) *Error {
	return &Error{File: s.file, Line: s.line(path), Path: path, Reason: reason}
}
