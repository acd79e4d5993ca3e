package simtest

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/sim"
)

func TestRestartBackOff(t *testing.T) {
	// Reference: kubelet.md §3.4 (kuberuntime_manager.go doBackOff): the
	// first restart is at once, then 10s, 20s, 40s ... capped at 300s,
	// measured from the previous exit; 600s without a restart resets it.
	s := func(n int) sim.Time { return sim.Time(time.Duration(n) * time.Second) }
	var e *backoffEntry
	steps := []struct {
		finished, restarted int
		wantWait            time.Duration
	}{
		{0, 0, 0},                  // first restart: at once
		{5, 15, 0},                 // 10s after the exit: allowed
		{20, 39, 20 * time.Second}, // 19s after: the back-off is 20s
		{40, 80, 0},                // 40s after: allowed (back-off 40s)
		{1000, 1000, 0},            // over 600s since the last step: reset, at once
		{1001, 1005, 10 * time.Second},
	}
	for i, st := range steps {
		var wait time.Duration
		e, wait = restart(e, 0, s(st.finished), s(st.restarted))
		assert.Equal(t, st.wantWait, wait, "restart %d (exit %ds, restart %ds) came too soon for %v, want %v", i+1, st.finished, st.restarted, wait, st.wantWait)
	}
	e = &backoffEntry{backoff: 300 * time.Second, lastUpdate: s(100)}
	e, _ = restart(e, 0, s(101), s(401))
	assert.Equal(t, 300*time.Second, e.backoff, "back-off after 300s = %v, want capped at 300s", e.backoff)
	_, wait := restart(e, 1, s(402), s(402))
	assert.Zero(t, wait, "a store that lost power forgets its back-offs, but restart waited %v", wait)
}

func pod(phase corev1.PodPhase, policy corev1.RestartPolicy) *corev1.Pod {
	return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web", UID: "u1"},
		Spec: corev1.PodSpec{RestartPolicy: policy}, Status: corev1.PodStatus{Phase: phase}}
}

func TestPhaseMonotonic(t *testing.T) {
	// Reference: kubelet.md §1 (kubelet_pods.go getPhase): Succeeded and
	// Failed are terminal; under Never a pod does not return to Pending.
	cases := []struct {
		name   string
		policy corev1.RestartPolicy
		phases []corev1.PodPhase
		broken bool
	}{
		{"pending, running, succeeded", corev1.RestartPolicyNever, []corev1.PodPhase{"Pending", "Running", "Succeeded"}, false},
		{"succeeded, running", corev1.RestartPolicyAlways, []corev1.PodPhase{"Succeeded", "Running"}, true},
		{"failed, pending", corev1.RestartPolicyAlways, []corev1.PodPhase{"Failed", "Pending"}, true},
		{"never: running, pending", corev1.RestartPolicyNever, []corev1.PodPhase{"Running", "Pending"}, true},
		{"always: running, pending", corev1.RestartPolicyAlways, []corev1.PodPhase{"Running", "Pending"}, false},
	}
	for _, c := range cases {
		k, seen := newChecker(nil), &podSeen{}
		var f *finding
		for _, ph := range c.phases {
			if f = k.checkPhase(pod(ph, c.policy), seen); f != nil {
				break
			}
		}
		assert.Equal(t, c.broken, f != nil, "%s: broken = %v, want %v", c.name, f != nil, c.broken)
	}
}

func TestRestartsAndInitOrder(t *testing.T) {
	k, seen := newChecker(nil), &podSeen{restarts: map[string]int32{}, started: map[string]metav1.Time{}}
	p := pod(corev1.PodRunning, corev1.RestartPolicyAlways)
	p.Status.ContainerStatuses = []corev1.ContainerStatus{{Name: "app", RestartCount: 3}}
	assert.Nil(t, k.checkRestarts(p, seen))
	p.Status.ContainerStatuses[0].RestartCount = 2
	assert.NotNil(t, k.checkRestarts(p, seen), "restartCount 3 then 2 was not caught")

	// Reference: kubelet.md §2.2 (computePodActions): init containers run
	// to success, in order, before the app containers start.
	p.Spec.InitContainers = []corev1.Container{{Name: "wait"}}
	p.Status.InitContainerStatuses = []corev1.ContainerStatus{{Name: "wait", State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{}}}}
	p.Status.ContainerStatuses[0].State.Running = &corev1.ContainerStateRunning{StartedAt: metav1.NewTime(sim.Epoch)}
	f := k.checkInitOrder(p, seen)
	if assert.NotNil(t, f, "an app container Running beside a running init container was not caught") {
		assert.Equal(t, InitBeforeApp, f.name)
	}
	p.Status.InitContainerStatuses[0].State = corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{ExitCode: 0}}
	p.Status.ContainerStatuses[0].State.Running.StartedAt = metav1.NewTime(sim.Epoch.Add(time.Minute))
	assert.Nil(t, k.checkInitOrder(p, seen), "a start after the init container succeeded was refused")
}

func TestBoundOnce(t *testing.T) {
	k, seen := newChecker(nil), &podSeen{node: "store-1"}
	p := pod(corev1.PodRunning, corev1.RestartPolicyAlways)
	p.Spec.NodeName = "store-1"
	assert.Nil(t, k.checkBinding(p, seen))
	p.Spec.NodeName = "store-2"
	f := k.checkBinding(p, seen)
	if assert.NotNil(t, f, "a pod moving from store-1 to store-2 was not caught") {
		assert.Equal(t, BoundOnce, f.name)
	}
}

func TestResolveFenceposts(t *testing.T) {
	// Reference: Kubernetes Deployment docs, "Max Surge" (rounded up) and
	// "Max Unavailable" (rounded down); both 0 means maxUnavailable 1.
	cases := []struct {
		replicas                   int32
		surge, unavailable         intstr.IntOrString
		wantSurge, wantUnavailable int32
	}{
		{4, intstr.FromString("25%"), intstr.FromString("25%"), 1, 1},
		{3, intstr.FromString("25%"), intstr.FromString("25%"), 1, 0},
		{5, intstr.FromInt32(2), intstr.FromInt32(0), 2, 0},
		{5, intstr.FromInt32(0), intstr.FromInt32(0), 0, 1},
	}
	for _, c := range cases {
		d := &appsv1.Deployment{Spec: appsv1.DeploymentSpec{Replicas: &c.replicas, Strategy: appsv1.DeploymentStrategy{
			RollingUpdate: &appsv1.RollingUpdateDeployment{MaxSurge: &c.surge, MaxUnavailable: &c.unavailable}}}}
		s, u := resolveFenceposts(d)
		assert.Equal(t, [2]int32{c.wantSurge, c.wantUnavailable}, [2]int32{s, u},
			"resolveFenceposts(%d, %s, %s) = %d, %d, want %d, %d", c.replicas, c.surge.String(), c.unavailable.String(), s, u, c.wantSurge, c.wantUnavailable)
	}
}

func TestTimeInvariants(t *testing.T) {
	k := newChecker(nil)
	assert.Nil(t, k.checkTime(Step{Now: 10}))
	f := k.checkTime(Step{Now: 5})
	if assert.NotNil(t, f, "the clock going from 10 to 5 was not caught") {
		assert.Equal(t, TimeMonotonic, f.name)
	}
	// The bound on one instant's events grows with the chain: 5000, plus
	// 20 for each of three stores.
	c, err := cluster.New(cluster.Config{Stores: []cluster.StoreConfig{{Name: "a"}, {Name: "b"}, {Name: "c"}}})
	require.NoError(t, err)
	k = newChecker(c)
	limit := maxEventsAtInstant + 3*eventsPerObject
	for i := 0; i < limit-1; i++ {
		f = k.checkTime(Step{Now: 7})
	}
	assert.Nil(t, f, "%d events at one instant of a three-store chain", limit-1)
	f = k.checkTime(Step{Now: 7})
	if assert.NotNil(t, f, "%d events at one instant were not caught", limit) {
		assert.Equal(t, TimeAdvances, f.name)
	}
}

// A chain of a thousand stores runs thousands of events at time zero that
// are no loop (a measured day of 975 stores ran 4,999 at 00:00:00, and
// stopped there on the old fixed bound of 5,000): the bound grows with
// the chain, 20 events a store, so such an instant passes and a real loop
// is still caught.
func TestThousandStoresDoNotStopTime(t *testing.T) {
	stores := make([]cluster.StoreConfig, 1000)
	for i := range stores {
		stores[i].Name = fmt.Sprintf("store-%d", i+1)
	}
	c, err := cluster.New(cluster.Config{Stores: stores})
	require.NoError(t, err)
	k := newChecker(c)
	limit := maxEventsAtInstant + 1000*eventsPerObject
	var f *finding
	for i := 0; i < limit-1 && f == nil; i++ {
		f = k.checkTime(Step{Now: 0})
	}
	assert.Nil(t, f, "%d events at time zero of a thousand stores", limit-1)
	f = k.checkTime(Step{Now: 0})
	if assert.NotNil(t, f, "%d events at one instant were not caught", limit) {
		assert.Equal(t, TimeAdvances, f.name)
	}
}

func TestPrune(t *testing.T) {
	data, err := cleanYAML(&corev1.Pod{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"}, ObjectMeta: metav1.ObjectMeta{Name: "web"}})
	assert.NoError(t, err)
	assert.Equal(t, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n", string(data), "cleanYAML left null or empty fields")
}

// Every field of Options is checked before a day is run: a library user's
// mistake is an error naming the field, not a day that cannot be built.
func TestOptionsValidate(t *testing.T) {
	tests := []struct {
		opts Options
		want string
	}{
		{Options{}, ""},
		{Options{MaxStores: 5000, MinDuration: 2 * time.Minute, MaxDuration: 24 * time.Hour}, ""},
		{Options{MaxStores: 5001}, "simtest: Options.MaxStores: must be between 1 and 5000 (0 means 20), got 5001"},
		{Options{MaxStores: -1}, "simtest: Options.MaxStores: must be between 1 and 5000 (0 means 20), got -1"},
		{Options{MinDuration: -time.Second}, "simtest: Options.MinDuration: must be between 2m0s and 24h0m0s (0 means 10m), got -1s"},
		{Options{MinDuration: time.Minute, MaxDuration: time.Minute}, "simtest: Options.MinDuration: must be between 2m0s and 24h0m0s (0 means 10m), got 1m0s"},
		{Options{MaxDuration: 25 * time.Hour}, "simtest: Options.MaxDuration: must be between 2m0s and 24h0m0s (0 means 30m), got 25h0m0s"},
		{Options{MinDuration: time.Hour, MaxDuration: 5 * time.Minute}, "simtest: Options.MaxDuration: 5m0s is below MinDuration, 1h0m0s"},
		{Options{MaxDuration: 5 * time.Minute}, "simtest: Options.MaxDuration: 5m0s is below MinDuration, 10m0s"},
	}
	for _, tt := range tests {
		err := tt.opts.Validate()
		if tt.want == "" {
			assert.NoError(t, err, "%+v", tt.opts)
			continue
		}
		assert.EqualError(t, err, tt.want, "%+v", tt.opts)
		rep := Run(1, tt.opts)
		assert.False(t, rep.Passed, "Run with %+v", tt.opts)
		assert.EqualError(t, rep.Err, tt.want, "Run with %+v", tt.opts)
	}
}

// A panic during a day (here, in an invariant; in a soak, a bug in
// nucleus) fails that day with a *PanicError that holds the stack, so that
// a soak names the seed and goes on with the next.
func TestPanicFailsTheDay(t *testing.T) {
	boom := Invariant{Name: "boom", Check: func(Step) string { panic("index out of range [3] with length 3") }}
	short := Options{MaxStores: 1, MinDuration: 2 * time.Minute, MaxDuration: 2 * time.Minute, Invariants: []Invariant{boom}}
	rep := Run(7, short)
	assert.False(t, rep.Passed)
	assert.Equal(t, uint64(7), rep.Seed)
	var pe *PanicError
	require.ErrorAs(t, rep.Err, &pe)
	assert.EqualError(t, pe, "panic: index out of range [3] with length 3")
	assert.Contains(t, string(pe.Stack), "invariant_test.go", "the stack reaches the code that panicked")
	soak := Soak(7, 2, short, nil, nil)
	assert.Len(t, soak.Failed, 2, "the soak went on past the first panic")
}

func TestPodAntiAffinityInvariant(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/interpodaffinity/filtering.go.
	// The scheduler never breaks the rule, so two pods sent to one store by
	// nodeName (skipping it) stand in for a scheduler that did.
	c, err := cluster.New(cluster.Config{Seed: 1})
	require.NoError(t, err)
	web := func(name string) *corev1.Pod {
		p := pod(corev1.PodPending, corev1.RestartPolicyAlways)
		p.Name, p.UID, p.Labels, p.Status = name, "", map[string]string{"app": "web"}, corev1.PodStatus{}
		p.Spec.NodeName = "store-1"
		p.Spec.Containers = []corev1.Container{{Name: "nginx", Image: "nginx:1.27"}}
		p.Spec.Affinity = &corev1.Affinity{PodAntiAffinity: &corev1.PodAntiAffinity{RequiredDuringSchedulingIgnoredDuringExecution: []corev1.PodAffinityTerm{{
			LabelSelector: &metav1.LabelSelector{MatchLabels: p.Labels}, TopologyKey: corev1.LabelHostname,
		}}}}
		return p
	}
	k := newChecker(c)
	require.NoError(t, c.Apply(web("web-1")))
	assert.Nil(t, k.checkAntiAffinity("store-1"), "one web pod alone breaks nothing")
	require.NoError(t, c.Apply(web("web-2")))
	f := k.checkAntiAffinity("store-1")
	if assert.NotNil(t, f, "two web pods in one store were not caught") {
		assert.Equal(t, PodAntiAffinity, f.name)
	}
}
