package scheduler

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
)

// runOne runs a single filter for pod on n and returns its reasons (nil when
// the node passes).
func runOne(t *testing.T, f func(*cycle, NodeInfo) *status, p *corev1.Pod, n NodeInfo) []string {
	t.Helper()
	c, err := newCycle(p, []NodeInfo{n})
	require.NoError(t, err)
	if s := f(c, n); s != nil {
		return s.reasons
	}
	return nil
}

func TestFilterUnschedulable(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go (Filter)
	tolerate := corev1.Toleration{Key: corev1.TaintNodeUnschedulable, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule}
	tests := []struct {
		name       string
		cordoned   bool
		toleration []corev1.Toleration
		want       []string
	}{
		{"schedulable node", false, nil, nil},
		{"cordoned node", true, nil, []string{ReasonUnschedulable}},
		{"cordoned node, pod tolerates the unschedulable taint", true, []corev1.Toleration{tolerate}, nil},
		{"cordoned node, toleration for another effect", true, []corev1.Toleration{{Key: corev1.TaintNodeUnschedulable, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute}}, []string{ReasonUnschedulable}},
	}
	for _, tt := range tests {
		n := node("n1", "1", "1Gi", 10)
		n.Spec.Unschedulable = tt.cordoned
		p := pod("p", "", "")
		p.Spec.Tolerations = tt.toleration
		got := runOne(t, filterUnschedulable, p, NodeInfo{Node: n})
		require.Equal(t, tt.want, got, "%s: NodeUnschedulable reasons", tt.name)
	}
}

func TestFilterNodeName(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/nodename/node_name.go (Filter)
	tests := []struct {
		nodeName string
		want     []string
	}{
		{"", nil},
		{"n1", nil},
		{"n2", []string{ReasonNodeName}},
	}
	for _, tt := range tests {
		p := pod("p", "", "")
		p.Spec.NodeName = tt.nodeName
		got := runOne(t, filterNodeName, p, NodeInfo{Node: node("n1", "1", "1Gi", 10)})
		require.Equal(t, tt.want, got, "NodeName filter with spec.nodeName=%q", tt.nodeName)
	}
}

func TestFilterTaints(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go (Filter, "node(s) had untolerated taint {%s: %s}")
	unreachable := taint(corev1.TaintNodeUnreachable, "", corev1.TaintEffectNoExecute)
	gpu := taint("gpu", "true", corev1.TaintEffectNoSchedule)
	soft := taint("soft", "", corev1.TaintEffectPreferNoSchedule)
	tests := []struct {
		name        string
		taints      []corev1.Taint
		tolerations []corev1.Toleration
		want        []string
	}{
		{"no taints", nil, nil, nil},
		{"PreferNoSchedule only scores", []corev1.Taint{soft}, nil, nil},
		{"NoExecute untolerated", []corev1.Taint{unreachable}, nil, []string{"node(s) had untolerated taint {node.kubernetes.io/unreachable: }"}},
		{"NoSchedule untolerated shows value", []corev1.Taint{gpu}, nil, []string{"node(s) had untolerated taint {gpu: true}"}},
		{"Equal with matching value", []corev1.Taint{gpu}, []corev1.Toleration{{Key: "gpu", Value: "true", Effect: corev1.TaintEffectNoSchedule}}, nil},
		{"Equal with other value", []corev1.Taint{gpu}, []corev1.Toleration{{Key: "gpu", Operator: corev1.TolerationOpEqual, Value: "false"}}, []string{"node(s) had untolerated taint {gpu: true}"}},
		{"Exists with empty key tolerates everything", []corev1.Taint{gpu, unreachable}, []corev1.Toleration{{Operator: corev1.TolerationOpExists}}, nil},
		{"first untolerated taint is named", []corev1.Taint{soft, gpu, unreachable}, []corev1.Toleration{{Key: "gpu", Operator: corev1.TolerationOpExists}}, []string{"node(s) had untolerated taint {node.kubernetes.io/unreachable: }"}},
		{"Gt is off by default", []corev1.Taint{taint("level", "5", corev1.TaintEffectNoSchedule)}, []corev1.Toleration{{Key: "level", Operator: "Gt", Value: "3"}}, []string{"node(s) had untolerated taint {level: 5}"}},
	}
	for _, tt := range tests {
		n := node("n1", "1", "1Gi", 10)
		n.Spec.Taints = tt.taints
		p := pod("p", "", "")
		p.Spec.Tolerations = tt.tolerations
		got := runOne(t, filterTaints, p, NodeInfo{Node: n})
		require.Equal(t, tt.want, got, "%s: TaintToleration reasons", tt.name)
	}
}

func TestFilterAffinity(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go (Filter) and
	// k8s.io/component-helpers/scheduling/corev1/nodeaffinity (terms ORed, requirements ANDed)
	req := func(key string, op corev1.NodeSelectorOperator, values ...string) corev1.NodeSelectorRequirement {
		return corev1.NodeSelectorRequirement{Key: key, Operator: op, Values: values}
	}
	terms := func(ts ...corev1.NodeSelectorTerm) *corev1.Affinity {
		return &corev1.Affinity{NodeAffinity: &corev1.NodeAffinity{
			RequiredDuringSchedulingIgnoredDuringExecution: &corev1.NodeSelector{NodeSelectorTerms: ts},
		}}
	}
	expr := func(rs ...corev1.NodeSelectorRequirement) corev1.NodeSelectorTerm {
		return corev1.NodeSelectorTerm{MatchExpressions: rs}
	}
	labels := map[string]string{"zone": "a", "disk": "ssd", "cores": "8"}
	tests := []struct {
		name     string
		selector map[string]string
		affinity *corev1.Affinity
		fits     bool
	}{
		{"nothing required", nil, nil, true},
		{"nodeSelector matches", map[string]string{"zone": "a"}, nil, true},
		{"nodeSelector differs", map[string]string{"zone": "b"}, nil, false},
		{"In", nil, terms(expr(req("zone", "In", "a", "b"))), true},
		{"In misses", nil, terms(expr(req("zone", "In", "c"))), false},
		{"NotIn", nil, terms(expr(req("zone", "NotIn", "c"))), true},
		{"NotIn on missing label", nil, terms(expr(req("gpu", "NotIn", "x"))), true},
		{"Exists", nil, terms(expr(req("disk", "Exists"))), true},
		{"DoesNotExist", nil, terms(expr(req("disk", "DoesNotExist"))), false},
		{"Gt", nil, terms(expr(req("cores", "Gt", "4"))), true},
		{"Lt", nil, terms(expr(req("cores", "Lt", "4"))), false},
		{"expressions ANDed", nil, terms(expr(req("zone", "In", "a"), req("disk", "In", "hdd"))), false},
		{"terms ORed", nil, terms(expr(req("zone", "In", "z")), expr(req("disk", "In", "ssd"))), true},
		{"empty term matches nothing", nil, terms(corev1.NodeSelectorTerm{}), false},
		{"matchFields metadata.name", nil, terms(corev1.NodeSelectorTerm{MatchFields: []corev1.NodeSelectorRequirement{req("metadata.name", "In", "n1")}}), true},
		{"selector and affinity both apply", map[string]string{"zone": "b"}, terms(expr(req("disk", "Exists"))), false},
	}
	for _, tt := range tests {
		n := node("n1", "1", "1Gi", 10)
		n.Labels = labels
		p := pod("p", "", "")
		p.Spec.NodeSelector = tt.selector
		p.Spec.Affinity = tt.affinity
		got := runOne(t, filterAffinity, p, NodeInfo{Node: n})
		if fits := got == nil; fits != tt.fits {
			t.Errorf("%s: NodeAffinity fits = %v, want %v (reasons %v)", tt.name, fits, tt.fits, got)
		}
		if got != nil {
			require.Equal(t, []string{ReasonNodeAffinity}, got)
		}
	}
}

func TestFilterAffinityBadInput(t *testing.T) {
	// Reference: pkg/apis/core/validation ValidateNodeSelectorRequirement (field path and reason)
	p := pod("p", "", "")
	p.Spec.Affinity = &corev1.Affinity{NodeAffinity: &corev1.NodeAffinity{
		RequiredDuringSchedulingIgnoredDuringExecution: &corev1.NodeSelector{NodeSelectorTerms: []corev1.NodeSelectorTerm{{
			MatchExpressions: []corev1.NodeSelectorRequirement{{Key: "zone", Operator: "Near", Values: []string{"a"}}, {Key: "zone", Operator: "In"}},
		}}},
	}}
	_, err := Schedule(p, []NodeInfo{{Node: node("n1", "1", "1Gi", 10)}}, seeded(1))
	require.Error(t, err)
	msg := err.Error()
	for _, want := range []string{
		"spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Unsupported value: \"Near\"",
		"nodeSelectorTerms[0].matchExpressions[1]",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("Schedule error = %q, want it to contain %q", msg, want)
		}
	}
}

func TestFilterPorts(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/nodeports/node_ports.go (Filter) and framework HostPortInfo.CheckConflict
	withPort := func(name string, port int32, ip string, proto corev1.Protocol) *corev1.Pod {
		p := pod(name, "", "")
		p.Spec.Containers[0].Ports = []corev1.ContainerPort{{ContainerPort: 80, HostPort: port, HostIP: ip, Protocol: proto}}
		return p
	}
	tests := []struct {
		name          string
		existing, new *corev1.Pod
		want          []string
	}{
		{"no host port", withPort("a", 8080, "", ""), pod("b", "", ""), nil},
		{"same port", withPort("a", 8080, "", ""), withPort("b", 8080, "", ""), []string{ReasonNodePorts}},
		{"other port", withPort("a", 8080, "", ""), withPort("b", 8081, "", ""), nil},
		{"other protocol", withPort("a", 53, "", "UDP"), withPort("b", 53, "", "TCP"), nil},
		{"different IPs", withPort("a", 80, "10.0.0.1", ""), withPort("b", 80, "10.0.0.2", ""), nil},
		{"wildcard against specific IP", withPort("a", 80, "10.0.0.1", ""), withPort("b", 80, "0.0.0.0", ""), []string{ReasonNodePorts}},
	}
	for _, tt := range tests {
		n := NodeInfo{Node: node("n1", "1", "1Gi", 10), Pods: []*corev1.Pod{tt.existing}}
		got := runOne(t, filterPorts, tt.new, n)
		require.Equal(t, tt.want, got, "%s: NodePorts reasons", tt.name)
	}
}

func TestFilterFit(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/noderesources/fit.go (fitsRequest: Too many pods, Insufficient cpu, Insufficient memory)
	tests := []struct {
		name     string
		existing []*corev1.Pod
		pods     int64
		newPod   *corev1.Pod
		want     []string
	}{
		{"fits", []*corev1.Pod{pod("a", "1", "1Gi")}, 10, pod("b", "1", "1Gi"), nil},
		{"exactly fills the node", []*corev1.Pod{pod("a", "1", "1Gi")}, 10, pod("b", "1", "3Gi"), nil},
		{"cpu short", []*corev1.Pod{pod("a", "1500m", "1Gi")}, 10, pod("b", "1", "1Gi"), []string{ReasonInsufficientCPU}},
		{"memory short", []*corev1.Pod{pod("a", "1", "3Gi")}, 10, pod("b", "500m", "2Gi"), []string{ReasonInsufficientMem}},
		{"all short, in order", []*corev1.Pod{pod("a", "2", "4Gi")}, 1, pod("b", "1", "1Gi"), []string{ReasonTooManyPods, ReasonInsufficientCPU, ReasonInsufficientMem}},
		{"no requests only needs a pod slot", []*corev1.Pod{pod("a", "2", "4Gi")}, 10, pod("b", "", ""), nil},
		{"no requests, no slot", []*corev1.Pod{pod("a", "", "")}, 1, pod("b", "", ""), []string{ReasonTooManyPods}},
	}
	for _, tt := range tests {
		n := NodeInfo{Node: node("n1", "2", "4Gi", tt.pods), Pods: tt.existing}
		got := runOne(t, filterFit, tt.newPod, n)
		require.Equal(t, tt.want, got, "%s: NodeResourcesFit reasons", tt.name)
	}
}

func TestFilterOrder(t *testing.T) {
	// Reference: pkg/scheduler/apis/config/v1/default_plugins.go (filter order) and
	// pkg/scheduler/framework/runtime/framework.go RunFilterPlugins (first rejection wins)
	n := node("n1", "1", "1Gi", 10)
	n.Spec.Unschedulable = true
	n.Spec.Taints = []corev1.Taint{taint("x", "", corev1.TaintEffectNoSchedule)}
	p := pod("p", "4", "")
	c, err := newCycle(p, nil)
	require.NoError(t, err)
	s := runFilters(c, NodeInfo{Node: n})
	require.NotNil(t, s)
	if s.plugin != "NodeUnschedulable" {
		t.Errorf("first failing plugin = %s, want NodeUnschedulable", s.plugin)
	}
}
