package kubectl

import (
	"fmt"
	"io"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/pod"
)

// DescribePod writes what `kubectl describe pod` prints for p at time now:
// its identity and node, labels and annotations, status, IPs, controller,
// init and regular containers (image, ports, command, state, last state,
// readiness, restarts, resources, probes, environment, mounts), conditions,
// volumes, QoS class, node selectors, tolerations and the events evs (the
// Events about the pod, any order; "Events: <none>" when there are none),
// aligned exactly as kubectl aligns them. node is the pod's node or nil;
// kubectl reads nothing from it, and DescribePod only checks that it is
// the pod's node. It returns an error naming the field when p is nil or
// the input is inconsistent, and the first error from writing to w.
// Reference: kubectl pkg/describe/describe.go describePod.
func DescribePod(w io.Writer, p *corev1.Pod, node *corev1.Node, evs []corev1.Event, now time.Time) error {
	if p == nil {
		return missing(field.NewPath("pod"), "Pod")
	}
	if node != nil && node.Name != p.Spec.NodeName {
		return field.Invalid(field.NewPath("node", "metadata", "name"), node.Name,
			fmt.Sprintf("not the pod's node (spec.nodeName %q)", p.Spec.NodeName))
	}
	if p.DeletionTimestamp != nil && p.DeletionGracePeriodSeconds == nil {
		return field.Required(field.NewPath("metadata", "deletionGracePeriodSeconds"), "set by the API server with metadata.deletionTimestamp")
	}
	d := newDescriber(w)
	describePodHeader(d, p, now)
	if len(p.Spec.InitContainers) > 0 {
		describeContainers(d, "Init Containers", p.Spec.InitContainers, p.Status.InitContainerStatuses, p, "")
	}
	describeContainers(d, "Containers", p.Spec.Containers, p.Status.ContainerStatuses, p, "")
	describePodFooter(d, p)
	d.events(evs, now)
	return d.finish()
}

// describePodHeader writes the lines above the containers: Name to
// Controlled By, NominatedNodeName and pod-level Resources.
func describePodHeader(d *describer, p *corev1.Pod, now time.Time) {
	d.write(0, "Name:\t%s\n", p.Name)
	d.write(0, "Namespace:\t%s\n", p.Namespace)
	if p.Spec.Priority != nil {
		d.write(0, "Priority:\t%d\n", *p.Spec.Priority)
	}
	if p.Spec.PriorityClassName != "" {
		d.write(0, "Priority Class Name:\t%s\n", p.Spec.PriorityClassName)
	}
	if p.Spec.RuntimeClassName != nil && *p.Spec.RuntimeClassName != "" {
		d.write(0, "Runtime Class Name:\t%s\n", *p.Spec.RuntimeClassName)
	}
	if p.Spec.ServiceAccountName != "" {
		d.write(0, "Service Account:\t%s\n", p.Spec.ServiceAccountName)
	}
	if p.Spec.NodeName == "" {
		d.write(0, "Node:\t<none>\n")
	} else {
		d.write(0, "Node:\t%s\n", p.Spec.NodeName+"/"+p.Status.HostIP)
	}
	if p.Status.StartTime != nil {
		d.write(0, "Start Time:\t%s\n", rfc1123Z(*p.Status.StartTime))
	}
	d.labels("Labels", p.Labels)
	d.annotations("Annotations", p.Annotations)
	describePodStatus(d, p, now)
	d.write(0, "IP:\t%s\n", p.Status.PodIP)
	if len(p.Status.PodIPs) == 0 {
		d.write(0, "IPs:\t<none>\n")
	} else {
		d.write(0, "IPs:\n")
		for _, ip := range p.Status.PodIPs {
			d.write(1, "IP:\t%s\n", ip.IP)
		}
	}
	if by := controlledBy(p); by != "" {
		d.write(0, "Controlled By:\t%s\n", by)
	}
	if p.Status.NominatedNodeName != "" {
		d.write(0, "NominatedNodeName:\t%s\n", p.Status.NominatedNodeName)
	}
	if p.Spec.Resources != nil {
		d.write(0, "Resources:\n")
		describeResources(d, p.Spec.Resources, 1)
	}
}

// describePodStatus writes Status ("Terminating (lasts 10s)" with the
// grace period while a running pod is being deleted, else the phase), and
// the Reason and Message when the pod has them.
func describePodStatus(d *describer, p *corev1.Pod, now time.Time) {
	if p.DeletionTimestamp != nil && p.Status.Phase != corev1.PodFailed && p.Status.Phase != corev1.PodSucceeded {
		d.write(0, "Status:\tTerminating (lasts %s)\n", since(*p.DeletionTimestamp, now))
		d.write(0, "Termination Grace Period:\t%ds\n", *p.DeletionGracePeriodSeconds)
	} else {
		d.write(0, "Status:\t%s\n", p.Status.Phase)
	}
	if p.Status.Reason != "" {
		d.write(0, "Reason:\t%s\n", p.Status.Reason)
	}
	if p.Status.Message != "" {
		d.write(0, "Message:\t%s\n", p.Status.Message)
	}
}

// describePodFooter writes the lines between the containers and the
// events: readiness gates, conditions, volumes, QoS class, node selectors
// and tolerations.
func describePodFooter(d *describer, p *corev1.Pod) {
	if len(p.Spec.ReadinessGates) > 0 {
		d.write(0, "Readiness Gates:\n  Type\tStatus\n")
		for _, g := range p.Spec.ReadinessGates {
			d.write(1, "%v \t%v \n", g.ConditionType, conditionStatus(p.Status.Conditions, g.ConditionType))
		}
	}
	if len(p.Status.Conditions) > 0 {
		d.write(0, "Conditions:\n  Type\tStatus\n")
		for _, c := range p.Status.Conditions {
			d.write(1, "%v \t%v \n", c.Type, c.Status)
		}
	}
	describeVolumes(d, "", p.Spec.Volumes)
	qos := p.Status.QOSClass
	if qos == "" {
		qos = pod.QOSClass(p)
	}
	d.write(0, "QoS Class:\t%s\n", qos)
	d.labels("Node-Selectors", p.Spec.NodeSelector)
	describeTolerations(d, "Tolerations", p.Spec.Tolerations)
}

// conditionStatus returns the status of the first condition of type t, or
// <none> when the pod has no such condition.
func conditionStatus(conditions []corev1.PodCondition, t corev1.PodConditionType) string {
	for _, c := range conditions {
		if c.Type == t {
			return string(c.Status)
		}
	}
	return none
}
