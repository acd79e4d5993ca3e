package kubectl

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/pod"
)

// DescribeNode writes what `kubectl describe node` prints for n at time
// now: roles, labels, annotations, creation time, taints, cordon state, the
// conditions table, addresses, capacity and allocatable, system info, pod
// CIDRs, the non-terminated pods of pods (those bound to n that have not
// Succeeded or Failed, by namespace and name) with their CPU and memory
// requests and limits as whole percentages of allocatable, the allocated
// totals, and the events evs. kubectl also shows the node's Lease
// (holder, acquire and renew times); nucleus's DescribeNode is not given
// the Lease and leaves that block out. It returns an error naming a nil
// node or pod or a pod bound to another node, and the first error from
// writing to w.
// Reference: kubectl describe.go describeNode, describeNodeResource.
func DescribeNode(w io.Writer, n *corev1.Node, pods []*corev1.Pod, evs []corev1.Event, now time.Time) error {
	if n == nil {
		return missing(field.NewPath("node"), "Node")
	}
	running, err := nonTerminatedPods(n, pods)
	if err != nil {
		return err
	}
	d := newDescriber(w)
	describeNodeHeader(d, n)
	describeNodeConditions(d, n.Status.Conditions)
	d.write(0, "Addresses:\n")
	for _, a := range n.Status.Addresses {
		d.write(1, "%s:\t%s\n", a.Type, a.Address)
	}
	describeResourceList(d, "Capacity", n.Status.Capacity)
	describeResourceList(d, "Allocatable", n.Status.Allocatable)
	describeSystemInfo(d, n)
	describeNodePods(d, n, running, now)
	describeAllocated(d, n, running)
	d.events(evs, now)
	return d.finish()
}

// nonTerminatedPods returns the pods describe node lists: those not
// Succeeded or Failed, sorted by namespace and name. It returns an error
// naming a nil pod or one bound to another node.
func nonTerminatedPods(n *corev1.Node, pods []*corev1.Pod) ([]*corev1.Pod, error) {
	var out []*corev1.Pod
	for i, p := range pods {
		path := field.NewPath("pods").Index(i)
		if p == nil {
			return nil, missing(path, "Pod")
		}
		if p.Spec.NodeName != n.Name {
			return nil, field.Invalid(path.Child("spec", "nodeName"), p.Spec.NodeName, fmt.Sprintf("not bound to node %q", n.Name))
		}
		if p.Status.Phase != corev1.PodSucceeded && p.Status.Phase != corev1.PodFailed {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Namespace != out[j].Namespace {
			return out[i].Namespace < out[j].Namespace
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

// describeNodeHeader writes Name to Unschedulable.
func describeNodeHeader(d *describer, n *corev1.Node) {
	d.write(0, "Name:\t%s\n", n.Name)
	d.write(0, "Roles:\t%s\n", orNone(strings.Join(nodeRoles(n), ",")))
	d.labels("Labels", n.Labels)
	d.annotations("Annotations", n.Annotations)
	d.write(0, "CreationTimestamp:\t%s\n", rfc1123Z(n.CreationTimestamp))
	d.write(0, "Taints:\t")
	taints := append([]corev1.Taint(nil), n.Spec.Taints...)
	if len(taints) == 0 {
		d.write(0, "<none>\n")
	}
	sort.SliceStable(taints, func(i, j int) bool {
		return string(taints[i].Effect)+","+taints[i].Key < string(taints[j].Effect)+","+taints[j].Key
	})
	for i := range taints {
		if i > 0 {
			d.write(0, "\t")
		}
		d.write(0, "%s\n", taints[i].ToString())
	}
	d.write(0, "Unschedulable:\t%v\n", n.Spec.Unschedulable)
}

// describeNodeConditions writes the conditions table, if there are any.
func describeNodeConditions(d *describer, conds []corev1.NodeCondition) {
	if len(conds) == 0 {
		return
	}
	d.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n")
	d.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
	for _, c := range conds {
		d.write(1, "%v \t%v \t%s \t%s \t%v \t%v\n", c.Type, c.Status,
			rfc1123Z(c.LastHeartbeatTime), rfc1123Z(c.LastTransitionTime), c.Reason, c.Message)
	}
}

// describeResourceList writes title and the list sorted by resource name,
// if the list is not empty.
func describeResourceList(d *describer, title string, list corev1.ResourceList) {
	if len(list) == 0 {
		return
	}
	d.write(0, "%s:\n", title)
	for _, name := range resourceNames(list) {
		q := list[name]
		d.write(0, "  %s:\t%s\n", name, q.String())
	}
}

// describeSystemInfo writes the System Info block, the pod CIDRs and the
// provider ID.
func describeSystemInfo(d *describer, n *corev1.Node) {
	info := n.Status.NodeInfo
	//lint:ignore SA1019 kubectl still prints the line; kubelets since v1.31 leave the field empty.
	kubeProxyVersion := info.KubeProxyVersion
	d.write(0, "System Info:\n")
	for _, kv := range [][2]string{
		{"Machine ID", info.MachineID}, {"System UUID", info.SystemUUID}, {"Boot ID", info.BootID},
		{"Kernel Version", info.KernelVersion}, {"OS Image", info.OSImage},
		{"Operating System", info.OperatingSystem}, {"Architecture", info.Architecture},
		{"Container Runtime Version", info.ContainerRuntimeVersion},
		{"Kubelet Version", info.KubeletVersion}, {"Kube-Proxy Version", kubeProxyVersion},
	} {
		d.write(0, "  %s:\t%s\n", kv[0], kv[1])
	}
	if n.Spec.PodCIDR != "" {
		d.write(0, "PodCIDR:\t%s\n", n.Spec.PodCIDR)
	}
	if len(n.Spec.PodCIDRs) > 0 {
		d.write(0, "PodCIDRs:\t%s\n", strings.Join(n.Spec.PodCIDRs, ","))
	}
	if n.Spec.ProviderID != "" {
		d.write(0, "ProviderID:\t%s\n", n.Spec.ProviderID)
	}
}

// allocatable returns what kubectl divides by: allocatable, or capacity
// when the node reports no allocatable.
func allocatable(n *corev1.Node) corev1.ResourceList {
	if len(n.Status.Allocatable) > 0 {
		return n.Status.Allocatable
	}
	return n.Status.Capacity
}

// describeNodePods writes the Non-terminated Pods table.
func describeNodePods(d *describer, n *corev1.Node, pods []*corev1.Pod, now time.Time) {
	alloc := allocatable(n)
	d.write(0, "Non-terminated Pods:\t(%d in total)\n", len(pods))
	d.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n")
	d.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n")
	for _, p := range pods {
		req, lim := podRequestsAndLimits(p)
		d.write(1, "%s\t%s\t\t%s\t%s\t%s\t%s\t%s\n", p.Namespace, p.Name,
			share(req, alloc, corev1.ResourceCPU), share(lim, alloc, corev1.ResourceCPU),
			share(req, alloc, corev1.ResourceMemory), share(lim, alloc, corev1.ResourceMemory),
			since(p.CreationTimestamp, now))
	}
}

// describeAllocated writes the Allocated resources table: cpu, memory and
// ephemeral-storage, then huge pages, then extended resources (without
// percentages).
func describeAllocated(d *describer, n *corev1.Node, pods []*corev1.Pod) {
	alloc := allocatable(n)
	reqs, limits := corev1.ResourceList{}, corev1.ResourceList{}
	for _, p := range pods {
		r, l := podRequestsAndLimits(p)
		pod.AddResources(reqs, r)
		pod.AddResources(limits, l)
	}
	d.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n")
	d.write(1, "Resource\tRequests\tLimits\n")
	d.write(1, "--------\t--------\t------\n")
	var huge, ext []corev1.ResourceName
	for _, name := range resourceNames(alloc) {
		switch {
		case strings.HasPrefix(string(name), corev1.ResourceHugePagesPrefix):
			huge = append(huge, name)
		case !isStandardResource(name) && name != corev1.ResourcePods:
			ext = append(ext, name)
		}
	}
	for _, name := range append([]corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory, corev1.ResourceEphemeralStorage}, huge...) {
		d.write(1, "%s\t%s\t%s\n", name, share(reqs, alloc, name), share(limits, alloc, name))
	}
	for _, name := range ext {
		r, l := reqs[name], limits[name]
		d.write(1, "%s\t%s\t%s\n", name, r.String(), l.String())
	}
}

// share returns "quantity (N%)": list's amount of name and its whole
// percentage of alloc's (0% when the node has none of it). CPU is compared
// in millicores, everything else in units.
func share(list, alloc corev1.ResourceList, name corev1.ResourceName) string {
	q, total := list[name], alloc[name]
	return fmt.Sprintf("%s (%d%%)", q.String(), percent(q, total, name == corev1.ResourceCPU))
}

// percent returns q as a truncated percentage of total.
func percent(q, total resource.Quantity, milli bool) int64 {
	part, whole := q.Value(), total.Value()
	if milli {
		part, whole = q.MilliValue(), total.MilliValue()
	}
	if whole == 0 {
		return 0
	}
	return int64(float64(part) / float64(whole) * 100)
}

// isStandardResource reports whether name is one of the container
// resources every node has: cpu, memory, ephemeral-storage or huge pages.
func isStandardResource(name corev1.ResourceName) bool {
	switch name {
	case corev1.ResourceCPU, corev1.ResourceMemory, corev1.ResourceEphemeralStorage:
		return true
	}
	return strings.HasPrefix(string(name), corev1.ResourceHugePagesPrefix)
}

// resourceNames returns list's names sorted.
func resourceNames(list corev1.ResourceList) []corev1.ResourceName {
	names := make([]corev1.ResourceName, 0, len(list))
	for name := range list {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool { return names[i] < names[j] })
	return names
}
