package controller

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/sim"
)

// harness is a tiny chain: a ledger, both controllers, and fakeKubelet in
// place of the stores. It keeps every record.
type harness struct {
	t       *testing.T
	loop    *sim.Loop
	api     *apiserver.Server
	rsc     *ReplicaSetController
	dc      *DeploymentController
	kubelet *fakeKubelet
	records []sim.Record
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	loop := sim.New(7)
	h := &harness{t: t, loop: loop, api: apiserver.New(loop)}
	loop.Subscribe(sim.ObserverFunc(func(r sim.Record) { h.records = append(h.records, r) }))
	h.kubelet = newFakeKubelet(loop, h.api)
	h.rsc = NewReplicaSetController(Config{Loop: loop, API: h.api})
	h.dc = NewDeploymentController(Config{Loop: loop, API: h.api})
	return h
}

// fakeKubelet stands in for every store manager: it binds each new pod to
// a store at once, reports it Running and Ready readyAfter later (unless
// its image is "broken"), and removes a terminating pod grace after its
// deletion was asked for.
type fakeKubelet struct {
	loop       *sim.Loop
	api        *apiserver.Server
	nodes      []string
	next       int
	readyAfter time.Duration
	grace      time.Duration
}

func newFakeKubelet(loop *sim.Loop, api *apiserver.Server) *fakeKubelet {
	k := &fakeKubelet{loop: loop, api: api, nodes: []string{"store-1"}, readyAfter: 2 * time.Second, grace: 3 * time.Second}
	api.Pods.Watch(0, false, k.onPod)
	return k
}

func (k *fakeKubelet) onPod(ev apiserver.WatchEvent[*corev1.Pod]) {
	p := ev.Object
	switch {
	case ev.Type == apiserver.Added && p.Spec.NodeName == "":
		node := k.nodes[k.next%len(k.nodes)]
		k.next++
		if _, err := k.api.Bind(p.Namespace, p.Name, p.UID, node); err != nil {
			return
		}
		k.loop.After(k.readyAfter, func() { k.start(p) })
	case ev.Type == apiserver.Modified && p.DeletionTimestamp != nil:
		k.loop.After(k.grace, func() {
			if cur, err := k.api.Pods.Get(p.Namespace, p.Name); err == nil && cur.UID == p.UID {
				zero := int64(0)
				_ = k.api.DeletePod(p.Namespace, p.Name, &zero)
			}
		})
	}
}

func (k *fakeKubelet) start(p *corev1.Pod) {
	cur, err := k.api.Pods.Get(p.Namespace, p.Name)
	if err != nil || cur.UID != p.UID || cur.DeletionTimestamp != nil || cur.Status.Phase == corev1.PodFailed {
		return
	}
	now := metav1.NewTime(k.loop.Now().Wall())
	ready := corev1.ConditionTrue
	if cur.Spec.Containers[0].Image == "broken" {
		ready = corev1.ConditionFalse
	}
	st := cur.Status
	st.Phase = corev1.PodRunning
	if st.StartTime == nil {
		st.StartTime = &now
	}
	st.Conditions = append(st.Conditions, corev1.PodCondition{Type: corev1.PodReady, Status: ready, LastTransitionTime: now})
	_, _ = k.api.UpdatePodStatus(cur.Namespace, cur.Name, cur.UID, st)
}

// events returns the Event records' "Reason Message" lines from component.
func (h *harness) events(component string) []string {
	var out []string
	for _, r := range h.records {
		if r.Kind == sim.Event && r.Source.Component == component {
			out = append(out, r.Reason+" "+r.Message)
		}
	}
	return out
}

// pods returns the pods whose names start with prefix.
func (h *harness) pods(prefix string) []*corev1.Pod {
	var out []*corev1.Pod
	for _, p := range h.api.Pods.List() {
		if strings.HasPrefix(p.Name, prefix) {
			out = append(out, p)
		}
	}
	return out
}

func countPods(pods []*corev1.Pod, keep func(*corev1.Pod) bool) int {
	n := 0
	for _, p := range pods {
		if keep(p) {
			n++
		}
	}
	return n
}

func isActiveAndReady(p *corev1.Pod) bool {
	return IsPodActive(p) && readyCondition(p) != nil && readyCondition(p).Status == corev1.ConditionTrue
}

func template(image string) corev1.PodTemplateSpec {
	return corev1.PodTemplateSpec{
		ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: image}}},
	}
}

func newReplicaSet(name string, replicas int32) *appsv1.ReplicaSet {
	return &appsv1.ReplicaSet{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default"},
		Spec: appsv1.ReplicaSetSpec{
			Replicas: &replicas, Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
			Template: template("nginx:1.27"),
		},
	}
}

func newDeployment(replicas int32, image string) *appsv1.Deployment {
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default"},
		Spec: appsv1.DeploymentSpec{
			Replicas: &replicas, Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
			Template: template(image),
		},
	}
}

func rollingUpdate(surge, unavailable intstr.IntOrString) appsv1.DeploymentStrategy {
	return appsv1.DeploymentStrategy{
		Type:          appsv1.RollingUpdateDeploymentStrategyType,
		RollingUpdate: &appsv1.RollingUpdateDeployment{MaxSurge: &surge, MaxUnavailable: &unavailable},
	}
}

// setImage changes the Deployment's image, as `kubectl set image` does.
func (h *harness) setImage(image string) {
	h.t.Helper()
	d, err := h.api.Deployments.Get("default", "web")
	require.NoError(h.t, err)
	d.Spec.Template.Spec.Containers[0].Image = image
	_, err = UpdateDeployment(h.api, d)
	require.NoError(h.t, err)
}

func (h *harness) deployment() *appsv1.Deployment {
	h.t.Helper()
	d, err := h.api.Deployments.Get("default", "web")
	require.NoError(h.t, err)
	return d
}

func conditionLine(d *appsv1.Deployment, t appsv1.DeploymentConditionType) string {
	c := deploymentCondition(d.Status, t)
	if c == nil {
		return "<none>"
	}
	return fmt.Sprintf("%s %s %s", c.Status, c.Reason, c.Message)
}

func ptr[T any](v T) *T { return &v }
