package manifest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A kind the decoder does not know is explained: a real kind nucleus does
// not simulate, a kind under the wrong apiVersion, or a typo.
func TestUnknownKindSaysWhy(t *testing.T) {
	d := NewDecoder()
	simulated := "ConfigMap, CronJob, DaemonSet, Deployment, EndpointSlice, Endpoints, HorizontalPodAutoscaler, Job, Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod, PodDisruptionBudget, ReplicaSet, ReplicationController, Secret, Service, StatefulSet, StorageClass"
	for _, tt := range []struct{ in, want string }{
		{"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: x}\n",
			"pod.yaml:2: kind: Ingress is a Kubernetes kind that nucleus does not simulate; it simulates " + simulated},
		{"apiVersion: v1\nkind: ServiceAccount\n", "pod.yaml:2: kind: ServiceAccount is a Kubernetes kind that nucleus does not simulate; it simulates " + simulated},
		{"apiVersion: v1\nkind: Deployment\n", `pod.yaml:2: kind: unknown kind "Deployment" in apiVersion "v1": Deployment is in apiVersion "apps/v1"`},
		{"apiVersion: v1\nkind: Pdo\n", `pod.yaml:2: kind: unknown kind "Pdo" in apiVersion "v1"; did you mean "Pod"?`},
		{"apiVersion: v1\nkind: service\n", `pod.yaml:2: kind: unknown kind "service" in apiVersion "v1"; did you mean "Service"?`},
		{"apiVersion: v1\nkind: Gizmo\n", `pod.yaml:2: kind: unknown kind "Gizmo" in apiVersion "v1"`},
		// Kinds the simulator does not register come from k8s.io/api itself
		// (client-go's scheme), in every group: a kind added upstream is
		// known without a list to keep.
		{"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n", "pod.yaml:2: kind: NetworkPolicy is a Kubernetes kind that nucleus does not simulate; it simulates " + simulated},
		{"apiVersion: resource.k8s.io/v1\nkind: ResourceClaim\n", "pod.yaml:2: kind: ResourceClaim is a Kubernetes kind that nucleus does not simulate; it simulates " + simulated},
		{"apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n", "pod.yaml:2: kind: CustomResourceDefinition is a Kubernetes kind that nucleus does not simulate; it simulates " + simulated},
		// Reference: the docs page tasks/extend-kubernetes/custom-resources/
		// custom-resource-definitions (the CronTab of stable.example.com).
		{"apiVersion: stable.example.com/v1\nkind: CronTab\n", `pod.yaml:2: kind: CronTab in apiVersion "stable.example.com/v1" is a custom resource (a kind a CustomResourceDefinition adds); nucleus does not simulate custom resources; it simulates ` + simulated},
		// A typo in a Kubernetes group is still a typo.
		{"apiVersion: apps/v1\nkind: Deploymnet\n", `pod.yaml:2: kind: unknown kind "Deploymnet" in apiVersion "apps/v1"; did you mean "Deployment"?`},
	} {
		_, _, err := d.Decode("pod.yaml", []byte(tt.in))
		if assert.Error(t, err, tt.in) {
			assert.Equal(t, tt.want, err.Error())
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"pod", "pod", 0}, {"pdo", "pod", 2}, {"pods", "pod", 1}, {"", "abc", 3}, {"kitten", "sitting", 3}} {
		assert.Equal(t, tt.want, editDistance(tt.a, tt.b), "editDistance(%q, %q)", tt.a, tt.b)
	}
}
