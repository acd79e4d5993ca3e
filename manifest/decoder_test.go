package manifest

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
)

// pod is a valid Pod manifest used as a base by several tests.
const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: app
    image: nginx:1.25
    ports:
    - containerPort: 80
`

func TestDecodeErrors(t *testing.T) {
	// Reference: DESIGN.md "Errors" and "The object model is Kubernetes' own":
	// strict decoding as with sigs.k8s.io/json UnmarshalStrict (the API
	// server's strict field validation, kubectl --validate=strict).
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"unknown top-level field", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspecs: {}\n",
			"pod.yaml:5: specs: unknown field; did you mean \"spec\"?"},
		{"unknown spec field", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containerz: []\n",
			"pod.yaml:6: spec.containerz: unknown field; did you mean \"containers\"?"},
		{"unknown container field", pod + "    imagePolicy: Always\n",
			"pod.yaml:13: spec.containers[0].imagePolicy: unknown field"},
		{"unknown probe field, second container", pod + "  - name: side\n    image: busybox\n    livenessProbe:\n      exec:\n        command: [cat, /tmp/healthy]\n      periodSecond: 5\n",
			"pod.yaml:18: spec.containers[1].livenessProbe.periodSecond: unknown field; did you mean \"periodSeconds\"?"},
		{"unknown metadata field", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  lables: {app: a}\n",
			"pod.yaml:5: metadata.lables: unknown field; did you mean \"labels\"?"},
		{"duplicate key", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n",
			"pod.yaml:5: metadata.name: duplicate field"},
		{"duplicate key in a list item", pod + "    name: again\n",
			"pod.yaml:13: spec.containers[0].name: duplicate field"},
		{"object where array belongs", "apiVersion: v1\nkind: Pod\nspec:\n  containers: {}\n",
			"pod.yaml:4: spec.containers: expected array"},
		{"string where integer belongs", pod + "    - containerPort: eighty\n",
			"pod.yaml:13: spec.containers[0].ports[1].containerPort: expected integer"},
		{"bad quantity", pod + "    resources:\n      limits:\n        memory: 12x\n",
			"pod.yaml:15: spec.containers[0].resources.limits.memory: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"},
		{"unknown kind", "apiVersion: v1\nkind: Pood\nmetadata:\n  name: a\n",
			`pod.yaml:2: kind: unknown kind "Pood" in apiVersion "v1"; did you mean "Pod"?`},
		{"kind in the wrong group", "apiVersion: v1\nkind: Deployment\n",
			`pod.yaml:2: kind: unknown kind "Deployment" in apiVersion "v1": Deployment is in apiVersion "apps/v1"`},
		{"missing kind", "apiVersion: v1\nmetadata:\n  name: a\n",
			"pod.yaml:1: kind: Required value: every Kubernetes object names its apiVersion and kind"},
		{"missing apiVersion", "kind: Pod\nmetadata:\n  name: a\n",
			"pod.yaml:1: apiVersion: Required value: every Kubernetes object names its apiVersion and kind"},
		{"empty file", "", "pod.yaml: no objects found: the file is empty or holds only comments"},
		{"only comments and separators", "# nothing\n---\n---\n", "pod.yaml: no objects found: the file is empty or holds only comments"},
		{"not an object", "- a\n- b\n", "pod.yaml:1: expected an object with apiVersion and kind"},
		{"broken YAML", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [a\n", "pod.yaml:"},
		{"error in second document", pod + "---\napiVersion: v1\nkind: Service\nspec:\n  portz: []\n",
			"pod.yaml:17: spec.portz: unknown field; did you mean \"ports\"?"},
		{"JSON unknown field", `{"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [{"name": "a", "imagez": "b"}]}}`,
			"pod.yaml:1: spec.containers[0].imagez: unknown field; did you mean \"image\"?"},
		{"JSON duplicate key", `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x", "name": "y"}}`,
			"pod.yaml:1: metadata.name: duplicate field"},
		{"flow style wrong type", "{apiVersion: v1, kind: Pod, spec: {restartPolicy: [Always]}}",
			"pod.yaml:1: spec.restartPolicy: expected string"},
		{"error inside a List item", "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  spec:\n    portz: []\n",
			"pod.yaml:7: items[0].spec.portz: unknown field; did you mean \"ports\"?"},
		{"unknown List field", "apiVersion: v1\nkind: List\nitemz: []\n", "pod.yaml:3: itemz: unknown field; did you mean \"items\"?"},
	}
	d := NewDecoder()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, warnings, err := d.Decode("pod.yaml", []byte(tt.in))
			require.Error(t, err, "Decode(%q) returned no error", tt.in)
			assert.Nil(t, docs)
			assert.Nil(t, warnings)
			if strings.HasSuffix(tt.want, ":") {
				assert.True(t, strings.HasPrefix(err.Error(), tt.want), "Decode error = %q, want prefix %q", err, tt.want)
			} else {
				assert.Equal(t, tt.want, err.Error(), "Decode error")
			}
			assert.NotContains(t, err.Error(), "\n", "error must be one line")
			var me *Error
			assert.True(t, errors.As(err, &me), "error %T is not *manifest.Error", err)
		})
	}
}

func TestDecodeMultiDocument(t *testing.T) {
	in := "# a comment before anything\n" + pod + "---\n---   # an empty document is skipped\n" +
		"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n" +
		"  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n" +
		"    spec:\n      containers:\n      - {name: app, image: nginx}\n" +
		"---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n" +
		"---\napiVersion: v1\nkind: Node\nmetadata:\n  name: store-1\nstatus:\n  capacity: {cpu: \"4\", memory: 8Gi, pods: \"110\"}\n" +
		"---\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: web-1\n"
	docs, warnings, err := NewDecoder().Decode("app.yaml", []byte(in))
	require.NoError(t, err)
	assert.Empty(t, warnings)
	require.Len(t, docs, 5)
	wantLines := []int{2, 16, 31, 40, 47}
	for i, doc := range docs {
		assert.Equal(t, i, doc.Index, "docs[%d].Index", i)
		assert.Equal(t, wantLines[i], doc.Line, "docs[%d].Line", i)
		assert.Equal(t, "app.yaml", doc.File, "docs[%d].File", i)
	}
	p := docs[0].Object.(*corev1.Pod)
	assert.Equal(t, "web", p.Name)
	assert.Equal(t, int32(80), p.Spec.Containers[0].Ports[0].ContainerPort)
	dep := docs[1].Object.(*appsv1.Deployment)
	assert.Equal(t, int32(2), *dep.Spec.Replicas)
	assert.Equal(t, "nginx", dep.Spec.Template.Spec.Containers[0].Image)
	svc := docs[2].Object.(*corev1.Service)
	assert.Equal(t, int32(80), svc.Spec.Ports[0].Port)
	node := docs[3].Object.(*corev1.Node)
	assert.Equal(t, "8Gi", node.Status.Capacity.Memory().String())
	assert.IsType(t, &appsv1.ReplicaSet{}, docs[4].Object)
}

func TestDecodeJSONAndFlowStyle(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"JSON", "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\",\n  \"metadata\": {\"name\": \"web\"},\n  \"spec\": {\"containers\": [{\"name\": \"app\", \"image\": \"nginx\"}]}\n}\n"},
		{"JSON with tabs", "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Pod\",\n\t\"metadata\": {\"name\": \"web\"},\n\t\"spec\": {\"containers\": [{\"name\": \"app\", \"image\": \"nginx\"}]}\n}"},
		{"YAML flow style", "{apiVersion: v1, kind: Pod, metadata: {name: web}, spec: {containers: [{name: app, image: nginx}]}}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, warnings, err := NewDecoder().Decode("pod.json", []byte(tt.in))
			require.NoError(t, err)
			assert.Empty(t, warnings)
			require.Len(t, docs, 1)
			p := docs[0].Object.(*corev1.Pod)
			assert.Equal(t, "web", p.Name, "metadata.name")
			assert.Equal(t, "nginx", p.Spec.Containers[0].Image, "spec.containers[0].image")
			assert.Equal(t, "Pod", p.Kind, "kind")
		})
	}
}

func TestDecodeList(t *testing.T) {
	in := "apiVersion: v1\nkind: List\nmetadata: {}\nitems:\n" +
		"- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n    managedFields: [{manager: kubectl}]\n" +
		"- apiVersion: v1\n  kind: Service\n  metadata:\n    name: b\n"
	docs, warnings, err := NewDecoder().Decode("list.yaml", []byte(in))
	require.NoError(t, err)
	require.Len(t, docs, 2)
	assert.Equal(t, "a", docs[0].Object.(*corev1.Pod).Name)
	assert.Equal(t, "b", docs[1].Object.(*corev1.Service).Name)
	assert.Equal(t, 5, docs[0].Line, "items[0] line")
	assert.Equal(t, 10, docs[1].Line, "items[1] line")
	assert.Equal(t, 0, docs[1].Index, "List items share the List's index")
	require.Len(t, warnings, 1)
	assert.Equal(t, "list.yaml:9: items[0].metadata.managedFields: not simulated by nucleus; ignored", warnings[0].String())
}

// scenario stands for a kind of nucleus's own, registered by a caller.
type scenario struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Spec       struct {
		Duration string `json:"duration"`
		Seed     int64  `json:"seed"`
		Narrate  bool   `json:"narrate"`
	} `json:"spec"`
}

func TestRegisterKind(t *testing.T) {
	d := NewDecoder()
	d.Register("nucleus.dev/v1alpha1", "Scenario", func() any { return &scenario{} }, []string{"spec.duration", "spec.seed"})
	in := "apiVersion: nucleus.dev/v1alpha1\nkind: Scenario\nspec:\n  duration: 5m\n  seed: 7\n  narrate: true\n"
	docs, warnings, err := d.Decode("s.yaml", []byte(in))
	require.NoError(t, err)
	require.Len(t, docs, 1)
	s := docs[0].Object.(*scenario)
	assert.Equal(t, int64(7), s.Spec.Seed)
	require.Len(t, warnings, 1)
	assert.Equal(t, "s.yaml:6: spec.narrate: not simulated by nucleus; ignored", warnings[0].String())

	_, _, err = d.Decode("s.yaml", []byte(in+"  seeds: 3\n"))
	require.Error(t, err)
	assert.Equal(t, "s.yaml:7: spec.seeds: unknown field; did you mean \"seed\"?", err.Error())

	// Another Decoder is not affected: there is no global registry.
	_, _, err = NewDecoder().Decode("s.yaml", []byte(in))
	require.Error(t, err)
	assert.Equal(t, `s.yaml:2: kind: unknown kind "Scenario" in apiVersion "nucleus.dev/v1alpha1"`, err.Error())
	assert.Contains(t, d.Kinds(), "nucleus.dev/v1alpha1 Scenario")
	assert.NotContains(t, NewDecoder().Kinds(), "nucleus.dev/v1alpha1 Scenario")
}

func TestRegisterPanicsOnProgrammerErrors(t *testing.T) {
	d := NewDecoder()
	newScenario := func() any { return &scenario{} }
	tests := []struct {
		name string
		call func()
	}{
		{"empty kind", func() { d.Register("v1", "", newScenario, nil) }},
		{"nil constructor", func() { d.Register("v1", "X", nil, nil) }},
		{"non-pointer", func() { d.Register("v1", "X", func() any { return scenario{} }, nil) }},
		{"bad pattern", func() { d.Register("v1", "X", newScenario, []string{"spec..x"}) }},
	}
	for _, tt := range tests {
		assert.Panics(t, tt.call, "Register with %s did not panic", tt.name)
	}
}

// TestFieldLine checks that a decoded document names the file line of its
// fields, inside a plain document, inside a List item, and for a path the
// document does not hold (its deepest ancestor).
func TestFieldLine(t *testing.T) {
	file := `# a comment
apiVersion: v1
kind: Pod
metadata:
  name: a
spec:
  containers:
  - name: app
    image: busybox
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: b
  spec:
    containers:
    - name: app
      image: busybox
`
	docs, _, err := NewDecoder().Decode("f.yaml", []byte(file))
	require.NoError(t, err)
	require.Len(t, docs, 2)
	assert.Equal(t, 2, docs[0].FieldLine(""))
	assert.Equal(t, 9, docs[0].FieldLine("spec.containers[0].image"))
	assert.Equal(t, 7, docs[0].FieldLine("spec.containers[3].image"), "a missing item names its list")
	assert.Equal(t, 14, docs[1].FieldLine(""))
	assert.Equal(t, 17, docs[1].FieldLine("metadata.name"))
	assert.Equal(t, 21, docs[1].FieldLine("spec.containers[0].image"))
	assert.Equal(t, 0, Document{}.FieldLine("spec"), "a document not decoded from a file knows no lines")
}

// YAML can write infinity and NaN (.inf, -.Inf, .nan), JSON cannot, and
// every Kubernetes field is JSON: such a number is refused with its field
// path and line, not as "invalid YAML" at the document's first line.
func TestNonFiniteNumbersAreNamed(t *testing.T) {
	for _, v := range []string{".inf", "-.Inf", "+.INF", ".nan", ".NaN"} {
		doc := "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n    weight: " + v + "\n"
		_, _, err := NewDecoder().Decode("svc.yaml", []byte(doc))
		require.Error(t, err, v)
		assert.Equal(t, "svc.yaml:8: spec.ports[0].weight: Invalid value: infinity or NaN: must be a finite number (JSON, and so Kubernetes, has no infinity or NaN)", err.Error(), v)
	}
}

// Reference: https://kubernetes.io/docs/concepts/configuration/secret/
// (a Secret's data values are base64-encoded strings); a value that is not
// is refused with its field path.
func TestSecretDataMustBeBase64(t *testing.T) {
	_, _, err := NewDecoder().Decode("secret.yaml", []byte("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: \"s3cret!\"\n"))
	if assert.Error(t, err) {
		assert.Equal(t, "secret.yaml:6: data.password: illegal base64 data at input byte 6", err.Error())
	}
	docs, _, err := NewDecoder().Decode("secret.yaml", []byte("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: czNjcmV0\n"))
	if assert.NoError(t, err) {
		assert.Equal(t, []byte("s3cret"), docs[0].Object.(*corev1.Secret).Data["password"])
	}
}
