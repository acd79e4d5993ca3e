package kubelet_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/cluster"
)

// envOf returns the NAME=value lines a container printed with env, as a
// set.
func envOf(t *testing.T, r *run, pod, container string) map[string]string {
	t.Helper()
	env := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(r.logs(t, "default", pod, container)), "\n") {
		name, value, ok := strings.Cut(line, "=")
		if ok {
			env[name] = value
		}
	}
	return env
}

// Reference: pkg/kubelet/kubelet_pods.go (getServiceEnvVarMap: the
// kubernetes Service of the default namespace always, the pod's own
// namespace's Services unless enableServiceLinks is false, none without a
// cluster IP; a reference may name them; the container's own env wins);
// pkg/kubelet/envvars/envvars.go (FromServices, makeLinkVariables: the
// names and values); https://kubernetes.io/docs/tutorials/services/connect-applications-service/#environment-variables
// (a pod started before a Service has no variables for it, one started
// after has them).
func TestServiceLinkEnvironment(t *testing.T) {
	no := false
	svc := &corev1.Service{ObjectMeta: metav1.ObjectMeta{Name: "redis-primary"},
		Spec: corev1.ServiceSpec{Selector: map[string]string{"app": "redis"}, ClusterIP: "10.96.100.7", Ports: []corev1.ServicePort{
			{Name: "redis", Port: 6379}, {Name: "metrics", Port: 9121, Protocol: corev1.ProtocolUDP}}}}
	headless := &corev1.Service{ObjectMeta: metav1.ObjectMeta{Name: "db"},
		Spec: corev1.ServiceSpec{ClusterIP: corev1.ClusterIPNone, Ports: []corev1.ServicePort{{Port: 5432}}}}
	elsewhere := &corev1.Service{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "shop"},
		Spec: corev1.ServiceSpec{Ports: []corev1.ServicePort{{Port: 80}}}}
	early := podOf("early", 30, corev1.Container{Name: "c", Image: "busybox:1.36",
		Command: []string{"sh", "-c", "env; sleep 3600"}})
	r := newRun(t, cluster.Config{Seed: 1}, early)
	r.c.RunFor(10 * time.Second)
	require.NoError(t, r.c.Apply(&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "shop"}}, svc, headless, elsewhere))
	late := podOf("late", 30, corev1.Container{Name: "c", Image: "busybox:1.36",
		Command: []string{"sh", "-c", "env; sleep 3600"},
		Env: []corev1.EnvVar{{Name: "KUBERNETES_SERVICE_PORT", Value: "8443"},
			{Name: "REDIS", Value: "$(REDIS_PRIMARY_SERVICE_HOST):$(REDIS_PRIMARY_SERVICE_PORT)"}}})
	unlinked := podOf("unlinked", 30, corev1.Container{Name: "c", Image: "busybox:1.36",
		Command: []string{"sh", "-c", "env; sleep 3600"}})
	unlinked.Spec.EnableServiceLinks = &no
	require.NoError(t, r.c.Apply(late, unlinked))
	r.c.RunFor(20 * time.Second)

	master := map[string]string{
		"KUBERNETES_SERVICE_HOST":       "10.96.0.1",
		"KUBERNETES_SERVICE_PORT_HTTPS": "443",
		"KUBERNETES_PORT":               "tcp://10.96.0.1:443",
		"KUBERNETES_PORT_443_TCP":       "tcp://10.96.0.1:443",
		"KUBERNETES_PORT_443_TCP_PROTO": "tcp",
		"KUBERNETES_PORT_443_TCP_PORT":  "443",
		"KUBERNETES_PORT_443_TCP_ADDR":  "10.96.0.1",
	}
	redis := map[string]string{
		"REDIS_PRIMARY_SERVICE_HOST":         "10.96.100.7",
		"REDIS_PRIMARY_SERVICE_PORT":         "6379",
		"REDIS_PRIMARY_SERVICE_PORT_REDIS":   "6379",
		"REDIS_PRIMARY_SERVICE_PORT_METRICS": "9121",
		"REDIS_PRIMARY_PORT":                 "tcp://10.96.100.7:6379",
		"REDIS_PRIMARY_PORT_6379_TCP":        "tcp://10.96.100.7:6379",
		"REDIS_PRIMARY_PORT_6379_TCP_PROTO":  "tcp",
		"REDIS_PRIMARY_PORT_6379_TCP_PORT":   "6379",
		"REDIS_PRIMARY_PORT_6379_TCP_ADDR":   "10.96.100.7",
		"REDIS_PRIMARY_PORT_9121_UDP":        "udp://10.96.100.7:9121",
		"REDIS_PRIMARY_PORT_9121_UDP_PROTO":  "udp",
		"REDIS_PRIMARY_PORT_9121_UDP_PORT":   "9121",
		"REDIS_PRIMARY_PORT_9121_UDP_ADDR":   "10.96.100.7",
	}
	for name, env := range map[string]map[string]string{
		"early": envOf(t, r, "early", "c"), "late": envOf(t, r, "late", "c"), "unlinked": envOf(t, r, "unlinked", "c"),
	} {
		for k, v := range master {
			if name == "late" && k == "KUBERNETES_SERVICE_PORT" {
				continue
			}
			assert.Equal(t, v, env[k], "%s: %s", name, k)
		}
		for k, v := range redis {
			if name == "late" {
				assert.Equal(t, v, env[k], "%s: %s", name, k)
			} else {
				assert.NotContains(t, env, k, "%s: started before the Service, or links off", name)
			}
		}
		for k := range env {
			assert.False(t, strings.HasPrefix(k, "DB_") || strings.HasPrefix(k, "WEB_"),
				"%s: %s: no links for a headless Service or another namespace's", name, k)
		}
	}
	late2 := envOf(t, r, "late", "c")
	assert.Equal(t, "8443", late2["KUBERNETES_SERVICE_PORT"], "the container's own variable wins")
	assert.Equal(t, "10.96.100.7:6379", late2["REDIS"], "a reference may name a link variable")
	assert.Equal(t, "443", envOf(t, r, "early", "c")["KUBERNETES_SERVICE_PORT"])
	assert.Equal(t, "443", envOf(t, r, "unlinked", "c")["KUBERNETES_SERVICE_PORT"])
}
