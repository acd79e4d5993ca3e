package kubectl

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
)

// update rewrites testdata/*.golden from the current output:
// go test ./kubectl -update.
var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/<name>.golden, rewriting it first
// under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./kubectl -update")
	assert.Equal(t, string(want), string(got), "output differs from %s", path)
}

// services returns the four Services of the fixtures.
func services() []*corev1.Service {
	return []*corev1.Service{headlessService(), externalNameService(), nodePortService(), clusterIPService()}
}

// Reference: printers.go printService, printEndpointSlice, printNode,
// printDeployment, printReplicaSet and their column definitions;
// cli-runtime printers GetNewTabWriter (6, 4, 3, ' ').
func TestGetGolden(t *testing.T) {
	nodes := []*corev1.Node{readyNode(), notReadyNode(), unknownNode(), cordonedNode(), newNode()}
	slices := []*discoveryv1.EndpointSlice{dbSlice(), shopSlice(), webSlice()}
	deployments := []*appsv1.Deployment{webDeployment()}
	rss := []*appsv1.ReplicaSet{oldWebReplicaSet(), newWebReplicaSet()}
	cases := []struct {
		name  string
		print func(*bytes.Buffer) error
	}{
		{"get-services", func(b *bytes.Buffer) error { return PrintServices(b, services(), now, false) }},
		{"get-services-wide", func(b *bytes.Buffer) error { return PrintServices(b, services(), now, true) }},
		{"get-endpointslices", func(b *bytes.Buffer) error { return PrintEndpointSlices(b, slices, now) }},
		{"get-nodes", func(b *bytes.Buffer) error { return PrintNodes(b, nodes, now, false) }},
		{"get-nodes-wide", func(b *bytes.Buffer) error { return PrintNodes(b, nodes, now, true) }},
		{"get-deployments", func(b *bytes.Buffer) error { return PrintDeployments(b, deployments, now, false) }},
		{"get-deployments-wide", func(b *bytes.Buffer) error { return PrintDeployments(b, deployments, now, true) }},
		{"get-replicasets", func(b *bytes.Buffer) error { return PrintReplicaSets(b, rss, now, false) }},
		{"get-replicasets-wide", func(b *bytes.Buffer) error { return PrintReplicaSets(b, rss, now, true) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, tc.print(&buf))
			golden(t, tc.name, buf.Bytes())
		})
	}
}

// Reference: kubectl describe.go describeService, describeEndpointSliceV1,
// describeNode, describeNodeResource, describeDeployment,
// describeReplicaSet, DescribePodTemplate, DescribeEvents (tabwriter 0, 8,
// 2, ' ').
func TestDescribeGolden(t *testing.T) {
	slices := []*discoveryv1.EndpointSlice{webSlice(), shopSlice(), dbSlice()}
	oldRS, newRS := oldWebReplicaSet(), newWebReplicaSet()
	nodeEvents := []corev1.Event{
		nodeEvent(corev1.EventTypeNormal, "NodeReady", "kubelet", "Node store-1 status is now: NodeReady", 5*24*time.Hour-20*time.Second, 5*24*time.Hour-20*time.Second, 1),
		nodeEvent(corev1.EventTypeNormal, "Starting", "kubelet", "Starting kubelet.", 5*24*time.Hour, 5*24*time.Hour, 1),
		nodeEvent(corev1.EventTypeNormal, "NodeHasSufficientMemory", "kubelet", "Node store-1 status is now: NodeHasSufficientMemory", 5*24*time.Hour, 5*24*time.Hour-5*time.Second, 7),
	}
	rsEvents := []corev1.Event{
		controllerEvent("ReplicaSet", newRS.Name, "SuccessfulCreate", "replicaset-controller", "Created pod: web-7c6b9f8d4-q8v2m", 95*time.Second),
		controllerEvent("ReplicaSet", newRS.Name, "SuccessfulCreate", "replicaset-controller", "Created pod: web-7c6b9f8d4-zt5nw", 80*time.Second),
	}
	rsPods := []*corev1.Pod{
		webPod(newRS, "q8v2m", corev1.PodRunning), webPod(newRS, "zt5nw", corev1.PodPending),
		webPod(oldRS, "h2k9d", corev1.PodRunning),
	}
	cases := []struct {
		name     string
		describe func(*bytes.Buffer) error
	}{
		{"describe-service-clusterip", func(b *bytes.Buffer) error { return DescribeService(b, clusterIPService(), slices, nil, now) }},
		{"describe-service-nodeport", func(b *bytes.Buffer) error { return DescribeService(b, nodePortService(), slices, nil, now) }},
		{"describe-service-headless", func(b *bytes.Buffer) error { return DescribeService(b, headlessService(), slices, nil, now) }},
		{"describe-service-externalname", func(b *bytes.Buffer) error { return DescribeService(b, externalNameService(), nil, nil, now) }},
		{"describe-endpointslice", func(b *bytes.Buffer) error { return DescribeEndpointSlice(b, webSlice(), nil, now) }},
		{"describe-node-ready", func(b *bytes.Buffer) error { return DescribeNode(b, readyNode(), storePods(), nodeEvents, now) }},
		{"describe-node-unknown", func(b *bytes.Buffer) error { return DescribeNode(b, unknownNode(), nil, nil, now) }},
		{"describe-deployment", func(b *bytes.Buffer) error {
			return DescribeDeployment(b, webDeployment(), []*appsv1.ReplicaSet{newRS, oldRS}, rolloutEvents(), now)
		}},
		{"describe-replicaset", func(b *bytes.Buffer) error { return DescribeReplicaSet(b, newRS, rsPods, rsEvents, now) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, tc.describe(&buf))
			golden(t, tc.name, buf.Bytes())
		})
	}
}
