package kubectl

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Reference: kubectl describe.go formatEndpointSlices (ready or
// readiness-unknown endpoints only, first three, and the list is marked
// longer as soon as a fourth endpoint is looked at, ready or not).
func TestReadyEndpoints(t *testing.T) {
	ep := func(ip string, ready *bool) discoveryv1.Endpoint {
		return discoveryv1.Endpoint{Addresses: []string{ip}, Conditions: discoveryv1.EndpointConditions{Ready: ready}}
	}
	yes, no := ptr(true), ptr(false)
	portless := &discoveryv1.EndpointSlice{Endpoints: []discoveryv1.Endpoint{ep("10.0.0.1", yes), ep("10.0.0.2", nil)}}
	cases := []struct {
		name   string
		slices []*discoveryv1.EndpointSlice
		port   string
		want   string
	}{
		{"no slices", nil, "http", "<none>"},
		{"one ready of two", []*discoveryv1.EndpointSlice{webSlice()}, "http", "10.244.1.5:8080"},
		{"other port name", []*discoveryv1.EndpointSlice{webSlice()}, "metrics", ""},
		{"none ready", []*discoveryv1.EndpointSlice{slice("s", "web", "http", 80, ep("10.0.0.1", no))}, "http", ""},
		{"unknown readiness counts as ready, no ports", []*discoveryv1.EndpointSlice{portless}, "", "10.0.0.1,10.0.0.2"},
		{"fourth not ready still marks more",
			[]*discoveryv1.EndpointSlice{slice("s", "web", "http", 80, ep("10.0.0.1", yes), ep("10.0.0.2", yes), ep("10.0.0.3", yes), ep("10.0.0.4", no))},
			"http", "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 0 more..."},
		{"across slices", []*discoveryv1.EndpointSlice{
			slice("a", "web", "http", 80, ep("10.0.0.1", yes), ep("10.0.0.2", yes)),
			slice("b", "web", "http", 80, ep("10.0.1.1", yes), ep("10.0.1.2", yes), ep("10.0.1.3", yes)),
		}, "http", "10.0.0.1:80,10.0.0.2:80,10.0.1.1:80 + 2 more..."},
		{"IPv6 in brackets", []*discoveryv1.EndpointSlice{slice("s", "web", "http", 80, ep("fd00::1", yes))}, "http", "[fd00::1]:80"},
	}
	for _, tc := range cases {
		got, err := readyEndpoints(tc.slices, tc.port)
		require.NoError(t, err, tc.name)
		assert.Equal(t, tc.want, got, "readyEndpoints(%s)", tc.name)
	}
}

// Reference: kubectl pkg/util/resource PodRequestsAndLimits (sum of
// containers and sidecars, at least the largest init container with the
// sidecars before it, plus overhead).
func TestPodRequestsAndLimits(t *testing.T) {
	res := func(cpu, mem string) corev1.ResourceRequirements {
		return corev1.ResourceRequirements{
			Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse(cpu), corev1.ResourceMemory: resource.MustParse(mem)},
			Limits:   corev1.ResourceList{corev1.ResourceCPU: resource.MustParse(cpu)},
		}
	}
	always := ptr(corev1.ContainerRestartPolicyAlways)
	cases := []struct {
		name             string
		spec             corev1.PodSpec
		wantCPU, wantMem string
		wantCPULimit     string
	}{
		{"two containers", corev1.PodSpec{Containers: []corev1.Container{{Resources: res("100m", "64Mi")}, {Resources: res("200m", "64Mi")}}},
			"300m", "128Mi", "300m"},
		{"big init container wins", corev1.PodSpec{
			InitContainers: []corev1.Container{{Resources: res("1", "32Mi")}},
			Containers:     []corev1.Container{{Resources: res("100m", "64Mi")}}},
			"1", "64Mi", "1"},
		{"sidecar adds and raises later init", corev1.PodSpec{
			InitContainers: []corev1.Container{{RestartPolicy: always, Resources: res("100m", "16Mi")}, {Resources: res("500m", "16Mi")}},
			Containers:     []corev1.Container{{Resources: res("200m", "64Mi")}}},
			"600m", "80Mi", "600m"},
		{"overhead", corev1.PodSpec{
			Containers: []corev1.Container{{Resources: res("100m", "64Mi")}},
			Overhead:   corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("10m"), corev1.ResourceMemory: resource.MustParse("1Mi")}},
			"110m", "65Mi", "110m"},
		// Reference: kubectl pkg/util/resource/resource.go podRequests and
		// podLimits (pod-level resources replace the containers' totals);
		// pods/resource/pod-level-resources.yaml.
		{"pod-level resources", corev1.PodSpec{
			Containers: []corev1.Container{{Resources: res("500m", "50Mi")}, {}},
			Resources: &corev1.ResourceRequirements{
				Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("1"), corev1.ResourceMemory: resource.MustParse("100Mi")},
				Limits:   corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("1"), corev1.ResourceMemory: resource.MustParse("200Mi")}}},
			"1", "100Mi", "1"},
	}
	for _, tc := range cases {
		reqs, limits := podRequestsAndLimits(&corev1.Pod{Spec: tc.spec})
		cpu, mem, lim := reqs[corev1.ResourceCPU], reqs[corev1.ResourceMemory], limits[corev1.ResourceCPU]
		assert.Equal(t, tc.wantCPU, cpu.String(), "cpu request (%s)", tc.name)
		assert.Equal(t, tc.wantMem, mem.String(), "memory request (%s)", tc.name)
		assert.Equal(t, tc.wantCPULimit, lim.String(), "cpu limit (%s)", tc.name)
		memLimit, hasMemLimit := limits[corev1.ResourceMemory]
		if tc.spec.Resources != nil {
			assert.Equal(t, "200Mi", memLimit.String(), "memory limit (%s): the pod's", tc.name)
			continue
		}
		assert.False(t, hasMemLimit, "memory limit (%s): overhead only adds to limits that are set", tc.name)
	}
}

// While a resize waits, kubectl describe node counts each container for
// the larger of its spec's requests and what the kubelet allocated it;
// limits come from the spec.
// Reference: kubectl pkg/util/resource/resource.go podRequests (the larger
// of container.Resources.Requests and the status's AllocatedResources).
func TestPodRequestsDuringResize(t *testing.T) {
	list := func(cpu, mem string) corev1.ResourceList {
		return corev1.ResourceList{corev1.ResourceCPU: resource.MustParse(cpu), corev1.ResourceMemory: resource.MustParse(mem)}
	}
	p := &corev1.Pod{
		Spec: corev1.PodSpec{Containers: []corev1.Container{
			{Name: "app", Resources: corev1.ResourceRequirements{Requests: list("500m", "64Mi"), Limits: list("500m", "64Mi")}},
			{Name: "side", Resources: corev1.ResourceRequirements{Requests: list("100m", "32Mi")}},
		}},
		Status: corev1.PodStatus{ContainerStatuses: []corev1.ContainerStatus{
			// app's cpu goes down from 1 and its memory up from 32Mi: neither is allocated yet.
			{Name: "app", AllocatedResources: list("1", "32Mi")},
			{Name: "side", AllocatedResources: list("100m", "32Mi")},
		}},
	}
	reqs, limits := podRequestsAndLimits(p)
	cpu, mem, lim := reqs[corev1.ResourceCPU], reqs[corev1.ResourceMemory], limits[corev1.ResourceCPU]
	assert.Equal(t, "1100m", cpu.String(), "cpu request: app's allocated 1 over its spec's 500m, plus side's 100m")
	assert.Equal(t, "96Mi", mem.String(), "memory request: app's spec 64Mi over its allocated 32Mi, plus side's 32Mi")
	assert.Equal(t, "500m", lim.String(), "cpu limit: the spec's")
	assert.Equal(t, "500m", p.Spec.Containers[0].Resources.Requests.Cpu().String(), "the pod is not changed")
}

// Reference: kubectl util/deployment FindNewReplicaSet (oldest template
// match, pod-template-hash ignored), FindOldReplicaSets.
func TestSplitReplicaSets(t *testing.T) {
	d := webDeployment()
	oldRS, newRS := oldWebReplicaSet(), newWebReplicaSet()
	stranger := webReplicaSet("0a1b2c3d4", "nginx:1.27", "1", time.Hour, 1, 1, 1)
	stranger.OwnerReferences[0].UID = "someone-else"
	orphan := webReplicaSet("9z8y7x6w5", "nginx:1.25", "1", time.Hour, 0, 0, 0)
	orphan.OwnerReferences = nil
	old, gotNew, err := splitReplicaSets(d, []*appsv1.ReplicaSet{stranger, newRS, orphan, oldRS})
	require.NoError(t, err)
	assert.Same(t, newRS, gotNew, "new ReplicaSet")
	require.Len(t, old, 1, "old ReplicaSets")
	assert.Same(t, oldRS, old[0])

	d.Spec.Template.Spec.Containers[0].Image = "nginx:1.28"
	old, gotNew, err = splitReplicaSets(d, []*appsv1.ReplicaSet{newRS, oldRS})
	require.NoError(t, err)
	assert.Nil(t, gotNew, "no ReplicaSet runs the template yet")
	assert.Equal(t, []*appsv1.ReplicaSet{oldRS, newRS}, old, "old ReplicaSets by name")
}

// Reference: DESIGN.md "Errors" (bad input returns an error naming the
// field, nothing panics).
func TestBadInputReturnsErrors(t *testing.T) {
	var buf bytes.Buffer
	noReplicas := webDeployment()
	noReplicas.Spec.Replicas = nil
	badSelector := newWebReplicaSet()
	badSelector.Spec.Selector = &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{{Key: "app", Operator: "Near"}}}
	elsewhere := storePod("lost", "Running", "", "", "", "", time.Minute)
	elsewhere.Spec.NodeName = "store-9"
	noAddress := webSlice()
	noAddress.Endpoints[0].Addresses = nil
	cases := []struct {
		name string
		call func() error
		want string
	}{
		{"nil service in list", func() error { return PrintServices(&buf, []*corev1.Service{nil}, now, false) }, "services[0]"},
		{"nil slice in list", func() error { return PrintEndpointSlices(&buf, []*discoveryv1.EndpointSlice{webSlice(), nil}, now) }, "endpointSlices[1]"},
		{"nil node in list", func() error { return PrintNodes(&buf, []*corev1.Node{nil}, now, true) }, "nodes[0]"},
		{"nil deployment", func() error { return PrintDeployments(&buf, []*appsv1.Deployment{nil}, now, false) }, "deployments[0]"},
		{"unset replicas", func() error { return PrintDeployments(&buf, []*appsv1.Deployment{noReplicas}, now, false) }, "deployments[0].spec.replicas"},
		{"nil replicaset", func() error { return PrintReplicaSets(&buf, []*appsv1.ReplicaSet{nil}, now, true) }, "replicaSets[0]"},
		{"describe nil service", func() error { return DescribeService(&buf, nil, nil, nil, now) }, "service"},
		{"describe service nil slice", func() error {
			return DescribeService(&buf, clusterIPService(), []*discoveryv1.EndpointSlice{nil}, nil, now)
		}, "slices[0]"},
		{"describe service endpoint without address", func() error {
			return DescribeService(&buf, clusterIPService(), []*discoveryv1.EndpointSlice{noAddress}, nil, now)
		}, "slices[0].endpoints[0].addresses"},
		{"describe nil endpointslice", func() error { return DescribeEndpointSlice(&buf, nil, nil, now) }, "endpointSlice"},
		{"describe nil node", func() error { return DescribeNode(&buf, nil, nil, nil, now) }, "node"},
		{"describe node nil pod", func() error { return DescribeNode(&buf, readyNode(), []*corev1.Pod{nil}, nil, now) }, "pods[0]"},
		{"describe node foreign pod", func() error { return DescribeNode(&buf, readyNode(), []*corev1.Pod{elsewhere}, nil, now) }, "pods[0].spec.nodeName"},
		{"describe nil deployment", func() error { return DescribeDeployment(&buf, nil, nil, nil, now) }, "deployment"},
		{"describe deployment unset replicas", func() error { return DescribeDeployment(&buf, noReplicas, nil, nil, now) }, "deployment.spec.replicas"},
		{"describe deployment nil replicaset", func() error {
			return DescribeDeployment(&buf, webDeployment(), []*appsv1.ReplicaSet{nil}, nil, now)
		}, "replicaSets[0]"},
		{"describe nil replicaset", func() error { return DescribeReplicaSet(&buf, nil, nil, nil, now) }, "replicaSet"},
		{"describe replicaset bad selector", func() error { return DescribeReplicaSet(&buf, badSelector, nil, nil, now) }, "replicaSet.spec.selector"},
		{"describe replicaset nil pod", func() error {
			return DescribeReplicaSet(&buf, newWebReplicaSet(), []*corev1.Pod{nil}, nil, now)
		}, "pods[0]"},
	}
	for _, tc := range cases {
		var err error
		require.NotPanics(t, func() { err = tc.call() }, tc.name)
		require.Error(t, err, tc.name)
		assert.Contains(t, err.Error(), tc.want+":", "%s: error %q should name %s", tc.name, err, tc.want)
	}
}

// failingWriter refuses every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrorsAreReturned(t *testing.T) {
	calls := map[string]func() error{
		"PrintServices":       func() error { return PrintServices(failingWriter{}, services(), now, false) },
		"PrintEndpointSlices": func() error { return PrintEndpointSlices(failingWriter{}, nil, now) },
		"PrintNodes":          func() error { return PrintNodes(failingWriter{}, []*corev1.Node{readyNode()}, now, false) },
		"DescribeService":     func() error { return DescribeService(failingWriter{}, clusterIPService(), nil, nil, now) },
		"DescribeNode":        func() error { return DescribeNode(failingWriter{}, readyNode(), storePods(), nil, now) },
		"DescribeDeployment":  func() error { return DescribeDeployment(failingWriter{}, webDeployment(), nil, nil, now) },
		"DescribeReplicaSet":  func() error { return DescribeReplicaSet(failingWriter{}, newWebReplicaSet(), nil, nil, now) },
	}
	for name, call := range calls {
		assert.EqualError(t, call(), "disk full", name)
	}
}

// Reference: kubectl describe.go describeNode (taints sorted by effect
// then key, without changing the node).
func TestDescribeNodeLeavesTaintsAlone(t *testing.T) {
	n := unknownNode()
	before := append([]corev1.Taint(nil), n.Spec.Taints...)
	var buf bytes.Buffer
	require.NoError(t, DescribeNode(&buf, n, nil, nil, now))
	assert.Equal(t, before, n.Spec.Taints, "DescribeNode sorted the caller's taints in place")
	assert.Contains(t, buf.String(), "Taints:             node.kubernetes.io/unreachable:NoExecute\n")
}
