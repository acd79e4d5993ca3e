package kubectl

import (
	"math"
	"strconv"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/pod"
)

// describeEnvFrom writes the ConfigMaps and Secrets whose keys become
// environment variables, if there are any.
// Reference: kubectl describe.go describeContainerEnvFrom.
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
// downward-API field shows its value from p; a pod template has no pod
// yet (p is nil), so the field shows no value.
// Reference: kubectl describe.go describeContainerEnvVars.
func describeEnv(d *describer, c *corev1.Container, p *corev1.Pod) {
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
			d.write(3, "%s:\t%s (%s:%s)\n", e.Name, podFieldValue(p, from.FieldRef.FieldPath), from.FieldRef.APIVersion, from.FieldRef.FieldPath)
		case from.ResourceFieldRef != nil:
			d.write(3, "%s:\t%s (%s)\n", e.Name, resourceFieldValue(c, from.ResourceFieldRef), from.ResourceFieldRef.Resource)
		case from.SecretKeyRef != nil:
			d.write(3, "%s:\t<set to the key '%s' in secret '%s'>\tOptional: %t\n", e.Name, from.SecretKeyRef.Key, from.SecretKeyRef.Name, isTrue(from.SecretKeyRef.Optional))
		case from.ConfigMapKeyRef != nil:
			d.write(3, "%s:\t<set to the key '%s' of config map '%s'>\tOptional: %t\n", e.Name, from.ConfigMapKeyRef.Key, from.ConfigMapKeyRef.Name, isTrue(from.ConfigMapKeyRef.Optional))
		}
	}
}

// podFieldValue returns what kubectl shows for a downward-API field: the
// value of metadata.name, metadata.namespace, metadata.uid or one label or
// annotation of p; kubectl resolves no other field (spec.nodeName,
// status.podIP ...) and shows nothing for it, nor for any field when there
// is no pod (p is nil).
func podFieldValue(p *corev1.Pod, path string) string {
	if p == nil {
		return ""
	}
	v, _ := pod.MetadataField(p, path)
	return v
}

// resourceFieldValue returns a resourceFieldRef's value the way the
// kubelet computes it (rounded up to whole divisors), "node allocatable"
// for an unset cpu or memory limit, and "" for resources nucleus does not
// know.
func resourceFieldValue(c *corev1.Container, ref *corev1.ResourceFieldSelector) string {
	part, name, _ := strings.Cut(ref.Resource, ".")
	list := c.Resources.Requests
	if part == "limits" {
		list = c.Resources.Limits
	}
	q := list[corev1.ResourceName(name)]
	var value int64
	switch name {
	case "cpu":
		div := int64(1000)
		if !ref.Divisor.IsZero() {
			div = ref.Divisor.MilliValue()
		}
		value = int64(math.Ceil(float64(q.MilliValue()) / float64(div)))
	case "memory", "ephemeral-storage":
		div := int64(1)
		if !ref.Divisor.IsZero() {
			div = ref.Divisor.Value()
		}
		value = int64(math.Ceil(float64(q.Value()) / float64(div)))
	default:
		return ""
	}
	if value == 0 && part == "limits" && (name == "cpu" || name == "memory") {
		return "node allocatable"
	}
	return strconv.FormatInt(value, 10)
}

// isTrue reports whether b is set and true.
func isTrue(b *bool) bool { return b != nil && *b }
