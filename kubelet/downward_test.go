package kubelet_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/nodenucleus/nucleus/cluster"
)

// Reference: pkg/kubelet/kubelet_pods.go (containerResourceRuntimeValue: a
// limit the container does not set is the node's allocatable);
// pkg/api/v1/resource/helpers.go (the value is divided by the divisor and
// rounded up); https://kubernetes.io/docs/concepts/workloads/pods/downward-api/
// ("If CPU and memory limits are not specified for a container ... the
// downward API defaults to the node allocatable value").
func TestDownwardAPIResourceDefaultsAndDivisor(t *testing.T) {
	ref := func(res, divisor string) *corev1.EnvVarSource {
		s := &corev1.EnvVarSource{ResourceFieldRef: &corev1.ResourceFieldSelector{Resource: res}}
		if divisor != "" {
			s.ResourceFieldRef.Divisor = resource.MustParse(divisor)
		}
		return s
	}
	c := corev1.Container{Name: "app", Image: "busybox:1.36", Command: []string{"sh", "-c", "env; sleep 3600"},
		Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("125m")}},
		Env: []corev1.EnvVar{
			{Name: "CPU_REQUEST_MILLI", ValueFrom: ref("requests.cpu", "1m")},
			{Name: "MEM_LIMIT_MI", ValueFrom: ref("limits.memory", "1Mi")},
			{Name: "CPU_LIMIT", ValueFrom: ref("limits.cpu", "")},
			{Name: "LABEL", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{FieldPath: "metadata.labels['app']"}}},
		}}
	p := podOf("app", 30, c)
	p.Labels = map[string]string{"app": "shop"}
	r := newRun(t, cluster.Config{Seed: 1}, p)
	r.c.RunFor(5 * time.Second)
	node := r.c.Nodes()[0]
	mem := node.Status.Allocatable[corev1.ResourceMemory]
	cpu := node.Status.Allocatable[corev1.ResourceCPU]
	logs := r.logs(t, "default", "app", "app")
	assert.Contains(t, logs, "CPU_REQUEST_MILLI=125\n")
	assert.Contains(t, logs, "MEM_LIMIT_MI="+resource.NewQuantity(mem.Value()>>20, resource.DecimalSI).String()+"\n")
	assert.Contains(t, logs, "CPU_LIMIT="+resource.NewQuantity((cpu.MilliValue()+999)/1000, resource.DecimalSI).String()+"\n")
	assert.Contains(t, logs, "LABEL=shop\n")
	require.NotZero(t, mem.Value())
}
