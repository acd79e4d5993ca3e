package manifest

import (
	"fmt"
	"sort"
	"strings"
)

// realKinds are kinds of Kubernetes' own API that nucleus does not
// simulate, with their apiVersion, so that a manifest holding one is told
// so instead of "unknown kind".
var realKinds = map[string]string{
	"Binding": "v1", "Endpoints": "v1", "LimitRange": "v1",
	"Namespace": "v1", "PersistentVolume": "v1", "PersistentVolumeClaim": "v1",
	"PodTemplate": "v1", "ReplicationController": "v1", "ResourceQuota": "v1",
	"ServiceAccount":     "v1",
	"ControllerRevision": "apps/v1", "DaemonSet": "apps/v1", "StatefulSet": "apps/v1",
	"Ingress": "networking.k8s.io/v1", "IngressClass": "networking.k8s.io/v1", "NetworkPolicy": "networking.k8s.io/v1",
	"PodDisruptionBudget": "policy/v1",
	"ClusterRole":         "rbac.authorization.k8s.io/v1", "ClusterRoleBinding": "rbac.authorization.k8s.io/v1",
	"Role": "rbac.authorization.k8s.io/v1", "RoleBinding": "rbac.authorization.k8s.io/v1",
	"PriorityClass":            "scheduling.k8s.io/v1",
	"StorageClass":             "storage.k8s.io/v1",
	"CustomResourceDefinition": "apiextensions.k8s.io/v1",
	"Lease":                    "coordination.k8s.io/v1",
	"RuntimeClass":             "node.k8s.io/v1",
}

// unknownKind is the reason for a kind the Decoder does not know: a real
// Kubernetes kind nucleus does not simulate (naming the kinds it does), a
// known kind under the wrong apiVersion, or a typo with the closest kind
// it could be.
func (d *Decoder) unknownKind(apiVersion, kind string) string {
	var known []string // the kinds, once each, sorted
	seen := map[string]bool{}
	for k := range d.kinds {
		if !seen[k.kind] {
			seen[k.kind] = true
			known = append(known, k.kind)
		}
		if k.kind == kind {
			return fmt.Sprintf("unknown kind %q in apiVersion %q: %s is in apiVersion %q", kind, apiVersion, kind, k.apiVersion)
		}
	}
	sort.Strings(known)
	if _, ok := realKinds[kind]; ok {
		return fmt.Sprintf("%s is a Kubernetes kind that nucleus does not simulate; it simulates %s", kind, strings.Join(known, ", "))
	}
	msg := fmt.Sprintf("unknown kind %q in apiVersion %q", kind, apiVersion)
	if near := closest(kind, known); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	return msg
}

// closest returns the candidate nearest to word, ignoring case, when it is
// at most two edits away (or the same but for case); "" otherwise. Ties go
// to the first candidate.
func closest(word string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(word), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
