package controller

import (
	"testing"

	"github.com/stretchr/testify/assert"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// The pod a ReplicaSet, DaemonSet or StatefulSet makes carries its
// template's labels, annotations and finalizers and its owner, and
// shares nothing with the template it came from.
// Reference: pkg/controller/controller_utils.go (GetPodFromTemplate).
func TestPodFromTemplateOf(t *testing.T) {
	tmpl := template("nginx:1.27")
	tmpl.Annotations = map[string]string{"note": "a"}
	tmpl.Finalizers = []string{"example.com/keep"}
	ref := controllerRefOf(&metav1.ObjectMeta{Name: "web", UID: "u-1"}, "apps/v1", "DaemonSet")
	p := podFromTemplateOf(&tmpl, "shop", ref)
	assert.Equal(t, "shop", p.Namespace)
	assert.Equal(t, tmpl.Labels, p.Labels)
	assert.Equal(t, tmpl.Annotations, p.Annotations)
	assert.Equal(t, tmpl.Finalizers, p.Finalizers)
	assert.Equal(t, []metav1.OwnerReference{ref}, p.OwnerReferences)
	assert.Equal(t, "Pod", p.Kind)

	p.Labels["extra"] = "x"
	p.Annotations["note"] = "b"
	p.Finalizers[0] = "other"
	p.Spec.Containers[0].Image = "changed"
	assert.NotContains(t, tmpl.Labels, "extra")
	assert.Equal(t, "a", tmpl.Annotations["note"])
	assert.Equal(t, "example.com/keep", tmpl.Finalizers[0])
	assert.Equal(t, "nginx:1.27", tmpl.Spec.Containers[0].Image)
}
