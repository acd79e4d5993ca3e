package manifest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWarnings(t *testing.T) {
	// Reference: DESIGN.md "The object model is Kubernetes' own": a real field
	// that nucleus does not simulate is accepted with one warning naming it.
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"simulated pod: no warnings", pod + "    env:\n    - {name: A, value: b}\n    livenessProbe:\n      httpGet: {path: /, port: 80}\n      periodSeconds: 5\n" +
			"  initContainers:\n  - name: sidecar\n    image: busybox\n    restartPolicy: Always\n" +
			"  securityContext: {}\n  nodeSelector: {disk: ssd}\nstatus:\n  phase: Running\n  podIP: 10.0.0.1\n", nil},
		// Mount propagation and recursive read-only are simulated or
		// refused by validation (package pod), never warned about.
		{"volumes and mounts", pod + "    volumeMounts:\n    - {name: data, mountPath: /data, mountPropagation: None, readOnly: true, recursiveReadOnly: Enabled}\n  volumes:\n  - name: data\n    emptyDir: {}\n", nil},
		// hostNetwork is read: true is refused by validation (package pod).
		{"pod-level fields", pod + "  serviceAccountName: builder\n  securityContext:\n    runAsUser: 1000\n  hostNetwork: true\n", []string{
			"pod.yaml:14: spec.securityContext: not simulated by nucleus; ignored",
			"pod.yaml:13: spec.serviceAccountName: not simulated by nucleus; ignored",
		}},
		{"container details", pod + "    env:\n    - name: A\n      valueFrom: {secretKeyRef: {name: s, key: k}}\n" +
			"    resources:\n      limits: {cpu: 500m, ephemeral-storage: 1Gi}\n    restartPolicy: Never\n", []string{
			"pod.yaml:17: spec.containers[0].resources.limits.ephemeral-storage: not simulated by nucleus; ignored",
			// A container's own restartPolicy (and restartPolicyRules) is
			// simulated: ContainerRestartRules is beta and on in 1.35.
		}},
		{"metadata and affinity", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  generation: 2\n  managedFields:\n  - manager: kubectl\n" +
			"spec:\n  containers: [{name: a, image: b}]\n  affinity:\n    podAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n      - topologyKey: zone\n        matchLabelKeys: [app]\n", []string{
			"pod.yaml:5: metadata.generation: not simulated by nucleus; ignored",
			"pod.yaml:6: metadata.managedFields: not simulated by nucleus; ignored",
			// Preferred node affinity is scored (scheduler package); a
			// pod affinity term's matchLabelKeys is not simulated.
			"pod.yaml:14: spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].matchLabelKeys: not simulated by nucleus; ignored",
		}},
		{"service", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n    appProtocol: http\n  loadBalancerClass: x\nstatus:\n  loadBalancer: {}\n", []string{
			"pod.yaml:10: spec.loadBalancerClass: not simulated by nucleus; ignored",
			"pod.yaml:9: spec.ports[0].appProtocol: not simulated by nucleus; ignored",
		}},
		{"deployment template", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: web}}\n" +
			"  strategy:\n    type: RollingUpdate\n    rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}\n" +
			"  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: a, image: b}]\n      securityContext: {runAsUser: 1000}\nstatus:\n  replicas: 1\n", []string{
			"pod.yaml:15: spec.template.spec.securityContext: not simulated by nucleus; ignored",
			"pod.yaml:16: status: not simulated by nucleus; ignored",
		}},
		{"node", "apiVersion: v1\nkind: Node\nmetadata:\n  name: store-1\nspec:\n  taints: [{key: k, effect: NoSchedule}]\n  providerID: x\nstatus:\n  capacity: {cpu: \"2\"}\n  conditions: [{type: Ready, status: \"True\"}]\n", []string{
			"pod.yaml:7: spec.providerID: not simulated by nucleus; ignored",
			"pod.yaml:10: status.conditions: not simulated by nucleus; ignored",
		}},
	}
	d := NewDecoder()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, warnings, err := d.Decode("pod.yaml", []byte(tt.in))
			require.NoError(t, err)
			var got []string
			for _, w := range warnings {
				got = append(got, w.String())
				assert.Equal(t, "pod.yaml", w.File)
				assert.Equal(t, notSimulated, w.Message)
			}
			assert.Equal(t, tt.want, got, "warnings")
		})
	}
}

func TestWarningsOncePerFieldInDocumentOrder(t *testing.T) {
	in := pod + "    securityContext: {runAsUser: 1, runAsGroup: 1}\n  securityContext: {runAsUser: 1, fsGroup: 1}\n" +
		"---\n" + pod + "  hostPID: true\n"
	_, warnings, err := NewDecoder().Decode("two.yaml", []byte(in))
	require.NoError(t, err)
	var got []string
	for _, w := range warnings {
		got = append(got, w.Path)
	}
	assert.Equal(t, []string{"spec.containers[0].securityContext", "spec.securityContext", "spec.hostPID"}, got)
	assert.Equal(t, 28, warnings[2].Line, "line of spec.hostPID in the second document")
}

func TestFieldPatterns(t *testing.T) {
	tests := []struct {
		pattern string
		want    []string
		wantErr bool
	}{
		{"status", []string{"status"}, false},
		{"spec.containers[*].image", []string{"spec", "containers", "[*]", "image"}, false},
		{"a[*][*]", []string{"a", "[*]", "[*]"}, false},
		{"", nil, true},
		{"spec..image", nil, true},
		{"spec.containers[0]", nil, true},
	}
	for _, tt := range tests {
		got, err := splitPattern(tt.pattern)
		if tt.wantErr {
			assert.Error(t, err, "splitPattern(%q) gave no error", tt.pattern)
			continue
		}
		require.NoError(t, err, "splitPattern(%q)", tt.pattern)
		assert.Equal(t, tt.want, got, "splitPattern(%q)", tt.pattern)
	}
}
