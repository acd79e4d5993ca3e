package kubelet_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/cluster"
)

// volumePod is a busybox pod that mounts its one volume at /data.
func volumePod(name, script string, src corev1.VolumeSource) *corev1.Pod {
	p := podOf(name, 1, corev1.Container{Name: "app", Image: "busybox:1.36", Command: []string{"sh", "-c", script},
		VolumeMounts: []corev1.VolumeMount{{Name: "data", MountPath: "/data"}}})
	p.Spec.Volumes = []corev1.Volume{{Name: "data", VolumeSource: src}}
	return p
}

func waitingReason(t *testing.T, r *run, pod, container string) string {
	t.Helper()
	p, err := r.c.Pod("default", pod)
	require.NoError(t, err)
	cs := containerStatus(t, p, container)
	if cs.State.Waiting == nil {
		return ""
	}
	return cs.State.Waiting.Reason
}

// A ConfigMap volume whose ConfigMap is missing fails to mount: a
// FailedMount Event with the kubelet's message, the pod stays
// ContainerCreating, and it starts once the ConfigMap appears.
// Reference: pkg/volume/configmap/configmap.go (SetUpAt returns the
// not-found error); pkg/kubelet/volumemanager (FailedMount,
// "MountVolume.SetUp failed for volume %q : %v");
// https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/#restrictions.
func TestMissingConfigMapFailsTheMountUntilItAppears(t *testing.T) {
	r := newRun(t, cluster.Config{Seed: 1}, volumePod("web", "echo $(cat /data/color); sleep 3600",
		corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{LocalObjectReference: corev1.LocalObjectReference{Name: "colors"}}}))
	r.c.RunFor(30 * time.Second)
	failed := r.find("FailedMount", "web")
	require.NotEmpty(t, failed)
	assert.Equal(t, `MountVolume.SetUp failed for volume "data" : configmap "colors" not found`, failed[0].Message)
	assert.Equal(t, "ContainerCreating", waitingReason(t, r, "web", "app"))
	assert.Empty(t, r.find("Started", "web"), "no container starts before its volumes are mounted")
	// The reconciler tries again 0.5s, 1s, 2s, 4s, 8s ... after each failure.
	var gaps []time.Duration
	for i := 1; i < len(failed); i++ {
		gaps = append(gaps, failed[i].Time.Sub(failed[i-1].Time))
	}
	assert.Equal(t, []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second}, gaps)

	require.NoError(t, r.c.Apply(&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "colors", Namespace: "default"},
		Data: map[string]string{"color": "blue"}}))
	r.c.RunFor(30 * time.Second)
	assert.Equal(t, corev1.PodRunning, phase(t, r, "web"))
	pulling := r.find("Pulling", "web")
	require.NotEmpty(t, pulling)
	assert.Equal(t, failed[len(failed)-1].Time.Add(16*time.Second), pulling[0].Time,
		"the pod's containers are started at the next retry after the ConfigMap appears")
	assert.Equal(t, "blue\n", r.logs(t, "default", "web", "app"))
}

// A key that items names and the Secret lacks fails the mount too.
// Reference: pkg/volume/secret/secret.go (MakePayload: "references
// non-existent secret key: %s").
func TestMissingSecretKeyFailsTheMount(t *testing.T) {
	s := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "creds", Namespace: "default"}, Data: map[string][]byte{"user": []byte("me")}}
	r := newRun(t, cluster.Config{Seed: 1})
	require.NoError(t, r.c.Apply(s))
	require.NoError(t, r.c.Apply(volumePod("web", "sleep 3600", corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{
		SecretName: "creds", Items: []corev1.KeyToPath{{Key: "password", Path: "pw"}}}})))
	r.c.RunFor(15 * time.Second)
	failed := r.find("FailedMount", "web")
	require.NotEmpty(t, failed)
	assert.Equal(t, `MountVolume.SetUp failed for volume "data" : references non-existent secret key: password`, failed[0].Message)
}

// An optional ConfigMap that is missing mounts as an empty directory.
// Reference: https://kubernetes.io/docs/concepts/storage/volumes/#configmap ("optional").
func TestOptionalMissingConfigMapIsEmpty(t *testing.T) {
	yes := true
	r := newRun(t, cluster.Config{Seed: 1}, volumePod("web", "sleep 3600",
		corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{LocalObjectReference: corev1.LocalObjectReference{Name: "none"}, Optional: &yes}}))
	r.c.RunFor(15 * time.Second)
	assert.Equal(t, corev1.PodRunning, phase(t, r, "web"))
	assert.Empty(t, r.find("FailedMount", "web"))
	assert.Equal(t, "", r.exec(t, "default", "web", "app", "ls", "/data").Stdout)
}

// hostPath: a directory of the store's own disk, shared by the pods on
// that store; its type is checked with the kubelet's messages.
// Reference: pkg/volume/hostpath/host_path.go (checkTypeInternal:
// "hostPath type check failed: %s is not a directory"); https://kubernetes.io/docs/concepts/storage/volumes/#hostpath.
func TestHostPath(t *testing.T) {
	dir := corev1.HostPathDirectory
	orCreate := corev1.HostPathDirectoryOrCreate
	r := newRun(t, cluster.Config{Seed: 1},
		volumePod("missing", "sleep 3600", corev1.VolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/srv/data", Type: &dir}}),
		volumePod("writer", "echo hi > /data/note; sleep 3600", corev1.VolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/srv/shared", Type: &orCreate}}))
	r.c.RunFor(15 * time.Second)
	failed := r.find("FailedMount", "missing")
	require.NotEmpty(t, failed)
	assert.Equal(t, `MountVolume.SetUp failed for volume "data" : hostPath type check failed: /srv/data is not a directory`, failed[0].Message)

	require.NoError(t, r.c.Apply(volumePod("reader", "sleep 3600", corev1.VolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/srv/shared"}})))
	r.c.RunFor(15 * time.Second)
	assert.Equal(t, "hi\n", r.cat(t, "reader", "app", "/data/note"), "another pod on the store reads the same directory")
}

// An emptyDir dies with its pod: a new pod of the same name starts with
// an empty one.
// Reference: https://kubernetes.io/docs/concepts/storage/volumes/#emptydir
// ("When a Pod is removed from a node for any reason, the data in the
// emptyDir is deleted permanently").
func TestEmptyDirDiesWithItsPod(t *testing.T) {
	r := newRun(t, cluster.Config{Seed: 1}, volumePod("web", "sleep 3600", corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}))
	r.c.RunFor(10 * time.Second)
	require.Equal(t, 0, r.exec(t, "default", "web", "app", "sh", "-c", "echo kept > /data/f").ExitCode)
	require.NoError(t, r.c.DeletePod("default", "web", nil))
	r.c.RunFor(10 * time.Second)
	require.NoError(t, r.c.Apply(volumePod("web", "sleep 3600", corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}})))
	r.c.RunFor(10 * time.Second)
	assert.NotEqual(t, 0, r.exec(t, "default", "web", "app", "cat", "/data/f").ExitCode)
}

// An emptyDir that holds more than its sizeLimit gets its pod evicted by
// the eviction manager's next pass, with the kubelet's reason and message.
// Reference: pkg/kubelet/eviction/eviction_manager.go (localStorageEviction,
// emptyDirLimitEviction); pkg/kubelet/eviction/helpers.go (emptyDirMessageFmt);
// https://kubernetes.io/docs/concepts/storage/volumes/#emptydir-configuration-example.
func TestEmptyDirSizeLimitEvicts(t *testing.T) {
	limit := resource.MustParse("1Ki")
	r := newRun(t, cluster.Config{Seed: 1}, volumePod("cache", `s=0123456789abcdef; s=$s$s$s$s$s$s$s$s; i=0; while [ $i -lt 20 ]; do echo $s >> /data/f; i=$((i+1)); done; sleep 3600`,
		corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{SizeLimit: &limit}}))
	r.c.RunFor(30 * time.Second)
	p, err := r.c.Pod("default", "cache")
	require.NoError(t, err)
	assert.Equal(t, corev1.PodFailed, p.Status.Phase)
	assert.Equal(t, "Evicted", p.Status.Reason)
	assert.Equal(t, `Usage of EmptyDir volume "data" exceeds the limit "1Ki". `, p.Status.Message)
	require.NotEmpty(t, r.find("Evicted", "cache"))
}

// A memory-backed emptyDir counts against the memory of the container
// that writes it: past the limit, the container is OOM-killed.
// Reference: https://kubernetes.io/docs/concepts/storage/volumes/#emptydir
// ("files you write count against your container's memory limit").
func TestMemoryEmptyDirCountsAgainstMemory(t *testing.T) {
	p := volumePod("tmpfs", `s=0123456789abcdef; s=$s$s$s$s$s$s$s$s; s=$s$s$s$s$s$s$s$s; s=$s$s$s$s$s$s$s$s
i=0; while [ $i -lt 2048 ]; do echo $s >> /data/f; i=$((i+1)); done; sleep 3600`,
		corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{Medium: corev1.StorageMediumMemory}})
	p.Spec.Containers[0].Resources.Limits = corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("8Mi")}
	p.Spec.RestartPolicy = corev1.RestartPolicyNever
	r := newRun(t, cluster.Config{Seed: 1}, p)
	r.c.RunFor(time.Minute)
	got, err := r.c.Pod("default", "tmpfs")
	require.NoError(t, err)
	st := containerStatus(t, got, "app")
	require.NotNil(t, st.State.Terminated)
	assert.Equal(t, "OOMKilled", st.State.Terminated.Reason)
}

// The kubelet's files: /etc/hosts with the pod's own name and address
// and its hostAliases, /etc/hostname, and /etc/resolv.conf from dnsPolicy
// and dnsConfig.
// Reference: https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/
// (the hosts file with "# Entries added by HostAliases."); pkg/kubelet/kubelet_pods.go
// (managedHostsFileContent); https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-dns-config;
// pkg/kubelet/network/dns/dns.go (GetPodDNS).
func TestKubeletFiles(t *testing.T) {
	p := podOf("hostaliases-pod", 1, sleeper("cat-hosts"))
	p.Spec.HostAliases = []corev1.HostAlias{
		{IP: "127.0.0.1", Hostnames: []string{"foo.local", "bar.local"}},
		{IP: "10.1.2.3", Hostnames: []string{"foo.remote", "bar.remote"}},
	}
	ndots := "2"
	p2 := podOf("dns-example", 1, sleeper("test"))
	p2.Spec.Hostname, p2.Spec.Subdomain = "busybox-1", "busybox-subdomain"
	p2.Spec.DNSPolicy = corev1.DNSNone
	p2.Spec.DNSConfig = &corev1.PodDNSConfig{
		Nameservers: []string{"192.0.2.1"},
		Searches:    []string{"ns1.svc.cluster-domain.example", "my.dns.search.suffix"},
		Options:     []corev1.PodDNSConfigOption{{Name: "ndots", Value: &ndots}, {Name: "edns0"}},
	}
	r := newRun(t, cluster.Config{Seed: 1}, p, p2)
	r.c.RunFor(15 * time.Second)
	got, err := r.c.Pod("default", "hostaliases-pod")
	require.NoError(t, err)
	assert.Equal(t, "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"+
		"fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n"+
		got.Status.PodIP+"\thostaliases-pod\n\n# Entries added by HostAliases.\n127.0.0.1\tfoo.local\tbar.local\n10.1.2.3\tfoo.remote\tbar.remote\n",
		r.cat(t, "hostaliases-pod", "cat-hosts", "/etc/hosts"))
	assert.Equal(t, "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
		r.cat(t, "hostaliases-pod", "cat-hosts", "/etc/resolv.conf"))
	assert.Equal(t, "hostaliases-pod\n", r.cat(t, "hostaliases-pod", "cat-hosts", "/etc/hostname"))

	got2, err := r.c.Pod("default", "dns-example")
	require.NoError(t, err)
	assert.Contains(t, r.cat(t, "dns-example", "test", "/etc/hosts"),
		got2.Status.PodIP+"\tbusybox-1.busybox-subdomain.default.svc.cluster.local\tbusybox-1\n")
	assert.Equal(t, "busybox-1\n", r.cat(t, "dns-example", "test", "/etc/hostname"))
	// containerd writes search, then nameserver, then options (the page's
	// output, from an older runtime, puts the nameserver first).
	assert.Equal(t, "search ns1.svc.cluster-domain.example my.dns.search.suffix\nnameserver 192.0.2.1\noptions ndots:2 edns0\n",
		r.cat(t, "dns-example", "test", "/etc/resolv.conf"))
}

// The terminated state's message comes from terminationMessagePath, or,
// under FallbackToLogsOnError, from the end of the log of a container
// that failed; kubectl describe shows it.
// Reference: https://kubernetes.io/docs/tasks/debug/debug-application/determine-reason-pod-failure/
// (the message "Sleep expired" written to /dev/termination-log shows in
// the container's terminated state); pkg/kubelet/kuberuntime/kuberuntime_container.go
// (getTerminationMessage).
func TestTerminationMessageInStatus(t *testing.T) {
	file := podOf("termination-demo", 1, corev1.Container{Name: "termination-demo-container", Image: "debian-or-busybox",
		Command: []string{"/bin/sh"}, Args: []string{"-c", "sleep 2 && echo Sleep expired > /dev/termination-log"}})
	file.Spec.Containers[0].Image = "busybox:1.36"
	file.Spec.RestartPolicy = corev1.RestartPolicyNever
	logs := podOf("fallback", 1, corev1.Container{Name: "app", Image: "busybox:1.36",
		Command:                  []string{"sh", "-c", "echo starting; echo config missing >&2; exit 3"},
		TerminationMessagePolicy: corev1.TerminationMessageFallbackToLogsOnError})
	logs.Spec.RestartPolicy = corev1.RestartPolicyNever
	r := newRun(t, cluster.Config{Seed: 1}, file, logs)
	r.c.RunFor(30 * time.Second)
	p, err := r.c.Pod("default", "termination-demo")
	require.NoError(t, err)
	st := containerStatus(t, p, "termination-demo-container").State.Terminated
	require.NotNil(t, st)
	assert.Equal(t, "Sleep expired\n", st.Message)

	p, err = r.c.Pod("default", "fallback")
	require.NoError(t, err)
	st = containerStatus(t, p, "app").State.Terminated
	require.NotNil(t, st)
	assert.Equal(t, "starting\nconfig missing\n", st.Message)
}

// A mounted ConfigMap is updated in place at the kubelet's next sync of
// the pod; a subPath mount of it is not.
// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/#mounted-configmaps-are-updated-automatically;
// https://kubernetes.io/docs/concepts/storage/volumes/#using-subpath.
func TestConfigMapUpdatesSkipSubPathMounts(t *testing.T) {
	cm := func(v string) *corev1.ConfigMap {
		return &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "colors", Namespace: "default"}, Data: map[string]string{"color": v}}
	}
	p := volumePod("web", "sleep 3600", corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{LocalObjectReference: corev1.LocalObjectReference{Name: "colors"}}})
	p.Spec.Containers[0].VolumeMounts = append(p.Spec.Containers[0].VolumeMounts,
		corev1.VolumeMount{Name: "data", MountPath: "/etc/color", SubPath: "color"})
	r := newRun(t, cluster.Config{Seed: 1})
	require.NoError(t, r.c.Apply(cm("blue")))
	require.NoError(t, r.c.Apply(p))
	r.c.RunFor(15 * time.Second)
	assert.Equal(t, "blue", r.cat(t, "web", "app", "/etc/color"))
	require.NoError(t, r.c.Apply(cm("red")))
	r.c.RunFor(61 * time.Second)
	assert.Equal(t, "red", r.cat(t, "web", "app", "/data/color"), "the directory mount is updated")
	assert.Equal(t, "blue", r.cat(t, "web", "app", "/etc/color"), "the subPath mount is not")
}

// After a power cut, an emptyDir on the store's disk still holds its
// files when the pod's containers start again; a tmpfs one is empty.
// Reference: https://kubernetes.io/docs/concepts/storage/volumes/#emptydir
// ("tmpfs is cleared on node reboot").
func TestEmptyDirAfterAPowerCut(t *testing.T) {
	p := podOf("web", 1, corev1.Container{Name: "app", Image: "busybox:1.36", Command: []string{"sleep", "3600"},
		VolumeMounts: []corev1.VolumeMount{{Name: "disk", MountPath: "/disk"}, {Name: "mem", MountPath: "/mem"}}})
	p.Spec.Volumes = []corev1.Volume{
		{Name: "disk", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}},
		{Name: "mem", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{Medium: corev1.StorageMediumMemory}}},
	}
	r := newRun(t, cluster.Config{Seed: 1}, p)
	r.c.RunFor(10 * time.Second)
	require.Equal(t, 0, r.exec(t, "default", "web", "app", "sh", "-c", "echo kept > /disk/f; echo lost > /mem/f").ExitCode)
	require.NoError(t, r.c.PowerOff("store-1"))
	r.c.RunFor(10 * time.Second)
	require.NoError(t, r.c.PowerOn("store-1"))
	r.c.RunFor(20 * time.Second)
	require.Equal(t, corev1.PodRunning, phase(t, r, "web"))
	assert.Equal(t, "kept\n", r.cat(t, "web", "app", "/disk/f"))
	assert.NotEqual(t, 0, r.exec(t, "default", "web", "app", "cat", "/mem/f").ExitCode)
}

// A container's writable layer and its pod's emptyDirs on disk count as
// the pod's ephemeral storage: past what its containers' limits add up
// to, the eviction manager's next pass evicts the pod, even one whose
// loop appends a line a turn without end.
// Reference: pkg/kubelet/eviction/eviction_manager.go (localStorageEviction,
// podEphemeralStorageLimitEviction); pkg/kubelet/eviction/helpers.go
// (podEphemeralStorageMessageFmt, podLocalEphemeralStorageUsage);
// https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage
func TestEphemeralStorageLimitEvicts(t *testing.T) {
	for _, file := range []string{"/tmp/f", "/data/f"} {
		p := volumePod("writer", "while true; do echo x >> "+file+"; done", corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}})
		p.Spec.Containers[0].Resources.Limits = corev1.ResourceList{corev1.ResourceEphemeralStorage: resource.MustParse("1Mi")}
		r := newRun(t, cluster.Config{Seed: 1}, p)
		r.c.RunFor(time.Minute)
		got, err := r.c.Pod("default", "writer")
		require.NoError(t, err)
		assert.Equal(t, corev1.PodFailed, got.Status.Phase, file)
		assert.Equal(t, "Evicted", got.Status.Reason, file)
		assert.Equal(t, "Pod ephemeral local storage usage exceeds the total limit of containers 1Mi. ", got.Status.Message, file)
	}
}

// A claim holds its capacity and no more: a loop that appends to a file
// on it fills it to the byte in a bounded number of events, and then
// each write fails as on a full disk, status 1 and ash's message.
// Reference: https://kubernetes.io/docs/concepts/storage/persistent-volumes/#capacity;
// busybox coreutils/echo.c (bb_msg_write_error, then strerror(ENOSPC)).
func TestClaimCapacityFailsWritesPastIt(t *testing.T) {
	if testing.Short() {
		t.Skip("a long run of simulation alone: not with -short (CI's race detector run)")
	}
	pvc := &corev1.PersistentVolumeClaim{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "PersistentVolumeClaim"},
		ObjectMeta: metav1.ObjectMeta{Name: "disk", Namespace: "default"},
		Spec: corev1.PersistentVolumeClaimSpec{
			AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
			Resources:   corev1.VolumeResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceStorage: resource.MustParse("1Mi")}},
		},
	}
	r := newRun(t, cluster.Config{Seed: 1})
	require.NoError(t, r.c.Apply(pvc, volumePod("filler", "while true; do echo x >> /data/f; done",
		corev1.VolumeSource{PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: "disk"}})))
	r.c.RunFor(time.Minute)
	res := r.exec(t, "default", "filler", "app", "wc", "-c", "/data/f")
	assert.Equal(t, []string{"1048576", "/data/f"}, strings.Fields(res.Stdout), "the claim is full to the byte")
	res = r.exec(t, "default", "filler", "app", "sh", "-c", "echo more >> /data/f")
	assert.Equal(t, 1, res.ExitCode)
	assert.Equal(t, "sh: write error: No space left on device\n", res.Stderr)
}
