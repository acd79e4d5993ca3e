package controller

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
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

// The pods a ReplicaSet's sync makes from one version of its template are
// the pods podFromTemplate makes (GetPodFromTemplate, then the API
// server's defaults), sharing one copy of the containers' resource lists,
// which the template itself does not share; a new version of the
// ReplicaSet builds its pod afresh.
// Reference: pkg/controller/controller_utils.go (GetPodFromTemplate).
func TestTemplatePodSharesResources(t *testing.T) {
	rs := &appsv1.ReplicaSet{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "shop", UID: "u-1", ResourceVersion: "5"}}
	rs.Spec.Template = template("nginx:1.27")
	rs.Spec.Template.Spec.Containers[0].Resources.Limits = corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("128Mi")}
	rs.Spec.Template.Spec.InitContainers = []corev1.Container{{Name: "setup", Image: "busybox:1.36",
		Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("10m")}}}}
	ref := func(rs *appsv1.ReplicaSet) metav1.OwnerReference {
		return controllerRefOf(&rs.ObjectMeta, "apps/v1", "ReplicaSet")
	}
	var tp templatePod
	a, b := tp.pod(rs, ref), tp.pod(rs, ref)
	want := podFromTemplate(rs, ref(rs))
	assert.Equal(t, want, a)
	assert.Equal(t, want, b)
	// Defaulting copied the limit into the requests of the pods only.
	assert.Equal(t, "128Mi", a.Spec.Containers[0].Resources.Requests.Memory().String())
	assert.NotContains(t, rs.Spec.Template.Spec.Containers[0].Resources.Requests, corev1.ResourceMemory)
	assert.Equal(t, reflect.ValueOf(a.Spec.Containers[0].Resources.Requests).UnsafePointer(),
		reflect.ValueOf(b.Spec.Containers[0].Resources.Requests).UnsafePointer(), "the pods share one requests list")
	assert.Equal(t, reflect.ValueOf(a.Spec.InitContainers[0].Resources.Requests).UnsafePointer(),
		reflect.ValueOf(b.Spec.InitContainers[0].Resources.Requests).UnsafePointer(), "the pods share one init requests list")
	assert.NotEqual(t, reflect.ValueOf(a.Spec.Containers[0].Resources.Limits).UnsafePointer(),
		reflect.ValueOf(rs.Spec.Template.Spec.Containers[0].Resources.Limits).UnsafePointer(), "the template's own list is not shared")
	a.Spec.Containers[0].Image = "changed"
	assert.Equal(t, "nginx:1.27", b.Spec.Containers[0].Image, "the rest of the spec is each pod's own")

	next := rs.DeepCopy()
	next.ResourceVersion = "6"
	next.Spec.Template.Spec.Containers[0].Resources.Limits[corev1.ResourceMemory] = resource.MustParse("256Mi")
	c := tp.pod(next, ref)
	assert.Equal(t, podFromTemplate(next, ref(next)), c)
	assert.Equal(t, "256Mi", c.Spec.Containers[0].Resources.Limits.Memory().String())
	assert.Equal(t, "128Mi", b.Spec.Containers[0].Resources.Limits.Memory().String(), "an earlier pod keeps its lists")
}
