package kubectl

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/pod"
)

// templateIndent is the extra indentation of the Pod Template block in a
// Deployment or ReplicaSet description.
const templateIndent = "  "

// describePodTemplate writes the Pod Template block: labels, annotations,
// service account, init and regular containers (as specified, there is no
// status in a template), volumes, topology spread constraints, priority
// class, node selectors and tolerations.
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
		describeTemplateContainers(d, "Init Containers", spec.InitContainers)
	}
	describeTemplateContainers(d, "Containers", spec.Containers)
	describeTemplateVolumes(d, spec.Volumes)
	describeSpreadConstraints(d, spec.TopologySpreadConstraints)
	if spec.PriorityClassName != "" {
		d.write(1, "Priority Class Name:\t%s\n", spec.PriorityClassName)
	}
	d.labels(templateIndent+"Node-Selectors", spec.NodeSelector)
	describeTolerations(d, templateIndent+"Tolerations", spec.Tolerations)
}

// describeTemplateContainers writes one block of template containers.
// Reference: kubectl describe.go describeContainers with no statuses.
func describeTemplateContainers(d *describer, label string, containers []corev1.Container) {
	empty := ""
	if len(containers) == 0 {
		empty = " <none>"
	}
	d.write(0, "%s%s:%s\n", templateIndent, label, empty)
	for i := range containers {
		c := &containers[i]
		d.write(1, " %s:\n", c.Name)
		d.write(2, "Image:\t%s\n", c.Image)
		describePorts(d, "Port", c.Ports, func(p corev1.ContainerPort) int32 { return p.ContainerPort })
		describePorts(d, "Host Port", c.Ports, func(p corev1.ContainerPort) int32 { return p.HostPort })
		describeLines(d, "Command", c.Command)
		describeLines(d, "Args", c.Args)
		describeResources(d, &c.Resources)
		for _, p := range []struct {
			title string
			probe *corev1.Probe
		}{{"Liveness", c.LivenessProbe}, {"Readiness", c.ReadinessProbe}, {"Startup", c.StartupProbe}} {
			if p.probe != nil {
				d.write(2, "%s:\t%s\n", p.title, pod.ProbeString(p.probe))
			}
		}
		describeEnvFrom(d, c.EnvFrom)
		describeEnv(d, c)
		describeMounts(d, c)
	}
}

// describePorts writes "Port:" for one port (or <none>) and "Ports:" for
// several, each "80/TCP (name)", taking the number from number.
func describePorts(d *describer, title string, ports []corev1.ContainerPort, number func(corev1.ContainerPort) int32) {
	list := make([]string, 0, len(ports))
	for _, p := range ports {
		s := fmt.Sprintf("%d/%s", number(p), p.Protocol)
		if p.Name != "" {
			s += " (" + p.Name + ")"
		}
		list = append(list, s)
	}
	joined := strings.Join(list, ", ")
	if strings.Contains(joined, ",") {
		d.write(2, "%ss:\t%s\n", title, joined)
		return
	}
	d.write(2, "%s:\t%s\n", title, orNone(joined))
}

// describeLines writes a command or its arguments, one line per line.
func describeLines(d *describer, title string, items []string) {
	if len(items) == 0 {
		return
	}
	d.write(2, "%s:\n", title)
	for _, item := range items {
		for _, line := range strings.Split(item, "\n") {
			d.write(3, "%s\n", line)
		}
	}
}

// describeResources writes the container's limits and requests, each
// sorted by resource name.
func describeResources(d *describer, r *corev1.ResourceRequirements) {
	for _, part := range []struct {
		title string
		list  corev1.ResourceList
	}{{"Limits", r.Limits}, {"Requests", r.Requests}} {
		if len(part.list) == 0 {
			continue
		}
		d.write(2, "%s:\n", part.title)
		for _, name := range resourceNames(part.list) {
			q := part.list[name]
			d.write(3, "%s:\t%s\n", name, q.String())
		}
	}
}

// describeEnvFrom writes the ConfigMaps and Secrets whose keys become
// environment variables, if there are any.
func describeEnvFrom(d *describer, from []corev1.EnvFromSource) {
	if len(from) == 0 {
		return
	}
	d.write(2, "Environment Variables from:\n")
	for _, e := range from {
		kind, name, optional := "", "", false
		switch {
		case e.ConfigMapRef != nil:
			kind, name, optional = "ConfigMap", e.ConfigMapRef.Name, isTrue(e.ConfigMapRef.Optional)
		case e.SecretRef != nil:
			kind, name, optional = "Secret", e.SecretRef.Name, isTrue(e.SecretRef.Optional)
		}
		if e.Prefix == "" {
			d.write(3, "%s\t%s\tOptional: %t\n", name, kind, optional)
		} else {
			d.write(3, "%s\t%s with prefix '%s'\tOptional: %t\n", name, kind, e.Prefix, optional)
		}
	}
}

// describeEnv writes the container's environment variables, or <none>. A
// template has no pod yet, so a downward-API field shows no value.
func describeEnv(d *describer, c *corev1.Container) {
	if len(c.Env) == 0 {
		d.write(2, "Environment:\t<none>\n")
		return
	}
	d.write(2, "Environment:\n")
	for _, e := range c.Env {
		from := e.ValueFrom
		switch {
		case from == nil:
			for i, line := range strings.Split(e.Value, "\n") {
				if i == 0 {
					d.write(3, "%s:\t%s\n", e.Name, line)
				} else {
					d.write(3, "\t%s\n", line)
				}
			}
		case from.FieldRef != nil:
			d.write(3, "%s:\t (%s:%s)\n", e.Name, from.FieldRef.APIVersion, from.FieldRef.FieldPath)
		case from.ResourceFieldRef != nil:
			d.write(3, "%s:\t%s (%s)\n", e.Name, resourceFieldValue(c, from.ResourceFieldRef), from.ResourceFieldRef.Resource)
		case from.SecretKeyRef != nil:
			d.write(3, "%s:\t<set to the key '%s' in secret '%s'>\tOptional: %t\n", e.Name, from.SecretKeyRef.Key, from.SecretKeyRef.Name, isTrue(from.SecretKeyRef.Optional))
		case from.ConfigMapKeyRef != nil:
			d.write(3, "%s:\t<set to the key '%s' of config map '%s'>\tOptional: %t\n", e.Name, from.ConfigMapKeyRef.Key, from.ConfigMapKeyRef.Name, isTrue(from.ConfigMapKeyRef.Optional))
		}
	}
}

// resourceFieldValue returns a resourceFieldRef's value rounded up to whole
// divisors, "node allocatable" for an unset cpu or memory limit, and "" for
// other resources.
func resourceFieldValue(c *corev1.Container, ref *corev1.ResourceFieldSelector) string {
	part, name, _ := strings.Cut(ref.Resource, ".")
	list := c.Resources.Requests
	if part == "limits" {
		list = c.Resources.Limits
	}
	q := list[corev1.ResourceName(name)]
	var value float64
	switch name {
	case "cpu":
		div := int64(1000)
		if !ref.Divisor.IsZero() {
			div = ref.Divisor.MilliValue()
		}
		value = math.Ceil(float64(q.MilliValue()) / float64(div))
	case "memory", "ephemeral-storage":
		div := int64(1)
		if !ref.Divisor.IsZero() {
			div = ref.Divisor.Value()
		}
		value = math.Ceil(float64(q.Value()) / float64(div))
	default:
		return ""
	}
	if value == 0 && part == "limits" && (name == "cpu" || name == "memory") {
		return "node allocatable"
	}
	return strconv.FormatInt(int64(value), 10)
}

// describeMounts writes the container's volume mounts sorted by path (or
// <none>) and its volume devices, if any.
func describeMounts(d *describer, c *corev1.Container) {
	if len(c.VolumeMounts) == 0 {
		d.write(2, "Mounts:\t<none>\n")
	} else {
		d.write(2, "Mounts:\n")
	}
	mounts := append([]corev1.VolumeMount(nil), c.VolumeMounts...)
	sort.SliceStable(mounts, func(i, j int) bool { return mounts[i].MountPath < mounts[j].MountPath })
	for _, m := range mounts {
		flags := []string{"rw"}
		if m.ReadOnly {
			flags[0] = "ro"
		}
		if m.SubPath != "" {
			flags = append(flags, fmt.Sprintf("path=%q", m.SubPath))
		}
		d.write(3, "%s from %s (%s)\n", m.MountPath, m.Name, strings.Join(flags, ","))
	}
	if len(c.VolumeDevices) > 0 {
		d.write(2, "Devices:\n")
		devices := append([]corev1.VolumeDevice(nil), c.VolumeDevices...)
		sort.SliceStable(devices, func(i, j int) bool { return devices[i].DevicePath < devices[j].DevicePath })
		for _, dev := range devices {
			d.write(3, "%s from %s\n", dev.DevicePath, dev.Name)
		}
	}
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

// isTrue reports whether b is set and true.
func isTrue(b *bool) bool { return b != nil && *b }
