package pod

import (
	"fmt"
	"math"
	"net"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
)

// describeContainers writes one block of containers (init or regular)
// under label, each with its status when the pod reports one.
// Reference: kubectl describe.go describeContainers.
func describeContainers(d *describer, label string, containers []corev1.Container, statuses []corev1.ContainerStatus, p *corev1.Pod) {
	none := ""
	if len(containers) == 0 {
		none = " <none>"
	}
	d.write(0, "%s:%s\n", label, none)
	for i := range containers {
		c := &containers[i]
		status, ok := containerStatusByName(statuses, c.Name)
		describeContainerBasics(d, c, status, ok)
		describeList(d, "Command", c.Command)
		describeList(d, "Args", c.Args)
		if ok {
			describeState(d, "State", status.State)
			if status.LastTerminationState.Terminated != nil {
				describeState(d, "Last State", status.LastTerminationState)
			}
			d.write(2, "Ready:\t%v\n", titleBool(status.Ready))
			d.write(2, "Restart Count:\t%d\n", status.RestartCount)
		}
		describeResources(d, &c.Resources, 2)
		describeProbe(d, "Liveness", c.LivenessProbe)
		describeProbe(d, "Readiness", c.ReadinessProbe)
		describeProbe(d, "Startup", c.StartupProbe)
		describeEnvFrom(d, c.EnvFrom)
		describeEnv(d, c, p)
		describeMounts(d, c.VolumeMounts)
	}
}

// containerStatusByName returns the status named name, if any.
func containerStatusByName(statuses []corev1.ContainerStatus, name string) (corev1.ContainerStatus, bool) {
	for _, s := range statuses {
		if s.Name == name {
			return s, true
		}
	}
	return corev1.ContainerStatus{}, false
}

// describeContainerBasics writes the container's name, IDs, image and
// ports.
func describeContainerBasics(d *describer, c *corev1.Container, status corev1.ContainerStatus, ok bool) {
	d.write(1, "%v:\n", c.Name)
	if ok {
		d.write(2, "Container ID:\t%s\n", status.ContainerID)
	}
	d.write(2, "Image:\t%s\n", c.Image)
	if ok {
		d.write(2, "Image ID:\t%s\n", status.ImageID)
	}
	ports := portList(c.Ports, func(p corev1.ContainerPort) int32 { return p.ContainerPort })
	hostPorts := portList(c.Ports, func(p corev1.ContainerPort) int32 { return p.HostPort })
	describePorts(d, "Port", ports)
	describePorts(d, "Host Port", hostPorts)
}

// portList returns the ports as "8080/TCP (http), 9090/TCP", taking the
// number from number.
func portList(ports []corev1.ContainerPort, number func(corev1.ContainerPort) int32) string {
	out := make([]string, 0, len(ports))
	for _, p := range ports {
		s := fmt.Sprintf("%d/%s", number(p), p.Protocol)
		if p.Name != "" {
			s += " (" + p.Name + ")"
		}
		out = append(out, s)
	}
	return strings.Join(out, ", ")
}

// describePorts writes "Port:" for one port (or <none>) and "Ports:" for
// several, as kubectl decides by looking for a comma.
func describePorts(d *describer, title, ports string) {
	switch {
	case strings.Contains(ports, ","):
		d.write(2, "%ss:\t%s\n", title, ports)
	case ports == "":
		d.write(2, "%s:\t<none>\n", title)
	default:
		d.write(2, "%s:\t%s\n", title, ports)
	}
}

// describeList writes a command or its arguments, one item (one line of
// an item) per line.
func describeList(d *describer, title string, items []string) {
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

// describeState writes a container state: Running with Started, Waiting
// with its Reason, or Terminated with Reason, Message, Exit Code, Signal,
// Started and Finished.
// Reference: kubectl describe.go describeStatus.
func describeState(d *describer, title string, s corev1.ContainerState) {
	switch {
	case s.Running != nil:
		d.write(2, "%s:\tRunning\n", title)
		d.write(3, "Started:\t%v\n", s.Running.StartedAt.Format(time.RFC1123Z))
	case s.Waiting != nil:
		d.write(2, "%s:\tWaiting\n", title)
		if s.Waiting.Reason != "" {
			d.write(3, "Reason:\t%s\n", s.Waiting.Reason)
		}
	case s.Terminated != nil:
		t := s.Terminated
		d.write(2, "%s:\tTerminated\n", title)
		if t.Reason != "" {
			d.write(3, "Reason:\t%s\n", t.Reason)
		}
		if t.Message != "" {
			d.write(3, "Message:\t%s\n", t.Message)
		}
		d.write(3, "Exit Code:\t%d\n", t.ExitCode)
		if t.Signal > 0 {
			d.write(3, "Signal:\t%d\n", t.Signal)
		}
		d.write(3, "Started:\t%s\n", t.StartedAt.Format(time.RFC1123Z))
		d.write(3, "Finished:\t%s\n", t.FinishedAt.Format(time.RFC1123Z))
	default:
		d.write(2, "%s:\tWaiting\n", title)
	}
}

// describeResources writes Limits and Requests, resource names sorted.
func describeResources(d *describer, r *corev1.ResourceRequirements, level int) {
	for _, part := range []struct {
		title string
		list  corev1.ResourceList
	}{{"Limits", r.Limits}, {"Requests", r.Requests}} {
		if len(part.list) == 0 {
			continue
		}
		d.write(level, "%s:\n", part.title)
		names := make([]string, 0, len(part.list))
		for n := range part.list {
			names = append(names, string(n))
		}
		sort.Strings(names)
		for _, n := range names {
			q := part.list[corev1.ResourceName(n)]
			d.write(level+1, "%s:\t%s\n", n, q.String())
		}
	}
}

// describeProbe writes one probe line, if the probe is set.
func describeProbe(d *describer, title string, p *corev1.Probe) {
	if p != nil {
		d.write(2, "%s:\t%s\n", title, ProbeString(p))
	}
}

// ProbeString returns a probe as `kubectl describe` prints it:
// "http-get http://:8080/healthz delay=3s timeout=1s period=3s #success=1
// #failure=3", "exec [cat /tmp/healthy] ...", "tcp-socket :8080 ...",
// "grpc <pod>:2379 <service> ...".
// Reference: kubectl describe.go DescribeProbe.
func ProbeString(p *corev1.Probe) string {
	attrs := fmt.Sprintf("delay=%ds timeout=%ds period=%ds #success=%d #failure=%d",
		p.InitialDelaySeconds, p.TimeoutSeconds, p.PeriodSeconds, p.SuccessThreshold, p.FailureThreshold)
	switch {
	case p.Exec != nil:
		return fmt.Sprintf("exec %v %s", p.Exec.Command, attrs)
	case p.HTTPGet != nil:
		u := url.URL{Scheme: strings.ToLower(string(p.HTTPGet.Scheme)), Host: p.HTTPGet.Host, Path: p.HTTPGet.Path}
		if port := p.HTTPGet.Port.String(); port != "" {
			u.Host = net.JoinHostPort(p.HTTPGet.Host, port)
		}
		return fmt.Sprintf("http-get %s %s", u.String(), attrs)
	case p.TCPSocket != nil:
		return fmt.Sprintf("tcp-socket %s:%s %s", p.TCPSocket.Host, p.TCPSocket.Port.String(), attrs)
	case p.GRPC != nil:
		service := ""
		if p.GRPC.Service != nil {
			service = *p.GRPC.Service
		}
		return fmt.Sprintf("grpc <pod>:%d %s %s", p.GRPC.Port, service, attrs)
	}
	return "unknown " + attrs
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

// describeEnv writes the container's environment variables, or <none>.
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
			d.write(3, "%s:\t%s (%s)\n", e.Name, containerResourceValue(c, from.ResourceFieldRef), from.ResourceFieldRef.Resource)
		case from.SecretKeyRef != nil:
			d.write(3, "%s:\t<set to the key '%s' in secret '%s'>\tOptional: %t\n", e.Name, from.SecretKeyRef.Key, from.SecretKeyRef.Name, isTrue(from.SecretKeyRef.Optional))
		case from.ConfigMapKeyRef != nil:
			d.write(3, "%s:\t<set to the key '%s' of config map '%s'>\tOptional: %t\n", e.Name, from.ConfigMapKeyRef.Key, from.ConfigMapKeyRef.Name, isTrue(from.ConfigMapKeyRef.Optional))
		}
	}
}

// podFieldValue returns what kubectl shows for a downward-API field: the
// value of metadata.name, metadata.namespace, metadata.uid or one label or
// annotation; kubectl resolves no other field (spec.nodeName, status.podIP
// ...) and shows nothing for it.
func podFieldValue(p *corev1.Pod, path string) string {
	switch path {
	case "metadata.name":
		return p.Name
	case "metadata.namespace":
		return p.Namespace
	case "metadata.uid":
		return string(p.UID)
	}
	if key, ok := subscript(path, "metadata.labels"); ok {
		return p.Labels[key]
	}
	if key, ok := subscript(path, "metadata.annotations"); ok {
		return p.Annotations[key]
	}
	return ""
}

// subscript returns "key" from a field path "<prefix>['key']".
func subscript(path, prefix string) (string, bool) {
	key, ok := strings.CutPrefix(path, prefix+"['")
	if !ok || !strings.HasSuffix(key, "']") {
		return "", false
	}
	return strings.TrimSuffix(key, "']"), true
}

// containerResourceValue returns a resourceFieldRef's value the way the
// kubelet computes it (rounded up to whole divisors), "node allocatable"
// for an unset cpu or memory limit, and "" for resources nucleus does not
// know.
func containerResourceValue(c *corev1.Container, ref *corev1.ResourceFieldSelector) string {
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

// describeMounts writes the container's volume mounts sorted by path, or
// <none>.
func describeMounts(d *describer, mounts []corev1.VolumeMount) {
	if len(mounts) == 0 {
		d.write(2, "Mounts:\t<none>\n")
		return
	}
	d.write(2, "Mounts:\n")
	sorted := append([]corev1.VolumeMount(nil), mounts...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].MountPath < sorted[j].MountPath })
	for _, m := range sorted {
		flags := []string{"rw"}
		if m.ReadOnly {
			flags[0] = "ro"
		}
		if m.SubPath != "" {
			flags = append(flags, fmt.Sprintf("path=%q", m.SubPath))
		}
		d.write(3, "%s from %s (%s)\n", m.MountPath, m.Name, strings.Join(flags, ","))
	}
}

// titleBool returns "True" or "False".
func titleBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}
