package kubectl

import (
	"sort"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// templateIndent is the extra indentation of the Pod Template block in a
// Deployment or ReplicaSet description (kubectl's space "  ").
const templateIndent = "  "

// describePodTemplate writes the Pod Template block: labels, annotations,
// service account, init and regular containers (the same container
// blocks as describe pod, as specified: a template has no status),
// volumes, topology spread constraints, priority class, node selectors and
// tolerations.
// Reference: kubectl describe.go DescribePodTemplate.
func describePodTemplate(d *describer, t *corev1.PodTemplateSpec) {
	d.write(0, "Pod Template:\n")
	d.labels(templateIndent+"Labels", t.Labels)
	if len(t.Annotations) > 0 {
		d.annotations(templateIndent+"Annotations", t.Annotations)
	}
	spec := &t.Spec
	if spec.ServiceAccountName != "" {
		d.write(1, "Service Account:\t%s\n", spec.ServiceAccountName)
	}
	if len(spec.InitContainers) > 0 {
		describeContainers(d, "Init Containers", spec.InitContainers, nil, nil, templateIndent)
	}
	describeContainers(d, "Containers", spec.Containers, nil, nil, templateIndent)
	describeVolumes(d, templateIndent, spec.Volumes)
	describeSpreadConstraints(d, spec.TopologySpreadConstraints)
	if spec.PriorityClassName != "" {
		d.write(1, "Priority Class Name:\t%s\n", spec.PriorityClassName)
	}
	d.labels(templateIndent+"Node-Selectors", spec.NodeSelector)
	describeTolerations(d, templateIndent+"Tolerations", spec.Tolerations)
}

// describeSpreadConstraints writes the topology spread constraints sorted
// by topology key, if there are any.
func describeSpreadConstraints(d *describer, tscs []corev1.TopologySpreadConstraint) {
	if len(tscs) == 0 {
		return
	}
	sorted := append([]corev1.TopologySpreadConstraint(nil), tscs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].TopologyKey < sorted[j].TopologyKey })
	d.write(0, "%sTopology Spread Constraints:\t", templateIndent)
	for i, t := range sorted {
		if i > 0 {
			d.write(0, "%s\t", templateIndent)
		}
		d.write(0, "%s:%v when max skew %d is exceeded", t.TopologyKey, t.WhenUnsatisfiable, t.MaxSkew)
		if t.LabelSelector != nil {
			d.write(0, " for selector %s", metav1.FormatLabelSelector(t.LabelSelector))
		}
		d.write(0, "\n")
	}
}
