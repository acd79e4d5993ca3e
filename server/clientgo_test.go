package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/tools/cache"

	"github.com/nodenucleus/nucleus/pod"
)

func busybox(name string, labels map[string]string, command ...string) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{
			Name: "app", Image: "busybox", Command: command,
		}}},
	}
}

func TestClientGoCreateGetList(t *testing.T) {
	s := serve(t, oneStore, 100)
	ctx := context.Background()
	pods := s.client.CoreV1().Pods("default")
	for i, name := range []string{"a", "b", "c"} {
		_, err := pods.Create(ctx, busybox(name, map[string]string{"n": fmt.Sprint(i)}, "sleep", "3600"), metav1.CreateOptions{})
		require.NoError(t, err)
	}
	got, err := pods.Get(ctx, "b", metav1.GetOptions{})
	require.NoError(t, err)
	// The ledger defaulted and prepared the pod as for a manifest.
	// Reference: pkg/registry/core/pod/strategy.go PrepareForCreate.
	assert.Equal(t, corev1.RestartPolicyAlways, got.Spec.RestartPolicy, "restartPolicy defaulted")
	assert.NotEmpty(t, got.UID)

	list, err := pods.List(ctx, metav1.ListOptions{LabelSelector: "n in (0,2)"})
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "c"}, names(list.Items))

	list, err = pods.List(ctx, metav1.ListOptions{FieldSelector: "metadata.name=b"})
	require.NoError(t, err)
	assert.Equal(t, []string{"b"}, names(list.Items))

	// Pages of two, then the rest.
	page, err := pods.List(ctx, metav1.ListOptions{Limit: 2})
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b"}, names(page.Items))
	require.NotEmpty(t, page.Continue)
	require.NotNil(t, page.RemainingItemCount)
	assert.EqualValues(t, 1, *page.RemainingItemCount)
	page, err = pods.List(ctx, metav1.ListOptions{Limit: 2, Continue: page.Continue})
	require.NoError(t, err)
	assert.Equal(t, []string{"c"}, names(page.Items))
	assert.Empty(t, page.Continue)

	_, err = pods.List(ctx, metav1.ListOptions{FieldSelector: "spec.color=red"})
	assert.True(t, apierrors.IsBadRequest(err), "unknown field selector: %v", err)
}

func names(pods []corev1.Pod) []string {
	var out []string
	for _, p := range pods {
		out = append(out, p.Name)
	}
	return out
}

func TestClientGoErrorsHaveKubernetesShape(t *testing.T) {
	s := serve(t, oneStore, 100)
	ctx := context.Background()
	pods := s.client.CoreV1().Pods("default")
	_, err := pods.Get(ctx, "nope", metav1.GetOptions{})
	assert.True(t, apierrors.IsNotFound(err), "get missing: %v", err)
	assert.EqualError(t, err, `pods "nope" not found`)

	_, err = pods.Create(ctx, busybox("a", nil, "sleep", "10"), metav1.CreateOptions{})
	require.NoError(t, err)
	_, err = pods.Create(ctx, busybox("a", nil, "sleep", "10"), metav1.CreateOptions{})
	assert.True(t, apierrors.IsAlreadyExists(err), "create twice: %v", err)
	assert.EqualError(t, err, `pods "a" already exists`)

	// Reference: pkg/apis/core/validation ValidatePodSpec (image required).
	bad := busybox("bad", nil)
	bad.Spec.Containers[0].Image = ""
	_, err = pods.Create(ctx, bad, metav1.CreateOptions{})
	require.True(t, apierrors.IsInvalid(err), "no image: %v", err)
	status := err.(apierrors.APIStatus).Status()
	require.NotNil(t, status.Details)
	require.NotEmpty(t, status.Details.Causes)
	assert.Equal(t, "spec.containers[0].image", status.Details.Causes[0].Field)

	// A stale update is refused with Conflict (optimistic concurrency).
	d := deployment("web", 1)
	created, err := s.client.AppsV1().Deployments("default").Create(ctx, d, metav1.CreateOptions{})
	require.NoError(t, err)
	_, err = s.client.AppsV1().Deployments("default").UpdateScale(ctx, "web", scaleTo(created, 2), metav1.UpdateOptions{})
	require.NoError(t, err)
	created.Spec.Replicas = ptr(int32(3))
	_, err = s.client.AppsV1().Deployments("default").Update(ctx, created, metav1.UpdateOptions{})
	assert.True(t, apierrors.IsConflict(err), "stale update: %v", err)

	// A node takes new labels; a patch of what is not there is NotFound.
	n, err := s.client.CoreV1().Nodes().Patch(ctx, "store-1", types.MergePatchType, []byte(`{"metadata":{"labels":{"x":"y"}}}`), metav1.PatchOptions{})
	require.NoError(t, err, "label a node")
	assert.Equal(t, "y", n.Labels["x"])
	_, err = s.client.CoreV1().Services("default").Patch(ctx, "x", types.MergePatchType, []byte(`{}`), metav1.PatchOptions{})
	assert.True(t, apierrors.IsNotFound(err), "patch a missing service: %v", err)

	// A cordon is taken: the store closes to new pods.
	// Reference: staging/src/k8s.io/kubectl/pkg/drain/cordon.go PatchOrReplace.
	n, err = s.client.CoreV1().Nodes().Patch(ctx, "store-1", types.StrategicMergePatchType, []byte(`{"spec":{"unschedulable":true}}`), metav1.PatchOptions{})
	require.NoError(t, err)
	assert.True(t, n.Spec.Unschedulable, "cordoned")
}

func ptr[T any](v T) *T { return &v }

func deployment(name string, replicas int32) *appsv1.Deployment {
	labels := map[string]string{"app": name}
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: appsv1.DeploymentSpec{
			Replicas: ptr(replicas),
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx", Image: "nginx:1.27"}}},
			},
		},
	}
}

func TestClientGoScaleAndPatch(t *testing.T) {
	s := serve(t, oneStore, 100)
	ctx := context.Background()
	deps := s.client.AppsV1().Deployments("default")
	_, err := deps.Create(ctx, deployment("web", 1), metav1.CreateOptions{})
	require.NoError(t, err)
	_, err = deps.Patch(ctx, "web", types.StrategicMergePatchType,
		[]byte(`{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}`), metav1.PatchOptions{})
	require.NoError(t, err)
	_, err = deps.Patch(ctx, "web", types.JSONPatchType, []byte(`[{"op":"replace","path":"/spec/replicas","value":3}]`), metav1.PatchOptions{})
	require.NoError(t, err)
	eventually(t, "3 ready replicas of nginx:1.28", func() bool {
		d, err := deps.Get(ctx, "web", metav1.GetOptions{})
		return err == nil && d.Status.ReadyReplicas == 3 && d.Status.UpdatedReplicas == 3 && d.Status.Replicas == 3 &&
			d.Spec.Template.Spec.Containers[0].Image == "nginx:1.28"
	})
	sc, err := deps.GetScale(ctx, "web", metav1.GetOptions{})
	require.NoError(t, err)
	assert.EqualValues(t, 3, sc.Spec.Replicas)
	assert.Equal(t, "app=web", sc.Status.Selector)
	_, err = deps.Patch(ctx, "web", types.MergePatchType, []byte(`{"spec":{"replicas":1}}`), metav1.PatchOptions{}, "scale")
	require.NoError(t, err)
	d, err := deps.Get(ctx, "web", metav1.GetOptions{})
	require.NoError(t, err)
	assert.EqualValues(t, 1, *d.Spec.Replicas)
}

// TestScalePastTheCeilingIsInvalid: kubectl scale --replicas=2000000000
// (through the scale subresource) and a patch of spec.replicas to 50,000
// are refused as 422 Invalid naming spec.replicas, as a run refuses a
// scenario that asks for more pods than nucleus simulates; they used to
// be taken, and the server spent minutes and gigabytes making pods.
func TestScalePastTheCeilingIsInvalid(t *testing.T) {
	s := serve(t, oneStore, 100)
	ctx := context.Background()
	deps := s.client.AppsV1().Deployments("default")
	d, err := deps.Create(ctx, deployment("web", 1), metav1.CreateOptions{})
	require.NoError(t, err)
	_, err = deps.UpdateScale(ctx, "web", scaleTo(d, 2_000_000_000), metav1.UpdateOptions{})
	require.Error(t, err, "a scale to two billion replicas")
	assert.True(t, apierrors.IsInvalid(err), "a scale past the ceiling: %v", err)
	assert.Contains(t, err.Error(), `"web" is invalid: spec.replicas: Invalid value: 2000000000: the run asks for 2000000000 pods in all`)
	_, err = deps.Patch(ctx, "web", types.MergePatchType, []byte(`{"spec":{"replicas":50000}}`), metav1.PatchOptions{})
	require.Error(t, err, "a patch to 50,000 replicas")
	assert.Contains(t, err.Error(), `spec.replicas: Invalid value: 50000: the run asks for 50000 pods in all`)
	got, err := deps.Get(ctx, "web", metav1.GetOptions{})
	require.NoError(t, err)
	assert.EqualValues(t, 1, *got.Spec.Replicas, "replicas after the refused changes")
}

func scaleTo(d *appsv1.Deployment, n int32) *autoscalingv1.Scale {
	return &autoscalingv1.Scale{ObjectMeta: metav1.ObjectMeta{Name: d.Name, Namespace: d.Namespace}, Spec: autoscalingv1.ScaleSpec{Replicas: n}}
}

// TestInformerSeesChangesInOrder runs a client-go shared informer against
// the server: it lists, watches, and hears of a pod's creation, its
// status changes and its deletion in that order.
func TestInformerSeesChangesInOrder(t *testing.T) {
	s := serve(t, oneStore, 50)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	factory := informers.NewSharedInformerFactory(s.client, 0)
	inf := factory.Core().V1().Pods().Informer()
	var mu sync.Mutex
	var seen []string
	_, err := inf.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: func(o any) { mu.Lock(); seen = append(seen, "ADDED "+o.(*corev1.Pod).Name); mu.Unlock() },
		UpdateFunc: func(_, o any) {
			mu.Lock()
			seen = append(seen, "MODIFIED "+o.(*corev1.Pod).Name+" "+string(o.(*corev1.Pod).Status.Phase))
			mu.Unlock()
		},
		DeleteFunc: func(o any) { mu.Lock(); seen = append(seen, "DELETED "+o.(*corev1.Pod).Name); mu.Unlock() },
	})
	require.NoError(t, err)
	factory.Start(ctx.Done())
	require.True(t, cache.WaitForCacheSync(ctx.Done(), inf.HasSynced))
	pods := s.client.CoreV1().Pods("default")
	_, err = pods.Create(ctx, busybox("w", nil, "sleep", "3600"), metav1.CreateOptions{})
	require.NoError(t, err)
	eventually(t, "pod w running in the informer", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(seen) > 0 && seen[len(seen)-1] == "MODIFIED w Running"
	})
	require.NoError(t, pods.Delete(ctx, "w", metav1.DeleteOptions{GracePeriodSeconds: ptr(int64(1))}))
	eventually(t, "pod w deleted in the informer", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return seen[len(seen)-1] == "DELETED w"
	})
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, "ADDED w", seen[0], "first event")
	for _, ev := range seen[1 : len(seen)-1] {
		assert.True(t, strings.HasPrefix(ev, "MODIFIED w"), "between ADDED and DELETED: %q", ev)
	}
}

func get(t *testing.T, url string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, body
}

// TestTableHasNucleusColumns checks server-side printing: the columns and
// cells are the ones `nucleus get pods` prints, the wide ones at priority
// 1.
// Reference: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go
// Table; pkg/printers/internalversion/printers.go podColumnDefinitions.
func TestTableHasNucleusColumns(t *testing.T) {
	s := serve(t, oneStore, 100)
	ctx := context.Background()
	_, err := s.client.CoreV1().Pods("default").Create(ctx, busybox("a", nil, "sleep", "3600"), metav1.CreateOptions{})
	require.NoError(t, err)
	resp, body := get(t, s.addr+"/api/v1/namespaces/default/pods", "Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	assert.Contains(t, resp.Header.Get("Content-Type"), "as=Table")
	var table metav1.Table
	require.NoError(t, json.Unmarshal(body, &table))
	var header []string
	for i, c := range table.ColumnDefinitions {
		header = append(header, c.Name)
		assert.Equal(t, int32(boolInt(i >= 5)), c.Priority, "priority of %s", c.Name)
	}
	assert.Equal(t, pod.TableHeader, header)
	require.Len(t, table.Rows, 1)
	assert.Equal(t, "a", table.Rows[0].Cells[0])
	var meta metav1.PartialObjectMetadata
	require.NoError(t, json.Unmarshal(table.Rows[0].Object.Raw, &meta))
	assert.Equal(t, "a", meta.Name, "row object is the pod's metadata")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestServedTimesPlaceNowAtWallNow checks that ages on a client's clock
// are virtual ages: a pod created at virtual zero, looked at after a
// minute of virtual time, was created a minute before the wall-clock now.
func TestServedTimesPlaceNowAtWallNow(t *testing.T) {
	s := serve(t, oneStore+`---
apiVersion: v1
kind: Pod
metadata:
  name: a
spec:
  containers:
  - name: app
    image: busybox
    command: ["sleep", "3600"]
`, 1)
	// Jump a virtual minute ahead and stand still there, so the age does
	// not depend on how long this machine took to get here.
	paused := true
	s.srv.Set(&paused, 0, time.Minute)
	var age time.Duration
	s.srv.Do(func() { age = s.srv.Now().Duration() })
	require.GreaterOrEqual(t, age, time.Minute)
	before := time.Now()
	p, err := s.client.CoreV1().Pods("default").Get(context.Background(), "a", metav1.GetOptions{})
	require.NoError(t, err)
	after := time.Now()
	created := p.CreationTimestamp.Time
	// creationTimestamp has whole seconds; the age is the virtual now.
	assert.WithinDuration(t, before.Add(-age), created, time.Second+after.Sub(before), "served creationTimestamp")
	assert.True(t, !created.After(after.Add(-age+time.Second)), "creationTimestamp %s is %s before %s", created, age, after)
}
