package controller

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/util/rand"
)

// ComputeHash returns the pod-template-hash of a template: FNV-32a over the
// template's bytes, followed by the collision count (when not nil) as four
// little-endian bytes padded to eight, the decimal sum encoded with the
// "safe" alphabet (controller_utils.go ComputeHash). The same template
// always gives the same hash; a Deployment bumps status.collisionCount to
// get a different one when a ReplicaSet of that name exists with another
// template.
//
// Kubernetes feeds the hash a go-spew dump of the template; nucleus feeds it
// the template's JSON (keys in a fixed order), so the hash has the same
// shape and the same properties but not the same value as on a real
// cluster.
func ComputeHash(template *corev1.PodTemplateSpec, collisionCount *int32) string {
	h := fnv.New32a()
	b, err := json.Marshal(template)
	if err != nil { // cannot happen: API types always marshal
		panic("controller: ComputeHash: " + err.Error())
	}
	h.Write(b)
	if collisionCount != nil {
		b := make([]byte, 8)
		binary.LittleEndian.PutUint32(b, uint32(*collisionCount))
		h.Write(b)
	}
	return rand.SafeEncodeString(fmt.Sprint(h.Sum32()))
}

// equalIgnoreHash reports whether two pod templates are the same once the
// pod-template-hash label is left out of both (deployment_util.go
// EqualIgnoreHash).
func equalIgnoreHash(a, b *corev1.PodTemplateSpec) bool {
	a, b = a.DeepCopy(), b.DeepCopy()
	delete(a.Labels, appsv1.DefaultDeploymentUniqueLabelKey)
	delete(b.Labels, appsv1.DefaultDeploymentUniqueLabelKey)
	if len(a.Labels) == 0 {
		a.Labels = nil
	}
	if len(b.Labels) == 0 {
		b.Labels = nil
	}
	return equality.Semantic.DeepEqual(a, b)
}

// withLabel returns a copy of labels with key=value added.
func withLabel(labels map[string]string, key, value string) map[string]string {
	out := maps.Clone(labels)
	if out == nil {
		out = map[string]string{}
	}
	out[key] = value
	return out
}
