package kubectl

import (
	"io"
	"sort"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Labels that name a node's roles (printers.go labelNodeRolePrefix,
// nodeLabelRole).
const (
	nodeRolePrefix = "node-role.kubernetes.io/"
	nodeRoleLabel  = "kubernetes.io/role"
)

// PrintNodes writes nodes to w as `kubectl get nodes` prints them at time
// now: NAME STATUS ROLES AGE VERSION, and INTERNAL-IP EXTERNAL-IP OS-IMAGE
// KERNEL-VERSION CONTAINER-RUNTIME when wide. STATUS is Ready when the
// Ready condition is True, NotReady when it is False or Unknown (a store
// that stopped calling in), Unknown when the node has no Ready condition
// yet, with ",SchedulingDisabled" added for a cordoned node. It returns an
// error naming a nil Node, and the first error from writing to w.
// Reference: printers.go printNode, findNodeRoles, getNodeInternalIP.
func PrintNodes(w io.Writer, nodes []*corev1.Node, now time.Time, wide bool) error {
	t, err := nodeTable(nodes, now, wide)
	if err != nil {
		return err
	}
	return t.Write(w)
}

// NodeTable returns the table `kubectl get` shows for the same objects,
// with the -o wide columns, as the API server's server-side printing
// makes it; the errors are PrintNodes's.
func NodeTable(nodes []*corev1.Node, now time.Time) (Table, error) {
	return nodeTable(nodes, now, true)
}

func nodeTable(nodes []*corev1.Node, now time.Time, wide bool) (Table, error) {
	header := []string{"NAME", "STATUS", "ROLES", "AGE", "VERSION"}
	wideHeader := []string{"INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"}
	return makeTable(header, wideHeader, wide, len(nodes), func(i int) ([]string, error) {
		n := nodes[i]
		if n == nil {
			return nil, missing(field.NewPath("nodes").Index(i), "Node")
		}
		info := n.Status.NodeInfo
		cells := []string{n.Name, NodeStatus(n), orNone(strings.Join(nodeRoles(n), ",")), since(n.CreationTimestamp, now), info.KubeletVersion}
		if wide {
			cells = append(cells, nodeAddress(n, corev1.NodeInternalIP), nodeAddress(n, corev1.NodeExternalIP),
				orUnknown(info.OSImage), orUnknown(info.KernelVersion), orUnknown(info.ContainerRuntimeVersion))
		}
		return cells, nil
	})
}

// NodeStatus returns the STATUS cell `kubectl get nodes` shows for n:
// "Ready", "NotReady" or "Unknown", then ",SchedulingDisabled" when the
// node is cordoned (spec.unschedulable).
// A nil node is a programmer error and panics.
// Reference: printers.go printNode.
func NodeStatus(n *corev1.Node) string {
	if n == nil {
		panic("kubectl.NodeStatus: nil node")
	}
	status := "Unknown"
	for _, c := range n.Status.Conditions {
		if c.Type != corev1.NodeReady {
			continue
		}
		// The last Ready condition wins, as in kubectl's condition map.
		status = "NotReady"
		if c.Status == corev1.ConditionTrue {
			status = "Ready"
		}
	}
	if n.Spec.Unschedulable {
		status += ",SchedulingDisabled"
	}
	return status
}

// nodeRoles returns the node's roles, sorted: the <role> of every
// node-role.kubernetes.io/<role> label and the value of a
// kubernetes.io/role label.
// Reference: printers.go findNodeRoles.
func nodeRoles(n *corev1.Node) []string {
	set := map[string]bool{}
	for k, v := range n.Labels {
		switch {
		case strings.HasPrefix(k, nodeRolePrefix):
			if role := strings.TrimPrefix(k, nodeRolePrefix); role != "" {
				set[role] = true
			}
		case k == nodeRoleLabel && v != "":
			set[v] = true
		}
	}
	roles := make([]string, 0, len(set))
	for r := range set {
		roles = append(roles, r)
	}
	sort.Strings(roles)
	return roles
}

// nodeAddress returns the node's first address of type t, or <none>.
func nodeAddress(n *corev1.Node, t corev1.NodeAddressType) string {
	for _, a := range n.Status.Addresses {
		if a.Type == t {
			return a.Address
		}
	}
	return none
}

// orUnknown returns s, or "<unknown>" when s is empty.
func orUnknown(s string) string {
	if s == "" {
		return "<unknown>"
	}
	return s
}
