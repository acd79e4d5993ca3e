package pod

import (
	"testing"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestIsExtendedResource(t *testing.T) {
	// Reference: pkg/apis/core/v1/helper/helpers.go (IsExtendedResourceName,
	// IsNativeResource): a name with a domain outside kubernetes.io that is
	// not a quota "requests." name.
	tests := map[corev1.ResourceName]bool{
		"cpu": false, "memory": false, "hugepages-2Mi": false,
		"kubernetes.io/something": false, "requests.example.com/dongle": false,
		"example.com/dongle": true, "nvidia.com/gpu": true,
	}
	for name, want := range tests {
		require.Equal(t, want, IsExtendedResource(string(name)), "IsExtendedResource(%q)", name)
	}
}

func TestValidateSchedulingGates(t *testing.T) {
	// Reference: pkg/apis/core/validation/validation.go (validateSchedulingGates:
	// qualified names, no duplicates; ValidatePodCreate: no nodeName while
	// gated).
	runValidateCases(t, []validateCase{
		{"gates", func(p *corev1.Pod) {
			p.Spec.SchedulingGates = []corev1.PodSchedulingGate{{Name: "example.com/a"}, {Name: "b"}}
		}, nil},
		{"duplicate gate", func(p *corev1.Pod) { p.Spec.SchedulingGates = []corev1.PodSchedulingGate{{Name: "a"}, {Name: "a"}} },
			[]string{`spec.schedulingGates[1]: Duplicate value: "a"`}},
		{"nodeName while gated", func(p *corev1.Pod) {
			p.Spec.SchedulingGates = []corev1.PodSchedulingGate{{Name: "a"}}
			p.Spec.NodeName = "store-1"
		}, []string{"spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared"}},
	})
}

func TestValidatePodAffinity(t *testing.T) {
	// Reference: pkg/apis/core/validation/validation.go (validatePodAffinityTerm:
	// "can not be empty" topologyKey; validateWeightedPodAffinityTerms: weight 1-100).
	sel := &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}}
	runValidateCases(t, []validateCase{
		{"anti-affinity", func(p *corev1.Pod) {
			p.Spec.Affinity = &corev1.Affinity{PodAntiAffinity: &corev1.PodAntiAffinity{RequiredDuringSchedulingIgnoredDuringExecution: []corev1.PodAffinityTerm{{LabelSelector: sel, TopologyKey: "kubernetes.io/hostname"}}}}
		}, nil},
		{"no topologyKey", func(p *corev1.Pod) {
			p.Spec.Affinity = &corev1.Affinity{PodAffinity: &corev1.PodAffinity{RequiredDuringSchedulingIgnoredDuringExecution: []corev1.PodAffinityTerm{{LabelSelector: sel}}}}
		}, []string{"spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty"}},
		{"weight out of range", func(p *corev1.Pod) {
			p.Spec.Affinity = &corev1.Affinity{PodAntiAffinity: &corev1.PodAntiAffinity{PreferredDuringSchedulingIgnoredDuringExecution: []corev1.WeightedPodAffinityTerm{{Weight: 101, PodAffinityTerm: corev1.PodAffinityTerm{LabelSelector: sel, TopologyKey: "zone"}}}}}
		}, []string{"spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 101: must be in the range 1-100"}},
	})
}

func TestValidatePreferredNodeAffinity(t *testing.T) {
	// Reference: pkg/apis/core/validation/validation.go
	// (ValidatePreferredSchedulingTerms: weight 1-100, and the preference
	// checked as a node selector term).
	pref := func(w int32, op corev1.NodeSelectorOperator) func(p *corev1.Pod) {
		return func(p *corev1.Pod) {
			p.Spec.Affinity = &corev1.Affinity{NodeAffinity: &corev1.NodeAffinity{PreferredDuringSchedulingIgnoredDuringExecution: []corev1.PreferredSchedulingTerm{
				{Weight: w, Preference: corev1.NodeSelectorTerm{MatchExpressions: []corev1.NodeSelectorRequirement{{Key: "disktype", Operator: op, Values: []string{"ssd"}}}}}}}}
		}
	}
	path := "spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]"
	runValidateCases(t, []validateCase{
		{"preferred", pref(1, corev1.NodeSelectorOpIn), nil},
		{"weight 0", pref(0, corev1.NodeSelectorOpIn), []string{path + ".weight: Invalid value: 0: must be in the range 1-100"}},
		{"bad operator", pref(100, "Like"), []string{path + `.preference.matchExpressions[0].operator: Invalid value: "Like": not a valid selector operator`}},
	})
}

func TestValidateTopologySpread(t *testing.T) {
	// Reference: pkg/apis/core/validation/validation.go
	// (ValidateTopologySpreadConstraints, validateMinDomains).
	sel := &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}}
	zone := func(skew int32, action corev1.UnsatisfiableConstraintAction) corev1.TopologySpreadConstraint {
		return corev1.TopologySpreadConstraint{MaxSkew: skew, TopologyKey: "topology.kubernetes.io/zone", WhenUnsatisfiable: action, LabelSelector: sel}
	}
	two := int32(2)
	runValidateCases(t, []validateCase{
		{"spread", func(p *corev1.Pod) {
			p.Spec.TopologySpreadConstraints = []corev1.TopologySpreadConstraint{zone(1, corev1.DoNotSchedule)}
		}, nil},
		{"maxSkew 0", func(p *corev1.Pod) {
			p.Spec.TopologySpreadConstraints = []corev1.TopologySpreadConstraint{zone(0, corev1.DoNotSchedule)}
		},
			[]string{"spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero"}},
		{"minDomains with ScheduleAnyway", func(p *corev1.Pod) {
			c := zone(1, corev1.ScheduleAnyway)
			c.MinDomains = &two
			p.Spec.TopologySpreadConstraints = []corev1.TopologySpreadConstraint{c}
		}, []string{"spec.topologySpreadConstraints[0].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway"}},
		{"twice the same pair", func(p *corev1.Pod) {
			p.Spec.TopologySpreadConstraints = []corev1.TopologySpreadConstraint{zone(1, corev1.DoNotSchedule), zone(2, corev1.DoNotSchedule)}
		}, []string{`spec.topologySpreadConstraints[1]: Duplicate value: "{topology.kubernetes.io/zone, DoNotSchedule}"`}},
	})
}
