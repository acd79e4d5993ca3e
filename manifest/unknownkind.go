package manifest

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	clientscheme "k8s.io/client-go/kubernetes/scheme"
)

// kubernetesKinds are the object kinds of Kubernetes' own API (every kind
// with metadata that k8s.io/api registers, in any group and version), and
// kubernetesGroups their API groups, so that a manifest holding one nucleus
// does not simulate is told so instead of "unknown kind". Both come from
// client-go's scheme, so a kind Kubernetes adds is known with the next
// k8s.io release, and a kind nucleus learns to simulate stops being
// refused by registering it with the Decoder.
var kubernetesKinds, kubernetesGroups = func() (map[string]bool, map[string]bool) {
	kinds, groups := map[string]bool{}, map[string]bool{}
	for gvk, t := range clientscheme.Scheme.AllKnownTypes() {
		if _, ok := reflect.New(t).Interface().(metav1.Object); !ok {
			continue // lists, options, events of a watch
		}
		kinds[gvk.Kind] = true
		groups[gvk.Group] = true
	}
	// Served by the API server's extension layers, outside client-go's
	// scheme.
	kinds["CustomResourceDefinition"], groups["apiextensions.k8s.io"] = true, true
	kinds["APIService"], groups["apiregistration.k8s.io"] = true, true
	return kinds, groups
}()

// ownGroup is nucleus's own API group (the Scenario's): a kind in it that
// a Decoder does not know is a typo, not a custom resource.
const ownGroup = "nucleus.dev"

// unknownKind is the reason for a kind the Decoder does not know: a real
// Kubernetes kind nucleus does not simulate, or a custom resource (both
// naming the kinds it does simulate), a known kind under the wrong
// apiVersion, or a typo with the closest kind it could be.
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
	simulated := strings.Join(known, ", ")
	group, _, _ := strings.Cut(apiVersion, "/")
	if !strings.Contains(apiVersion, "/") {
		group = "" // the core group: apiVersion v1
	}
	switch {
	case kubernetesKinds[kind] && (kubernetesGroups[group] || apiVersion == ""):
		return fmt.Sprintf("%s is a Kubernetes kind that nucleus does not simulate; it simulates %s", kind, simulated)
	case strings.Contains(group, ".") && !kubernetesGroups[group] && group != ownGroup:
		return fmt.Sprintf("%s in apiVersion %q is a custom resource (a kind a CustomResourceDefinition adds); nucleus does not simulate custom resources; it simulates %s", kind, apiVersion, simulated)
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
