package kubectl

import (
	"fmt"
	"net"
	"net/url"
	"sort"
	"strings"

	corev1 "k8s.io/api/core/v1"
)

// describeContainers writes one block of containers (init or regular)
// under label, each with its status when statuses has one. describe pod
// passes the pod (for downward-API values) and no space; a pod template
// has neither statuses nor a pod, and passes space "  ", which indents the
// label and, by one more space, each container's name.
// Reference: kubectl describe.go describeContainers.
func describeContainers(d *describer, label string, containers []corev1.Container, statuses []corev1.ContainerStatus, p *corev1.Pod, space string) {
	empty := ""
	if len(containers) == 0 {
		empty = " <none>"
	}
	d.write(0, "%s%s:%s\n", space, label, empty)
	for i := range containers {
		c := &containers[i]
		status, ok := containerStatusByName(statuses, c.Name)
		describeContainerBasics(d, c, status, ok, space)
		describeLines(d, "Command", c.Command)
		describeLines(d, "Args", c.Args)
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
		describeMounts(d, c)
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

// describeContainerBasics writes the container's name (one space further
// in under a non-empty space), IDs, image and ports.
// Reference: kubectl describe.go describeContainerBasicInfo.
func describeContainerBasics(d *describer, c *corev1.Container, status corev1.ContainerStatus, ok bool, space string) {
	nameIndent := ""
	if space != "" {
		nameIndent = " "
	}
	d.write(1, "%s%s:\n", nameIndent, c.Name)
	if ok {
		d.write(2, "Container ID:\t%s\n", status.ContainerID)
	}
	d.write(2, "Image:\t%s\n", c.Image)
	if ok {
		d.write(2, "Image ID:\t%s\n", status.ImageID)
	}
	describePorts(d, "Port", c.Ports, func(p corev1.ContainerPort) int32 { return p.ContainerPort })
	describePorts(d, "Host Port", c.Ports, func(p corev1.ContainerPort) int32 { return p.HostPort })
}

// describePorts writes "Port:" for one port (or <none>) and "Ports:" for
// several, as kubectl decides by looking for a comma, each "80/TCP (name)",
// taking the number from number.
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

// describeLines writes a command or its arguments, one item (one line of
// an item) per line.
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

// describeState writes a container state: Running with Started, Waiting
// with its Reason, or Terminated with Reason, Message, Exit Code, Signal,
// Started and Finished.
// Reference: kubectl describe.go describeStatus.
func describeState(d *describer, title string, s corev1.ContainerState) {
	switch {
	case s.Running != nil:
		d.write(2, "%s:\tRunning\n", title)
		d.write(3, "Started:\t%v\n", rfc1123Z(s.Running.StartedAt))
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
		d.write(3, "Started:\t%s\n", rfc1123Z(t.StartedAt))
		d.write(3, "Finished:\t%s\n", rfc1123Z(t.FinishedAt))
	default:
		d.write(2, "%s:\tWaiting\n", title)
	}
}

// describeResources writes Limits and Requests at an indentation level,
// each sorted by resource name.
func describeResources(d *describer, r *corev1.ResourceRequirements, level int) {
	for _, part := range []struct {
		title string
		list  corev1.ResourceList
	}{{"Limits", r.Limits}, {"Requests", r.Requests}} {
		if len(part.list) == 0 {
			continue
		}
		d.write(level, "%s:\n", part.title)
		for _, name := range resourceNames(part.list) {
			q := part.list[name]
			d.write(level+1, "%s:\t%s\n", name, q.String())
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

// describeMounts writes the container's volume mounts sorted by path (or
// <none>) and its volume devices sorted by path, if any.
// Reference: kubectl describe.go describeContainerVolumes.
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

// titleBool returns "True" or "False".
func titleBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}
