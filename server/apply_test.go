package server_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	appsv1ac "k8s.io/client-go/applyconfigurations/apps/v1"
	corev1ac "k8s.io/client-go/applyconfigurations/core/v1"
	metav1ac "k8s.io/client-go/applyconfigurations/meta/v1"
)

// TestClientGoApply: a controller written with client-go's typed apply
// configurations creates a Deployment by server-side apply, changes it,
// and is refused with a Conflict when it applies a field another manager
// owns with another value, until it forces it; a ConfigMap applied with
// the page's example is owned field by field.
// Reference: https://kubernetes.io/docs/reference/using-api/server-side-apply/
// (Using Server-Side Apply in a controller; the ConfigMap example) and
// staging/src/k8s.io/client-go/applyconfigurations (Apply).
func TestClientGoApply(t *testing.T) {
	s := serve(t, oneStore, 100)
	ctx := context.Background()
	deps := s.client.AppsV1().Deployments("default")
	web := func(replicas int32, image string) *appsv1ac.DeploymentApplyConfiguration {
		return appsv1ac.Deployment("web", "default").WithSpec(appsv1ac.DeploymentSpec().
			WithReplicas(replicas).
			WithSelector(metav1ac.LabelSelector().WithMatchLabels(map[string]string{"app": "web"})).
			WithTemplate(corev1ac.PodTemplateSpec().WithLabels(map[string]string{"app": "web"}).
				WithSpec(corev1ac.PodSpec().WithContainers(corev1ac.Container().WithName("nginx").WithImage(image)))))
	}
	d, err := deps.Apply(ctx, web(2, "nginx:1.27"), metav1.ApplyOptions{FieldManager: "web-operator"})
	require.NoError(t, err)
	assert.EqualValues(t, 2, *d.Spec.Replicas)
	require.Len(t, d.ManagedFields, 1)
	assert.Equal(t, "web-operator", d.ManagedFields[0].Manager)
	assert.Equal(t, metav1.ManagedFieldsOperationApply, d.ManagedFields[0].Operation)
	assert.Equal(t, d.CreationTimestamp.Time, d.ManagedFields[0].Time.Time, "an entry's time is the instant of the write, on the virtual clock")

	d, err = deps.Apply(ctx, web(2, "nginx:1.28"), metav1.ApplyOptions{FieldManager: "web-operator"})
	require.NoError(t, err)
	assert.Equal(t, "nginx:1.28", d.Spec.Template.Spec.Containers[0].Image)

	_, err = deps.Apply(ctx, appsv1ac.Deployment("web", "default").WithSpec(appsv1ac.DeploymentSpec().WithReplicas(4)),
		metav1.ApplyOptions{FieldManager: "autoscaler"})
	require.True(t, apierrors.IsConflict(err), "%v", err)
	assert.Equal(t, `Apply failed with 1 conflict: conflict with "web-operator": .spec.replicas`, err.Error())
	d, err = deps.Apply(ctx, appsv1ac.Deployment("web", "default").WithSpec(appsv1ac.DeploymentSpec().WithReplicas(4)),
		metav1.ApplyOptions{FieldManager: "autoscaler", Force: true})
	require.NoError(t, err)
	assert.EqualValues(t, 4, *d.Spec.Replicas)
	assert.Equal(t, "nginx:1.28", d.Spec.Template.Spec.Containers[0].Image, "an apply of one field leaves the others")

	// The page's ConfigMap: the applier owns its label and its key.
	cms := s.client.CoreV1().ConfigMaps("default")
	cm, err := cms.Apply(ctx, corev1ac.ConfigMap("test-cm", "default").WithLabels(map[string]string{"test-label": "test"}).
		WithData(map[string]string{"key": "some value"}), metav1.ApplyOptions{FieldManager: "kubectl"})
	require.NoError(t, err)
	require.Len(t, cm.ManagedFields, 1)
	assert.JSONEq(t, `{"f:data":{"f:key":{}},"f:metadata":{"f:labels":{"f:test-label":{}}}}`, cm.ManagedFields[0].FieldsV1.GetRawString())
	// An update by another manager takes the field it changes, and
	// succeeds although the field was applied: updates never conflict.
	cm.Data["key"] = "new value"
	cm, err = cms.Update(ctx, cm, metav1.UpdateOptions{FieldManager: "kube-controller-manager"})
	require.NoError(t, err)
	require.Len(t, cm.ManagedFields, 2)
	assert.Equal(t, "kube-controller-manager", cm.ManagedFields[1].Manager)
	assert.JSONEq(t, `{"f:data":{"f:key":{}}}`, cm.ManagedFields[1].FieldsV1.GetRawString())
}

// TestApplyNeedsFieldManager: an apply patch without fieldManager is
// refused as the API server refuses it (422, PatchOptions invalid), a
// new object applied is created (201), and an apply of an unknown field
// is refused.
// Reference: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go
// (ValidatePatchOptions) and staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go
// (applyPatcher.createNewObject; 201 when created).
func TestApplyNeedsFieldManager(t *testing.T) {
	s := serve(t, oneStore, 100)
	send := func(query, body string) (int, string) {
		req, err := http.NewRequest(http.MethodPatch, s.addr+"/api/v1/namespaces/default/configmaps/c"+query, strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/apply-patch+yaml")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(data)
	}
	cm := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n"
	code, body := send("", cm)
	assert.Equal(t, http.StatusUnprocessableEntity, code)
	assert.Contains(t, body, `PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch`)

	code, body = send("?fieldManager=me", cm)
	assert.Equal(t, http.StatusCreated, code, body)
	code, body = send("?fieldManager=me", cm)
	assert.Equal(t, http.StatusOK, code, body)

	code, body = send("?fieldManager=me", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndatta:\n  a: b\n")
	assert.GreaterOrEqual(t, code, 400, body)
	assert.Contains(t, body, "datta")

	code, body = send("?fieldManager=me", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n")
	assert.Equal(t, http.StatusBadRequest, code)
	assert.Contains(t, body, "the name of the object (other) does not match the name on the URL (c)")
}

// TestApplyFieldValidation: the fieldValidation parameter holds for an
// apply patch as for a create. A key given twice in the apply body is
// refused with Strict (400, the YAML decoder's lines), is a Warning
// header per line with Warn (and when the parameter is absent, as the
// API server's default is Warn), and passes silently with Ignore. The
// strict check comes after the merge, so an error of the merge itself
// (an unknown field) is what is answered whatever the level.
// Reference: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go
// (applyPatcher.applyPatchToCurrentObject: yaml.UnmarshalStrict, "error
// strict decoding YAML"; addStrictDecodingWarnings, parseYAMLWarnings) and
// test/integration/apiserver/field_validation_test.go
// (testFieldValidationApplyCreate).
func TestApplyFieldValidation(t *testing.T) {
	s := serve(t, oneStore, 100)
	url := s.addr + "/api/v1/namespaces/default/configmaps/dup?fieldManager=me"
	dup := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dup\ndata:\n  a: one\n  a: two\n"
	const apply = "application/apply-patch+yaml"

	resp, body := send(t, http.MethodPatch, url+"&fieldValidation=Strict", apply, []byte(dup))
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode, string(body))
	st := status(t, body)
	assert.Equal(t, metav1.StatusReasonBadRequest, st.Reason)
	assert.Equal(t, "error strict decoding YAML: error converting YAML to JSON: yaml: unmarshal errors:\n  line 7: key \"a\" already set in map", st.Message)
	resp, _ = send(t, http.MethodGet, s.addr+"/api/v1/namespaces/default/configmaps/dup", "", nil)
	assert.Equal(t, http.StatusNotFound, resp.StatusCode, "a refused apply creates nothing")

	resp, body = send(t, http.MethodPatch, url+"&fieldValidation=Warn", apply, []byte(dup))
	assert.Equal(t, http.StatusCreated, resp.StatusCode, string(body))
	assert.Equal(t, []string{`299 - "line 7: key \"a\" already set in map"`}, resp.Header.Values("Warning"))
	assert.Contains(t, string(body), `"a":"two"`, "the last of the keys given twice wins")

	resp, body = send(t, http.MethodPatch, url, apply, []byte(dup))
	assert.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	assert.Equal(t, []string{`299 - "line 7: key \"a\" already set in map"`}, resp.Header.Values("Warning"), "no fieldValidation is Warn")

	resp, body = send(t, http.MethodPatch, url+"&fieldValidation=Ignore", apply, []byte(dup))
	assert.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	assert.Empty(t, resp.Header.Values("Warning"))

	resp, body = send(t, http.MethodPatch, url+"&fieldValidation=Loud", apply, []byte(dup))
	assert.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode, string(body))
	assert.Contains(t, string(body), "fieldValidation")

	unknown := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dup\ndatta:\n  a: b\n"
	for _, v := range []string{"Strict", "Warn", "Ignore"} {
		resp, body = send(t, http.MethodPatch, url+"&fieldValidation="+v, apply, []byte(unknown))
		assert.GreaterOrEqual(t, resp.StatusCode, 400, "%s: %s", v, body)
		assert.Contains(t, string(body), "datta", v)
	}
}
