package cluster

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/manifest"
)

// webCluster runs the StatefulSet tutorial's web.yaml on a chain of one
// store and returns the chain and its record.
func webCluster(t *testing.T, edit func(*appsv1.StatefulSet)) (*Cluster, *[]string) {
	t.Helper()
	src, err := os.ReadFile("testdata/web.yaml")
	require.NoError(t, err)
	docs, warnings, err := manifest.NewDecoder().Decode("web.yaml", src)
	require.NoError(t, err)
	for _, w := range warnings {
		// The kubelet side of volumes (mounting a claim) is not in this
		// package's part of the chain yet.
		assert.Contains(t, w.Path, "volumeMounts", "every other field of web.yaml is simulated")
	}
	c, err := New(Config{})
	require.NoError(t, err)
	lines := record(c)
	for _, d := range docs {
		if s, ok := d.Object.(*appsv1.StatefulSet); ok && edit != nil {
			edit(s)
		}
		require.NoError(t, c.Apply(d))
	}
	return c, lines
}

// podNames returns the names of the set's pods that are not being deleted.
func podNames(c *Cluster) []string {
	var names []string
	for _, p := range c.Pods() {
		if p.DeletionTimestamp == nil {
			names = append(names, p.Name)
		}
	}
	return names
}

// OrderedReady: web-0 is created, and web-1 only once web-0 is Running
// and Ready; each gets its claim www-web-<n>, its hostname and subdomain,
// and the set's labels.
// Reference: pkg/controller/statefulset/stateful_set_control.go
// (updateStatefulSet: monotonic creation), stateful_set_utils.go
// (newStatefulSetPod, updateIdentity, getPersistentVolumeClaimName);
// the basic StatefulSet tutorial ("web-1 is not launched until web-0 is
// Running and Ready").
func TestStatefulSetCreatesInOrder(t *testing.T) {
	c, lines := webCluster(t, nil)
	c.RunFor(30 * time.Second)
	log := strings.Join(*lines, "\n")
	first := strings.Index(log, "create Pod web-1 in StatefulSet web successful")
	ready := strings.Index(log, "ReadyChanged pod/web-0 Pod Ready condition is now True")
	require.True(t, ready > 0 && first > ready, "web-1 is created after web-0 is ready:\n%s", log)
	assert.Contains(t, log, "SuccessfulCreate statefulset/web create Claim www-web-0 Pod web-0 in StatefulSet web success")
	assert.Equal(t, []string{"web-0", "web-1"}, podNames(c))
	p, err := c.Pod("default", "web-1")
	require.NoError(t, err)
	assert.Equal(t, "web-1", p.Spec.Hostname)
	assert.Equal(t, "nginx", p.Spec.Subdomain)
	assert.Equal(t, "web-1", p.Labels["statefulset.kubernetes.io/pod-name"])
	assert.Equal(t, "1", p.Labels["apps.kubernetes.io/pod-index"])
	s := c.StatefulSets()[0]
	assert.Equal(t, s.Status.UpdateRevision, p.Labels["controller-revision-hash"])
	assert.Equal(t, s.Status.UpdateRevision, s.Status.CurrentRevision)
	assert.Equal(t, int32(2), s.Status.ReadyReplicas)
	assert.Equal(t, int32(2), s.Status.Replicas)
	claim, err := c.API().Claims.Get("default", "www-web-1")
	require.NoError(t, err)
	assert.Equal(t, corev1.ClaimBound, claim.Status.Phase)
	assert.Equal(t, "app=nginx", strings.Join([]string{"app", claim.Labels["app"]}, "="))
}

// Scaling down lets the highest ordinal go first, one at a time; the
// claims stay (whenScaled Retain) and a pod made again for an ordinal
// gets its old claim.
// Reference: stateful_set_control.go (condemned pods, highest first);
// the tutorial's "Scaling Down" and "Stable Storage" sections.
func TestStatefulSetScalesDownInReverseAndKeepsClaims(t *testing.T) {
	c, lines := webCluster(t, func(s *appsv1.StatefulSet) { s.Spec.Replicas = ptr(int32(4)) })
	c.RunFor(time.Minute)
	require.Equal(t, []string{"web-0", "web-1", "web-2", "web-3"}, podNames(c))
	volume := func(claim string) string {
		cl, err := c.API().Claims.Get("default", claim)
		require.NoError(t, err)
		return cl.Spec.VolumeName
	}
	before := volume("www-web-3")
	*lines = nil
	require.NoError(t, c.ScaleStatefulSet("default", "web", 1))
	c.RunFor(2 * time.Minute)
	assert.Equal(t, []string{"web-0"}, podNames(c))
	log := strings.Join(*lines, "\n")
	i3 := strings.Index(log, "delete Pod web-3")
	i2 := strings.Index(log, "delete Pod web-2")
	i1 := strings.Index(log, "delete Pod web-1")
	assert.True(t, i3 >= 0 && i3 < i2 && i2 < i1, "highest ordinal first:\n%s", log)
	assert.Len(t, c.Claims(), 4, "the claims stay")

	require.NoError(t, c.ScaleStatefulSet("default", "web", 4))
	c.RunFor(time.Minute)
	assert.Equal(t, before, volume("www-web-3"), "web-3 gets its old volume back")
	assert.Len(t, c.Volumes(), 4)
}

// Parallel creates and deletes every pod at once.
// Reference: pkg/apis/apps/types.go ParallelPodManagement.
func TestStatefulSetParallel(t *testing.T) {
	c, lines := webCluster(t, func(s *appsv1.StatefulSet) {
		s.Spec.Replicas = ptr(int32(3))
		s.Spec.PodManagementPolicy = appsv1.ParallelPodManagement
	})
	c.RunFor(time.Millisecond)
	assert.Equal(t, []string{"web-0", "web-1", "web-2"}, podNames(c), "all three at once")
	c.RunFor(30 * time.Second)
	require.NoError(t, c.ScaleStatefulSet("default", "web", 0))
	c.RunFor(time.Millisecond)
	assert.Empty(t, podNames(c))
	assert.Equal(t, 3, strings.Count(strings.Join(*lines, "\n"), "SuccessfulDelete statefulset/web"))
}

// A deleted pod is made again with the same name and the same claim.
func TestStatefulSetReplacesADeletedPod(t *testing.T) {
	c, _ := webCluster(t, nil)
	c.RunFor(30 * time.Second)
	old, _ := c.Pod("default", "web-0")
	require.NoError(t, c.DeletePod("default", "web-0", nil))
	c.RunFor(time.Minute)
	p, err := c.Pod("default", "web-0")
	require.NoError(t, err)
	assert.NotEqual(t, old.UID, p.UID)
	assert.Equal(t, corev1.PodRunning, p.Status.Phase)
	assert.Equal(t, "www-web-0", p.Spec.Volumes[0].PersistentVolumeClaim.ClaimName)
	assert.Len(t, c.Claims(), 2)
}

// A changed template rolls out from the highest ordinal down to the
// partition; pods below it keep the old revision.
// Reference: stateful_set_control.go (rolling update, partition); the
// tutorial's "Staging an update" and "Rolling out a canary" sections.
func TestStatefulSetRollingUpdateWithPartition(t *testing.T) {
	c, _ := webCluster(t, func(s *appsv1.StatefulSet) { s.Spec.Replicas = ptr(int32(3)) })
	c.RunFor(time.Minute)
	s := c.StatefulSets()[0]
	oldRev := s.Status.CurrentRevision
	s.Spec.Template.Spec.Containers[0].Image = "registry.k8s.io/nginx-slim:0.8"
	s.Spec.UpdateStrategy.RollingUpdate.Partition = ptr(int32(2))
	require.NoError(t, c.Apply(s))
	c.RunFor(time.Minute)
	image := func(name string) string {
		p, err := c.Pod("default", name)
		require.NoError(t, err)
		return p.Spec.Containers[0].Image
	}
	assert.Equal(t, "registry.k8s.io/nginx-slim:0.8", image("web-2"))
	assert.Equal(t, "registry.k8s.io/nginx-slim:0.7", image("web-1"))
	assert.Equal(t, "registry.k8s.io/nginx-slim:0.7", image("web-0"))
	s = c.StatefulSets()[0]
	assert.Equal(t, oldRev, s.Status.CurrentRevision)
	assert.NotEqual(t, oldRev, s.Status.UpdateRevision)
	assert.Equal(t, int32(1), s.Status.UpdatedReplicas)

	s.Spec.UpdateStrategy.RollingUpdate.Partition = ptr(int32(0))
	require.NoError(t, c.Apply(s))
	c.RunFor(2 * time.Minute)
	for _, n := range []string{"web-0", "web-1", "web-2"} {
		assert.Equal(t, "registry.k8s.io/nginx-slim:0.8", image(n), n)
	}
	s = c.StatefulSets()[0]
	assert.Equal(t, s.Status.UpdateRevision, s.Status.CurrentRevision)
}

// whenDeleted and whenScaled Delete remove the claims with the set and
// with a scaled-away ordinal.
// Reference: stateful_set_utils.go (claimOwnerMatchesSetAndPod);
// the StatefulSet concept page, "PersistentVolumeClaim retention".
func TestStatefulSetClaimRetentionDelete(t *testing.T) {
	c, _ := webCluster(t, func(s *appsv1.StatefulSet) {
		s.Spec.PersistentVolumeClaimRetentionPolicy = &appsv1.StatefulSetPersistentVolumeClaimRetentionPolicy{
			WhenDeleted: appsv1.DeletePersistentVolumeClaimRetentionPolicyType,
			WhenScaled:  appsv1.DeletePersistentVolumeClaimRetentionPolicyType,
		}
	})
	c.RunFor(time.Minute)
	require.NoError(t, c.ScaleStatefulSet("default", "web", 1))
	c.RunFor(time.Minute)
	require.Len(t, c.Claims(), 1)
	assert.Equal(t, "www-web-0", c.Claims()[0].Name)
	require.NoError(t, c.DeleteStatefulSet("default", "web"))
	c.RunFor(time.Minute)
	assert.Empty(t, c.Claims())
	assert.Empty(t, c.Volumes(), "the default class deletes the volumes too")
}

func ptr[T any](v T) *T { return &v }

// Each pod of a StatefulSet has a DNS name under its headless Service,
// web-0.nginx.default.svc.cluster.local, that a pod's nslookup resolves by
// every short form its search path allows; an ordinal that does not exist
// does not resolve.
// Reference: kubernetes/dns docs/specification.md (2.4 Records for a
// headless Service: <hostname>.<service>.<ns>.svc.<zone>); the basic
// StatefulSet tutorial ("Using Stable Network Identities":
// nslookup web-0.nginx).
func TestStatefulSetPodsHaveStableDNSNames(t *testing.T) {
	c, _ := webCluster(t, nil)
	c.RunFor(30 * time.Second)
	web1, _ := c.Pod("default", "web-1")
	net := &network{c: c, store: "store-1"}
	for _, name := range []string{"web-1.nginx", "web-1.nginx.default", "web-1.nginx.default.svc", "web-1.nginx.default.svc.cluster.local."} {
		addr, ok := net.LookupHost("default", name)
		assert.True(t, ok, name)
		assert.Equal(t, web1.Status.PodIP, addr, name)
	}
	_, ok := net.LookupHost("default", "web-2.nginx")
	assert.False(t, ok, "no web-2")
	_, ok = net.LookupHost("other", "web-1.nginx")
	assert.False(t, ok, "another namespace's search path does not find it")

	require.NoError(t, c.Apply(busybox("dns-test", corev1.RestartPolicyNever,
		"nslookup web-0.nginx && nslookup web-1.nginx.default.svc.cluster.local && nslookup nginx && ! nslookup web-9.nginx")))
	c.RunFor(30 * time.Second)
	p, err := c.Pod("default", "dns-test")
	require.NoError(t, err)
	assert.Equal(t, corev1.PodSucceeded, p.Status.Phase, "every lookup in the script went as expected")
}

// OnDelete leaves pods on the old template until someone deletes them;
// RollingUpdate with maxUnavailable 2 takes two pods down at once.
// Reference: stateful_set_control.go (OnDelete: no rolling deletes;
// updateStatefulSetAfterInvariantEstablished: maxUnavailable); the
// StatefulSet concept page, "Update strategies".
func TestStatefulSetOnDeleteAndMaxUnavailable(t *testing.T) {
	c, _ := webCluster(t, func(s *appsv1.StatefulSet) {
		s.Spec.Replicas = ptr(int32(3))
		s.Spec.UpdateStrategy = appsv1.StatefulSetUpdateStrategy{Type: appsv1.OnDeleteStatefulSetStrategyType}
	})
	c.RunFor(time.Minute)
	s := c.StatefulSets()[0]
	s.Spec.Template.Spec.Containers[0].Image = "registry.k8s.io/nginx-slim:0.8"
	require.NoError(t, c.Apply(s))
	c.RunFor(time.Minute)
	image := func(name string) string {
		p, err := c.Pod("default", name)
		require.NoError(t, err)
		return p.Spec.Containers[0].Image
	}
	assert.Equal(t, "registry.k8s.io/nginx-slim:0.7", image("web-2"), "OnDelete waits")
	require.NoError(t, c.DeletePod("default", "web-1", nil))
	c.RunFor(time.Minute)
	assert.Equal(t, "registry.k8s.io/nginx-slim:0.8", image("web-1"), "a deleted pod comes back on the new template")
	assert.Equal(t, "registry.k8s.io/nginx-slim:0.7", image("web-2"))

	c2, lines := webCluster(t, func(s *appsv1.StatefulSet) {
		s.Spec.Replicas = ptr(int32(3))
		two := intstr.FromInt32(2)
		s.Spec.UpdateStrategy = appsv1.StatefulSetUpdateStrategy{Type: appsv1.RollingUpdateStatefulSetStrategyType,
			RollingUpdate: &appsv1.RollingUpdateStatefulSetStrategy{MaxUnavailable: &two}}
	})
	c2.RunFor(time.Minute)
	s = c2.StatefulSets()[0]
	s.Spec.Template.Spec.Containers[0].Image = "registry.k8s.io/nginx-slim:0.8"
	*lines = nil
	require.NoError(t, c2.Apply(s))
	c2.RunFor(time.Millisecond)
	log := strings.Join(*lines, "\n")
	assert.Contains(t, log, "delete Pod web-2 in StatefulSet web successful")
	assert.Contains(t, log, "delete Pod web-1 in StatefulSet web successful", "two at once")
	assert.NotContains(t, log, "delete Pod web-0", "never more than maxUnavailable")
}

// BenchmarkStatefulSetFifty runs web.yaml at 50 replicas, Parallel, on
// one store for a virtual minute: fifty pods, claims and volumes.
func BenchmarkStatefulSetFifty(b *testing.B) {
	src, err := os.ReadFile("testdata/web.yaml")
	require.NoError(b, err)
	docs, _, err := manifest.NewDecoder().Decode("web.yaml", src)
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		c, err := New(Config{})
		require.NoError(b, err)
		for _, d := range docs {
			if s, ok := d.Object.(*appsv1.StatefulSet); ok {
				s = s.DeepCopy()
				s.Spec.Replicas = ptr(int32(50))
				s.Spec.PodManagementPolicy = appsv1.ParallelPodManagement
				d.Object = s
			}
			require.NoError(b, c.Apply(d))
		}
		c.RunFor(time.Minute)
		if got := c.StatefulSets()[0].Status.ReadyReplicas; got != 50 {
			b.Fatalf("ready = %d, want 50", got)
		}
	}
}
