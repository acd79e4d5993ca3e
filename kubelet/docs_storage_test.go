package kubelet_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/manifest"
	"github.com/nodenucleus/nucleus/node"
	"github.com/nodenucleus/nucleus/runtime"
)

// This file runs the Kubernetes documentation's example manifests that use
// volumes (testdata/docs), each with what its page says it does.

// docsWarnings are the fields of the manifests nucleus reads but does not
// simulate: a ServiceAccount is not an object nucleus keeps (the token's
// file names the account, nothing checks it).
var docsWarnings = map[string][]string{
	"projected-service-account-token.yaml": {"spec.serviceAccountName"},
	"projected-clustertrustbundle.yaml":    {"spec.serviceAccountName"},
}

// decodeDocs decodes a documentation manifest, checking that the fields
// it names as not simulated are those of docsWarnings.
func decodeDocs(t *testing.T, file string) []manifest.Document {
	t.Helper()
	path := filepath.Join("testdata", "docs", file)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	docs, warnings, err := manifest.NewDecoder().Decode(path, data)
	require.NoError(t, err)
	var paths []string
	for _, w := range warnings {
		paths = append(paths, w.Path)
	}
	assert.Equal(t, docsWarnings[file], paths, "%s: the fields nucleus does not simulate", file)
	return docs
}

// applyDocs applies a documentation manifest to the cluster of r.
func (r *run) applyDocs(t *testing.T, file string) {
	t.Helper()
	for _, doc := range decodeDocs(t, file) {
		r.createNamespace(t, doc.Object)
		require.NoError(t, r.c.Apply(doc.Object), file)
	}
}

// createNamespace creates the namespace an object goes to when it does
// not exist yet, as the pages do first (`kubectl create namespace
// mem-example`) before they apply a manifest that names it.
func (r *run) createNamespace(t *testing.T, obj any) {
	t.Helper()
	o, ok := obj.(metav1.Object)
	if !ok || o.GetNamespace() == "" {
		return
	}
	if _, err := r.c.API().Namespaces.Get("", o.GetNamespace()); err == nil {
		return
	}
	require.NoError(t, r.c.Apply(&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: o.GetNamespace()}}))
}

// container returns the store and the runtime id of the current instance
// of a pod's container.
func (r *run) container(t *testing.T, pod, container string) (*node.Store, string) {
	t.Helper()
	p, err := r.c.Pod("default", pod)
	require.NoError(t, err)
	store, ok := r.c.Store(p.Spec.NodeName)
	require.True(t, ok, "pod %s is on no store", pod)
	cs := containerStatus(t, p, container)
	require.NotEmpty(t, cs.ContainerID, "%s/%s has not started", pod, container)
	return store, strings.TrimPrefix(cs.ContainerID, "containerd://")
}

// cat returns a file as a pod's container reads it.
func (r *run) cat(t *testing.T, pod, container, path string) string {
	t.Helper()
	res := r.exec(t, "default", pod, container, "cat", path)
	require.Equal(t, 0, res.ExitCode, "cat %s: %s", path, res.Stderr)
	return res.Stdout
}

// httpGet asks a pod on port for path, as curl localhost does in its
// container.
func (r *run) httpGet(t *testing.T, pod string, port int, path string) (int, string) {
	t.Helper()
	p, err := r.c.Pod("default", pod)
	require.NoError(t, err)
	store, _ := r.c.Store(p.Spec.NodeName)
	l, ok := store.Runtime.Dial(p.Status.PodIP, port)
	require.True(t, ok, "nothing listens on %s:%d", p.Status.PodIP, port)
	return l.HTTP(path)
}

func newDocsRun(t *testing.T, files ...string) *run {
	t.Helper()
	r := newRun(t, cluster.Config{Seed: 1})
	for _, f := range files {
		r.applyDocs(t, f)
	}
	return r
}

func phase(t *testing.T, r *run, pod string) corev1.PodPhase {
	t.Helper()
	p, err := r.c.Pod("default", pod)
	require.NoError(t, err)
	return p.Status.Phase
}

// Reference: https://kubernetes.io/docs/tasks/inject-data-application/downward-api-volume-expose-pod-information/
// ("the output shows the contents of the labels file and the annotations
// file": cluster="test-cluster1" rack="rack-22" zone="us-est-coast", then
// build="two" builder="john-doe"; the files sit in /etc/podinfo);
// pkg/fieldpath (FormatMap: key="value" lines, sorted).
func TestDocsDownwardAPIVolume(t *testing.T) {
	r := newDocsRun(t, "dapi-volume.yaml")
	r.c.RunFor(20 * time.Second)
	const pod = "kubernetes-downwardapi-volume-example"
	require.Equal(t, corev1.PodRunning, phase(t, r, pod))
	want := "\n\ncluster=\"test-cluster1\"\nrack=\"rack-22\"\nzone=\"us-est-coast\"\n\nbuild=\"two\"\nbuilder=\"john-doe\""
	logs := r.logs(t, "default", pod, "client-container")
	assert.True(t, strings.HasPrefix(logs, want), "logs:\n%q", logs)
	assert.Equal(t, "build=\"two\"\nbuilder=\"john-doe\"", r.cat(t, pod, "client-container", "/etc/podinfo/annotations"))
}

// Reference: https://kubernetes.io/docs/tasks/inject-data-application/downward-api-volume-expose-pod-information/#store-container-fields
// (cpu_limit in millicores with divisor 1m: 250 for a 250m limit; the
// memory files in Mi with divisor 1Mi).
func TestDocsDownwardAPIVolumeResources(t *testing.T) {
	r := newDocsRun(t, "dapi-volume-resources.yaml")
	r.c.RunFor(15 * time.Second)
	const pod = "kubernetes-downwardapi-volume-example-2"
	for file, want := range map[string]string{"cpu_limit": "250", "cpu_request": "125", "mem_limit": "64", "mem_request": "32"} {
		assert.Equal(t, want, r.cat(t, pod, "client-container", "/etc/podinfo/"+file), file)
	}
}

// Reference: https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/#create-a-pod-that-has-access-to-the-secret-data-through-a-volume
// ("The output shows the username and password": my-app and 39528$vdg7Jb,
// one file per key in /etc/secret-volume).
func TestDocsSecretVolume(t *testing.T) {
	r := newDocsRun(t, "secret-pod.yaml")
	r.c.RunFor(15 * time.Second)
	require.Equal(t, corev1.PodRunning, phase(t, r, "secret-test-pod"))
	assert.Equal(t, "my-app", r.cat(t, "secret-test-pod", "test-container", "/etc/secret-volume/username"))
	assert.Equal(t, "39528$vdg7Jb", r.cat(t, "secret-test-pod", "test-container", "/etc/secret-volume/password"))
	res := r.exec(t, "default", "secret-test-pod", "test-container", "sh", "-c", "echo x > /etc/secret-volume/username")
	assert.Contains(t, res.Stderr, "Read-only file system", "a Secret's volume is read-only")
	res = r.exec(t, "default", "secret-test-pod", "test-container", "stat", "-c", "%a %n", "/etc/secret-volume/username", "/etc/secret-volume")
	assert.Equal(t, "644 /etc/secret-volume/username\n755 /etc/secret-volume\n", res.Stdout, "without defaultMode a key's file is 0644")
}

// Reference: https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/
// and https://kubernetes.io/docs/concepts/configuration/secret/ (a secret
// volume's defaultMode: 0400 makes every key's file -r--------; an item's
// mode wins over it); pkg/volume/secret (MakePayload),
// pkg/volume/util/atomic_writer.go (each file written with its mode).
func TestDocsSecretVolumeModes(t *testing.T) {
	r := newDocsRun(t, "secret-mode-pod.yaml")
	r.c.RunFor(15 * time.Second)
	require.Equal(t, corev1.PodRunning, phase(t, r, "secret-test-pod"))
	res := r.exec(t, "default", "secret-test-pod", "test-container", "stat", "-c", "%a", "/etc/secret-volume/password", "/etc/one-key/my-group/my-username")
	assert.Equal(t, "400\n777\n", res.Stdout)
	res = r.exec(t, "default", "secret-test-pod", "test-container", "ls", "-l", "/etc/secret-volume")
	lines := strings.Split(strings.TrimSpace(res.Stdout), "\n")
	require.Len(t, lines, 2, res.Stdout)
	assert.True(t, strings.HasPrefix(lines[0], "-r--------    1 root     root            12 "), lines[0])
	assert.True(t, strings.HasSuffix(lines[0], " password"), lines[0])
	assert.True(t, strings.HasPrefix(lines[1], "-r--------    1 root     root             6 "), lines[1])
	res = r.exec(t, "default", "secret-test-pod", "test-container", "sh", "-c", "echo x > /tmp/f; mkdir /tmp/d; stat -c '%A %a' /tmp/f /tmp/d")
	assert.Equal(t, "-rw-r--r-- 644\ndrwxr-xr-x 755\n", res.Stdout, "a container's own files are 0644, its directories 0755")
}

// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/#populate-a-volume-with-data-stored-in-a-configmap
// ("When the pod runs, the command ls /etc/config/ produces SPECIAL_LEVEL
// SPECIAL_TYPE"; with items, "cat /etc/config/keys" prints "very").
func TestDocsConfigMapVolume(t *testing.T) {
	r := newDocsRun(t, "configmap-volume.yaml")
	r.c.RunFor(15 * time.Second)
	assert.Equal(t, corev1.PodSucceeded, phase(t, r, "dapi-test-pod"))
	assert.Equal(t, "SPECIAL_LEVEL\nSPECIAL_TYPE\n", r.logs(t, "default", "dapi-test-pod", "test-container"))
	assert.Equal(t, corev1.PodSucceeded, phase(t, r, "dapi-test-pod-specific-key"))
	assert.Equal(t, "very\n", r.logs(t, "default", "dapi-test-pod-specific-key", "test-container"),
		"the log shows the file's content as a line")
}

// Reference: https://kubernetes.io/docs/tutorials/configuration/configure-redis-using-configmap/
// (the ConfigMap's redis-config is at first empty; once it is applied
// with maxmemory, "the updated ConfigMap" reaches the file in the pod, but
// Redis keeps its configuration until the pod is recreated);
// https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/#mounted-configmaps-are-updated-automatically
// (the delay is at most the kubelet's sync period plus the cache's
// propagation: the watch-based cache propagates at once, the sync period
// is 1 minute).
func TestDocsRedisConfigMapUpdate(t *testing.T) {
	r := newDocsRun(t, "redis-config.yaml")
	r.c.RunFor(30 * time.Second)
	require.Equal(t, corev1.PodRunning, phase(t, r, "redis"))
	assert.Equal(t, "", r.cat(t, "redis", "redis", "/usr/local/etc/redis/redis.conf"))
	_, before := r.container(t, "redis", "redis")

	r.applyDocs(t, "example-redis-config.yaml")
	want := "maxmemory 2mb\nmaxmemory-policy allkeys-lru\n"
	r.c.RunFor(time.Second)
	assert.Equal(t, "", r.cat(t, "redis", "redis", "/usr/local/etc/redis/redis.conf"), "not yet: the next sync brings it")
	r.c.RunFor(time.Minute)
	assert.Equal(t, want, r.cat(t, "redis", "redis", "/usr/local/etc/redis/redis.conf"), "within the sync period")
	_, after := r.container(t, "redis", "redis")
	assert.Equal(t, before, after, "the container is not restarted")
}

// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/configure-volume-storage/
// (a file written to the emptyDir at /data/redis is still there after
// the Redis process is killed and its container restarted: "The Volume
// persists ... for the life of the Pod").
func TestDocsEmptyDirSurvivesRestart(t *testing.T) {
	r := newDocsRun(t, "storage-redis.yaml")
	r.c.RunFor(30 * time.Second)
	res := r.exec(t, "default", "redis", "redis", "sh", "-c", "echo Hello > /data/redis/test-file; echo scratch > /tmp/scratch")
	require.Equal(t, 0, res.ExitCode, res.Stderr)
	store, id := r.container(t, "redis", "redis")
	require.NoError(t, store.Runtime.Crash(id, 1))
	r.c.RunFor(30 * time.Second)
	p, err := r.c.Pod("default", "redis")
	require.NoError(t, err)
	require.Equal(t, int32(1), containerStatus(t, p, "redis").RestartCount)
	assert.Equal(t, "Hello\n", r.cat(t, "redis", "redis", "/data/redis/test-file"), "the volume's file outlives the container")
	res = r.exec(t, "default", "redis", "redis", "cat", "/tmp/scratch")
	assert.NotEqual(t, 0, res.ExitCode, "the container's own file does not")
}

// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/configure-projected-volume-storage/
// (ls /projected-volume/ shows password.txt and username.txt, one
// directory for both Secrets).
func TestDocsProjectedVolume(t *testing.T) {
	r := newDocsRun(t, "projected.yaml")
	r.c.RunFor(15 * time.Second)
	assert.Equal(t, "admin", r.cat(t, "test-projected-volume", "test-projected-volume", "/projected-volume/username.txt"))
	assert.Equal(t, "1f2d1e2e67df", r.cat(t, "test-projected-volume", "test-projected-volume", "/projected-volume/password.txt"))
}

// Reference: https://kubernetes.io/docs/concepts/storage/projected-volumes/
// ("all sources are required to be in the same namespace as the Pod";
// each item lands at its path; a projected service account token is a
// file at its path).
func TestDocsProjectedSources(t *testing.T) {
	r := newDocsRun(t, "projected-secret-downwardapi-configmap.yaml")
	r.c.RunFor(15 * time.Second)
	assert.Equal(t, "my-app", r.cat(t, "volume-test", "container-test", "/projected-volume/my-group/my-username"))
	assert.Equal(t, "log_level=debug", r.cat(t, "volume-test", "container-test", "/projected-volume/my-group/my-config"))
	assert.Equal(t, `app="volume-test"`, r.cat(t, "volume-test", "container-test", "/projected-volume/labels"))
	assert.Equal(t, "4", r.cat(t, "volume-test", "container-test", "/projected-volume/cpu_limit"),
		"no limit: the store's allocatable CPU, in cores")

	r = newDocsRun(t, "projected-secrets-nondefault-permission-mode.yaml")
	r.c.RunFor(15 * time.Second)
	assert.Equal(t, "39528$vdg7Jb", r.cat(t, "volume-test", "container-test", "/projected-volume/my-group/my-password"))

	r = newDocsRun(t, "projected-service-account-token.yaml")
	r.c.RunFor(15 * time.Second)
	assert.NotEmpty(t, r.cat(t, "sa-token-test", "container-test", "/service-account/token"))
}

// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/configure-persistent-volume-storage/
// ("curl http://localhost/" in the pod answers "Hello from Kubernetes
// storage", the index.html the page writes to the volume; the data
// outlives the pod). pv-volume.yaml and pv-claim.yaml bind by their
// class "manual", as the page shows (STATUS Bound for both).
func TestDocsPersistentVolumeClaimPod(t *testing.T) {
	r := newRun(t, cluster.Config{Seed: 1})
	r.applyDocs(t, "pv-volume.yaml")
	r.applyDocs(t, "pv-claim.yaml")
	r.c.RunFor(time.Second)
	claim, err := r.c.API().Claims.Get("default", "task-pv-claim")
	require.NoError(t, err)
	assert.Equal(t, corev1.ClaimBound, claim.Status.Phase)
	assert.Equal(t, "task-pv-volume", claim.Spec.VolumeName)
	r.applyDocs(t, "pv-pod.yaml")
	r.c.RunFor(15 * time.Second)
	require.NoError(t, r.c.DeletePod("default", "task-pv-pod", nil))
	r.c.RunFor(45 * time.Second)

	// The page writes the file on the node; here, from a first pod that
	// mounts the claim, then is deleted.
	r.applyDocs(t, "pv-pod.yaml")
	r.c.RunFor(15 * time.Second)
	res := r.exec(t, "default", "task-pv-pod", "task-pv-container", "sh", "-c", "echo 'Hello from Kubernetes storage' > /usr/share/nginx/html/index.html")
	require.Equal(t, 0, res.ExitCode, res.Stderr)
	require.NoError(t, r.c.DeletePod("default", "task-pv-pod", nil))
	r.c.RunFor(45 * time.Second)
	r.applyDocs(t, "pv-pod.yaml")
	r.c.RunFor(15 * time.Second)
	code, body := r.httpGet(t, "task-pv-pod", 80, "/")
	assert.Equal(t, 200, code)
	assert.Equal(t, "Hello from Kubernetes storage\n", body, "the claim's data outlived the pod")

	r.c.DeleteClaimData("default", "task-pv-claim")
	require.NoError(t, r.c.DeletePod("default", "task-pv-pod", nil))
	r.c.RunFor(45 * time.Second)
	r.applyDocs(t, "pv-pod.yaml")
	r.c.RunFor(15 * time.Second)
	code, _ = r.httpGet(t, "task-pv-pod", 80, "/")
	assert.Equal(t, 404, code, "a deleted claim's data is gone")
}

// Reference: https://kubernetes.io/docs/tasks/access-application-cluster/communicate-containers-same-pod-shared-volume/
// (the debian container writes index.html to the shared volume and ends;
// "curl localhost" in the nginx container prints "Hello from the debian
// container"). The debian image is registered here, a shell image as the
// page uses it.
func TestDocsTwoContainersShareAVolume(t *testing.T) {
	catalog := runtime.NewCatalog()
	if _, ok := catalog.Lookup(mustRef(t, "debian")); !ok {
		catalog.Add(runtime.ImageSpec{Repository: "docker.io/library/debian", Size: 50_000_000, Cmd: []string{"bash"}, Shell: true, Memory: 1 << 20})
	}
	r := newRun(t, cluster.Config{Seed: 1, Catalog: catalog})
	r.applyDocs(t, "two-container-pod.yaml")
	r.c.RunFor(time.Minute)
	p, err := r.c.Pod("default", "two-containers")
	require.NoError(t, err)
	debian := containerStatus(t, p, "debian-container")
	require.NotNil(t, debian.State.Terminated, "the debian container has ended: %+v", debian.State)
	assert.Equal(t, int32(0), debian.State.Terminated.ExitCode)
	assert.NotNil(t, containerStatus(t, p, "nginx-container").State.Running)
	code, body := r.httpGet(t, "two-containers", 80, "/")
	assert.Equal(t, 200, code)
	assert.Equal(t, "Hello from the debian container\n", body)
}

func mustRef(t *testing.T, s string) runtime.Reference {
	t.Helper()
	ref, err := runtime.ParseReference(s)
	require.NoError(t, err)
	return ref
}

// Reference: https://kubernetes.io/docs/concepts/storage/volumes/#using-subpath
// (pv-duplicate.yaml: one claim mounted twice, its html folder as nginx's
// pages and its nginx.conf as nginx's configuration).
func TestDocsClaimMountedTwiceBySubPath(t *testing.T) {
	r := newRun(t, cluster.Config{Seed: 1})
	require.NoError(t, r.c.Apply(&corev1.PersistentVolumeClaim{
		ObjectMeta: metav1.ObjectMeta{Name: "test-nfs-claim"},
		Spec: corev1.PersistentVolumeClaimSpec{AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
			Resources: corev1.VolumeResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceStorage: resource.MustParse("1Gi")}}},
	}))
	filler := volumePod("filler", "mkdir -p /data/html; echo site > /data/html/index.html; echo 'user nginx;' > /data/nginx.conf; sleep 3600",
		corev1.VolumeSource{PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: "test-nfs-claim"}})
	require.NoError(t, r.c.Apply(filler))
	r.c.RunFor(10 * time.Second)
	r.applyDocs(t, "pv-duplicate.yaml")
	r.c.RunFor(15 * time.Second)
	code, body := r.httpGet(t, "test", 80, "/")
	assert.Equal(t, 200, code)
	assert.Equal(t, "site\n", body)
	assert.Equal(t, "user nginx;\n", r.cat(t, "test", "test", "/etc/nginx/nginx.conf"))
}

// Reference: https://kubernetes.io/docs/concepts/storage/projected-volumes/#clustertrustbundle
// (a ClusterTrustBundle, beta, off by default): nucleus keeps no
// ClusterTrustBundles, and refuses the pod naming the field rather than
// run it without the certificates.
func TestDocsClusterTrustBundleIsRefused(t *testing.T) {
	r := newRun(t, cluster.Config{Seed: 1})
	err := r.c.Apply(decodeDocs(t, "projected-clustertrustbundle.yaml")[0].Object)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "spec.volumes[0].projected.sources[0].clusterTrustBundle: Forbidden: not simulated by nucleus")
}
