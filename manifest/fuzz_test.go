package manifest

import (
	"strings"
	"testing"
)

// FuzzDecode feeds the decoder real manifests and broken ones. Whatever the
// input, Decode must not panic, and every error must be one line that
// starts with the file name.
//
//	go test ./manifest -run=^$ -fuzz=FuzzDecode -fuzztime=5s
func FuzzDecode(f *testing.F) {
	seeds := []string{
		pod,
		pod + "---\n" + pod,
		"apiVersion: v1\nkind: List\nitems:\n- " + strings.ReplaceAll(strings.TrimSuffix(pod, "\n"), "\n", "\n  ") + "\n",
		`{"apiVersion": "v1", "kind": "Service", "spec": {"ports": [{"port": 80}]}}`,
		"{apiVersion: apps/v1, kind: Deployment, spec: {replicas: 3, template: {spec: {containers: [{name: a, image: b}]}}}}",
		"apiVersion: v1\nkind: Node\nmetadata: {name: store-1}\nstatus: {capacity: {cpu: '4'}}\n",
		"apiVersion: v1\nkind: Pod\nspec:\n  containers: {}\n",
		"apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n",
		"apiVersion: v1\nkind: Pood\n",
		"base: &b {name: a}\nother: *b\n<<: *b\n",
		"apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a\n",
		"\xef\xbb\xbf---\n--- # c\n...\n",
		"- 1\n- 2\n",
		"{\"apiVersion\": 1}",
		"apiVersion: v1\nkind: List\nitems: [null, 3, {kind: List, apiVersion: v1, items: []}]\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	d := NewDecoder()
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, warnings, err := d.Decode("fuzz.yaml", data)
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, "fuzz.yaml:") {
				t.Fatalf("Decode error %q does not start with the file name", msg)
			}
			if strings.Contains(msg, "\n") {
				t.Fatalf("Decode error %q is not one line", msg)
			}
			if docs != nil || warnings != nil {
				t.Fatalf("Decode returned objects with an error")
			}
			return
		}
		for _, doc := range docs {
			if doc.Object == nil || doc.File != "fuzz.yaml" {
				t.Fatalf("Decode returned a document without object or file: %+v", doc)
			}
		}
		for _, w := range warnings {
			if !strings.HasPrefix(w.String(), "fuzz.yaml:") {
				t.Fatalf("warning %q does not start with the file name", w)
			}
		}
	})
}
