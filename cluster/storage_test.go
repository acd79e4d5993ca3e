package cluster

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/sim"
)

func claim(name string, class *string) *corev1.PersistentVolumeClaim {
	return &corev1.PersistentVolumeClaim{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: corev1.PersistentVolumeClaimSpec{
			AccessModes:      []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
			StorageClassName: class,
			Resources: corev1.VolumeResourceRequirements{Requests: corev1.ResourceList{
				corev1.ResourceStorage: resource.MustParse("1Gi")}},
		},
	}
}

func claimUser(name, claimName string) *corev1.Pod {
	p := busybox(name, corev1.RestartPolicyAlways, "sleep 3600")
	p.Spec.Volumes = []corev1.Volume{{Name: "data", VolumeSource: corev1.VolumeSource{
		PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: claimName}}}}
	return p
}

// A claim that names no class gets the default one; the default class
// waits for the first consumer, so the claim stays Pending until a pod
// using it is placed; then the provisioner makes pvc-<uid> and the volume
// controller binds the two, before the pod is bound to its store.
// Reference: plugin/pkg/admission/storage/storageclass/setdefault/admission.go;
// pkg/controller/volume/persistentvolume/pv_controller.go (syncUnboundClaim,
// "waiting for first consumer to be created before binding");
// pkg/scheduler/framework/plugins/volumebinding/volume_binding.go (PreBind).
func TestClaimBindsForItsFirstConsumer(t *testing.T) {
	c, err := New(Config{})
	require.NoError(t, err)
	lines := record(c)
	require.NoError(t, c.Apply(claim("data", nil)))
	c.RunFor(time.Second)
	cl, err := c.API().Claims.Get("default", "data")
	require.NoError(t, err)
	require.NotNil(t, cl.Spec.StorageClassName)
	assert.Equal(t, "standard", *cl.Spec.StorageClassName)
	assert.Equal(t, corev1.ClaimPending, cl.Status.Phase)
	assert.Contains(t, cl.Finalizers, "kubernetes.io/pvc-protection")
	assert.Contains(t, strings.Join(*lines, "\n"), "WaitForFirstConsumer persistentvolumeclaim/data waiting for first consumer to be created before binding")
	assert.Empty(t, c.Volumes())

	require.NoError(t, c.Apply(claimUser("app", "data")))
	c.RunFor(10 * time.Second)
	cl, _ = c.API().Claims.Get("default", "data")
	assert.Equal(t, corev1.ClaimBound, cl.Status.Phase)
	assert.Equal(t, "pvc-"+string(cl.UID), cl.Spec.VolumeName)
	assert.Equal(t, "store-1", cl.Annotations["volume.kubernetes.io/selected-node"])
	vols := c.Volumes()
	require.Len(t, vols, 1)
	assert.Equal(t, corev1.VolumeBound, vols[0].Status.Phase)
	assert.Equal(t, corev1.PersistentVolumeReclaimDelete, vols[0].Spec.PersistentVolumeReclaimPolicy)
	assert.Equal(t, "data", vols[0].Spec.ClaimRef.Name)
	p, _ := c.Pod("default", "app")
	assert.Equal(t, corev1.PodRunning, p.Status.Phase)
	all := strings.Join(*lines, "\n")
	provisioned := strings.Index(all, "ProvisioningSucceeded persistentvolumeclaim/data Successfully provisioned volume pvc-")
	scheduled := strings.Index(all, "Scheduled pod/app")
	assert.True(t, provisioned >= 0 && provisioned < scheduled, "the volume is made before the pod is bound:\n%s", all)
}

// The scheduler's VolumeBinding plugin keeps a pod Pending while its
// claims cannot be bound, with its own words.
// Reference: pkg/scheduler/framework/plugins/volumebinding/volume_binding.go
// (PreFilter: `persistentvolumeclaim "x" not found`, "pod has unbound
// immediate PersistentVolumeClaims"; Filter: ErrReasonBindConflict);
// pkg/volume/util IsDelayBindingMode (a class that does not exist binds
// immediately).
func TestUnbindableClaimsKeepThePodPending(t *testing.T) {
	noSuch, manual := "fast", "manual"
	wait := storagev1.VolumeBindingWaitForFirstConsumer
	for _, tt := range []struct {
		name  string
		setup []any
		want  string
	}{
		{"missing claim", nil,
			`0/1 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.`},
		{"missing class", []any{claim("data", &noSuch)},
			"0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."},
		{"class without provisioner", []any{
			&storagev1.StorageClass{ObjectMeta: metav1.ObjectMeta{Name: manual}, Provisioner: "kubernetes.io/no-provisioner", VolumeBindingMode: &wait},
			claim("data", &manual)},
			"0/1 nodes are available: 1 node(s) didn't find available persistent volumes to bind. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(Config{})
			require.NoError(t, err)
			lines := record(c)
			require.NoError(t, c.Apply(tt.setup...))
			require.NoError(t, c.Apply(claimUser("app", "data")))
			c.RunFor(time.Minute)
			p, _ := c.Pod("default", "app")
			assert.Equal(t, corev1.PodPending, p.Status.Phase)
			assert.Empty(t, p.Spec.NodeName)
			assert.Contains(t, strings.Join(*lines, "\n"), "FailedScheduling pod/app "+tt.want)
		})
	}
}

// A pod waiting for a missing claim is placed once the claim exists.
func TestPodPlacedOnceItsClaimExists(t *testing.T) {
	c, err := New(Config{})
	require.NoError(t, err)
	require.NoError(t, c.Apply(claimUser("app", "data")))
	c.RunFor(5 * time.Second)
	require.NoError(t, c.Apply(claim("data", nil)))
	c.RunFor(10 * time.Second)
	p, _ := c.Pod("default", "app")
	assert.Equal(t, corev1.PodRunning, p.Status.Phase)
}

// Deleting a claim a pod uses waits for the pod (pvc-protection); once it
// goes, so does the claim, and its volume with reclaimPolicy Delete.
// Reference: pkg/controller/volume/pvcprotection/pvc_protection_controller.go;
// pv_controller.go reclaimVolume (Delete).
func TestClaimInUseWaitsAndItsVolumeIsDeleted(t *testing.T) {
	c, err := New(Config{})
	require.NoError(t, err)
	require.NoError(t, c.Apply(claim("data", nil), claimUser("app", "data")))
	c.RunFor(10 * time.Second)
	require.NoError(t, c.DeleteClaim("default", "data"))
	c.RunFor(time.Second)
	cl, err := c.API().Claims.Get("default", "data")
	require.NoError(t, err, "a claim in use stays")
	assert.NotNil(t, cl.DeletionTimestamp)
	require.NoError(t, c.DeletePod("default", "app", nil))
	c.RunFor(time.Minute)
	_, err = c.API().Claims.Get("default", "data")
	assert.Error(t, err, "the claim goes with its last pod")
	assert.Empty(t, c.Volumes(), "reclaimPolicy Delete deletes the volume")
}

// A volume made by hand binds to a claim without a class that fits it;
// with reclaimPolicy Retain it is Released when the claim goes.
// Reference: pkg/controller/volume/persistentvolume/index.go
// (findBestMatchForClaim: the smallest volume that fits).
func TestStaticVolumeBindsAndIsRetained(t *testing.T) {
	c, err := New(Config{})
	require.NoError(t, err)
	none := ""
	mk := func(name, size string) *corev1.PersistentVolume {
		return &corev1.PersistentVolume{ObjectMeta: metav1.ObjectMeta{Name: name}, Spec: corev1.PersistentVolumeSpec{
			Capacity:               corev1.ResourceList{corev1.ResourceStorage: resource.MustParse(size)},
			AccessModes:            []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
			PersistentVolumeSource: corev1.PersistentVolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/mnt/" + name}},
		}}
	}
	require.NoError(t, c.Apply(mk("big", "10Gi"), mk("small", "2Gi"), mk("tiny", "500Mi")))
	c.RunFor(time.Second)
	require.NoError(t, c.Apply(claim("data", &none)))
	c.RunFor(time.Second)
	cl, _ := c.API().Claims.Get("default", "data")
	assert.Equal(t, "small", cl.Spec.VolumeName)
	assert.Equal(t, corev1.ClaimBound, cl.Status.Phase)
	require.NoError(t, c.DeleteClaim("default", "data"))
	c.RunFor(time.Second)
	v, err := c.API().Volumes.Get("", "small")
	require.NoError(t, err)
	assert.Equal(t, corev1.VolumeReleased, v.Status.Phase)
	tiny, _ := c.API().Volumes.Get("", "tiny")
	assert.Equal(t, corev1.VolumeAvailable, tiny.Status.Phase)
}

// A local volume lives on one store: its node affinity keeps every pod
// that uses it on that store, and a pod whose volume's store is not in
// the chain waits.
// Reference: pkg/scheduler/framework/plugins/volumebinding/binder.go
// (checkBoundClaims, ErrReasonNodeConflict "node(s) had volume node
// affinity conflict"), volume_binding.go (Filter:
// UnschedulableAndUnresolvable, so preemption does not help).
func TestLocalVolumeNodeAffinity(t *testing.T) {
	for _, tt := range []struct {
		host, want, failed string
	}{
		{host: "store-2", want: "store-2"},
		{host: "store-9", failed: "0/2 nodes are available: 2 node(s) had volume node affinity conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."},
	} {
		c, err := New(Config{Seed: 1, Stores: []StoreConfig{{Name: "store-1"}, {Name: "store-2"}}})
		require.NoError(t, err)
		var failed []string
		c.Subscribe(sim.ObserverFunc(func(r sim.Record) {
			if r.Reason == "FailedScheduling" {
				failed = append(failed, r.Message)
			}
		}))
		none := ""
		local := &corev1.PersistentVolume{ObjectMeta: metav1.ObjectMeta{Name: "local-1"}, Spec: corev1.PersistentVolumeSpec{
			Capacity:               corev1.ResourceList{corev1.ResourceStorage: resource.MustParse("5Gi")},
			AccessModes:            []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
			PersistentVolumeSource: corev1.PersistentVolumeSource{Local: &corev1.LocalVolumeSource{Path: "/mnt/disks/ssd1"}},
			NodeAffinity: &corev1.VolumeNodeAffinity{Required: &corev1.NodeSelector{NodeSelectorTerms: []corev1.NodeSelectorTerm{{
				MatchExpressions: []corev1.NodeSelectorRequirement{{Key: corev1.LabelHostname, Operator: corev1.NodeSelectorOpIn, Values: []string{tt.host}}}}}}},
		}}
		require.NoError(t, c.Apply(local))
		require.NoError(t, c.Apply(claim("data", &none)))
		c.RunFor(time.Second)
		require.NoError(t, c.Apply(claimUser("user", "data")))
		c.RunFor(10 * time.Second)
		p, err := c.Pod("default", "user")
		require.NoError(t, err)
		assert.Equal(t, tt.want, p.Spec.NodeName, tt.host)
		if tt.failed != "" {
			require.Len(t, failed, 1, tt.host)
			assert.Equal(t, tt.failed, failed[0])
		}
	}
}
