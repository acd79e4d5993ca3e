package kubelet

import (
	"fmt"
	"maps"
	"path"
	"strconv"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// podVolume is one of a pod's volumes as the volume manager set it up: the
// directory, and where in it the volume begins (a hostPath is a path of
// the store's own disk).
type podVolume struct {
	dir      *runtime.Volume
	sub      string
	readOnly bool // the source makes every mount read-only
	// fromAPI: the content comes from the API (configMap, secret,
	// downwardAPI, projected) and is rewritten at each sync.
	fromAPI bool
}

// setUpVolumes is the volume manager's part of a sync (WaitForAttachAndMount):
// every volume of the pod is set up before any container starts. A volume
// whose source is missing (a ConfigMap or Secret that does not exist, a
// key its items name, a hostPath of the wrong type) gets a FailedMount
// Event with the kubelet's message; the pod then stays ContainerCreating
// and the reconciler tries that volume again after an exponential
// back-off (500ms, doubling to 2m2s), so the pod starts at the first
// retry after the source appears.
// Volumes whose content comes from the API (configMap, secret,
// downwardAPI, projected) are written again at every sync, as the
// kubelet remounts them: an update reaches a running pod at its next
// sync, at the latest after the sync period (1 minute). A volume already
// set up keeps its content if its source disappears.
// Reference: pkg/kubelet/kubelet.go (SyncPod: WaitForAttachAndMount before
// the containers); pkg/kubelet/volumemanager/reconciler; pkg/volume/configmap
// (SetUpAt, MakePayload); pkg/volume/secret; pkg/volume/downwardapi;
// pkg/volume/projected; pkg/volume/hostpath (checkType);
// pkg/util/goroutinemap/exponentialbackoff and
// pkg/volume/util/nestedpendingoperations (initialDurationBeforeRetry
// 500ms, maxDurationBeforeRetry 2m2s);
// https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/#mounted-configmaps-are-updated-automatically.
func (k *Kubelet) setUpVolumes(w *worker) bool {
	if w.volumes == nil {
		w.volumes = k.podDirs[w.pod.UID]
		if w.volumes == nil {
			w.volumes = map[string]*podVolume{}
			k.podDirs[w.pod.UID] = w.volumes
		}
	}
	ok := true
	now := k.loop.Now()
	var retry sim.Time
	for i := range w.pod.Spec.Volumes {
		v := &w.pod.Spec.Volumes[i]
		_, mounted := w.volumes[v.Name]
		b := w.mountBackOff[v.Name]
		if !mounted && b != nil && now < b.next {
			ok = false // still backing off: not tried now
			retry = earliest(retry, b.next)
			continue
		}
		err := k.setUpVolume(w, v)
		if err == nil {
			delete(w.mountBackOff, v.Name)
			continue
		}
		if mounted {
			continue // kept as it was
		}
		ok = false
		b = nextMountBackOff(b, now)
		if w.mountBackOff == nil {
			w.mountBackOff = map[string]*mountBackOff{}
		}
		w.mountBackOff[v.Name] = b
		retry = earliest(retry, b.next)
		k.podEvent(w, nil, sim.Warning, "FailedMount",
			fmt.Sprintf("MountVolume.SetUp failed for volume %q : %v", v.Name, err), sim.Facts{})
	}
	if !ok {
		k.retryAt(w, retry)
	}
	return ok
}

// The reconciler's back-off between two attempts to mount a volume.
const (
	initialMountRetry = 500 * time.Millisecond
	maxMountRetry     = 2*time.Minute + 2*time.Second
)

// mountBackOff is when a volume that failed to mount is tried again.
type mountBackOff struct {
	delay time.Duration
	next  sim.Time
}

// nextMountBackOff returns the back-off after a failed attempt at now:
// 500ms after the first failure, doubling after each one, at most 2m2s.
func nextMountBackOff(b *mountBackOff, now sim.Time) *mountBackOff {
	d := initialMountRetry
	if b != nil {
		d = min(2*b.delay, maxMountRetry)
	}
	return &mountBackOff{delay: d, next: now.Add(d)}
}

// earliest returns the earlier of two instants, t being unset when zero.
func earliest(t, u sim.Time) sim.Time {
	if t == 0 || u < t {
		return u
	}
	return t
}

// setUpVolume sets up or refreshes one volume.
func (k *Kubelet) setUpVolume(w *worker, v *corev1.Volume) error {
	src := &v.VolumeSource
	switch {
	case src.EmptyDir != nil:
		if _, ok := w.volumes[v.Name]; !ok {
			dir := runtime.NewVolume(src.EmptyDir.Medium == corev1.StorageMediumMemory)
			dir.NodeDisk = !dir.Memory
			w.volumes[v.Name] = &podVolume{dir: dir}
		}
		return nil
	case src.HostPath != nil:
		sub, err := k.hostPathCheck(src.HostPath)
		if err != nil {
			return err
		}
		w.volumes[v.Name] = &podVolume{dir: k.hostDisk, sub: sub}
		return nil
	case src.PersistentVolumeClaim != nil:
		c := src.PersistentVolumeClaim
		dir := k.claims.volume(w.pod.Namespace, c.ClaimName)
		dir.Capacity = k.claimCapacity(w.pod.Namespace, c.ClaimName)
		w.volumes[v.Name] = &podVolume{dir: dir, readOnly: c.ReadOnly}
		return nil
	}
	files := map[string]string{}
	var err error
	switch {
	case src.ConfigMap != nil:
		c := src.ConfigMap
		err = k.projectKeys(files, configMapKind, w.pod.Namespace, c.Name, c.Items, c.Optional)
	case src.Secret != nil:
		s := src.Secret
		err = k.projectKeys(files, secretKind, w.pod.Namespace, s.SecretName, s.Items, s.Optional)
	case src.DownwardAPI != nil:
		err = k.projectDownward(files, w, src.DownwardAPI.Items)
	case src.Projected != nil:
		err = k.projectSources(files, w, src.Projected.Sources)
	default:
		return fmt.Errorf("volume type not simulated by nucleus")
	}
	if err != nil {
		return err
	}
	pv, ok := w.volumes[v.Name]
	if !ok {
		pv = &podVolume{dir: runtime.NewVolume(true), readOnly: true, fromAPI: true}
		w.volumes[v.Name] = pv
	}
	if !sameFiles(pv.dir, files) {
		pv.dir.SetFiles(files)
	}
	for p, mode := range fileModes(src, files) {
		pv.dir.SetMode(p, mode)
	}
	return nil
}

// fileModes returns the permission bits of a projected volume's files:
// the volume's defaultMode (0644 when unset), or an item's own mode.
// Reference: pkg/volume/configmap (configmap.go, MakePayload: defaultMode,
// then an item's Mode); pkg/volume/util/atomic_writer.go (writes each
// file with its payload's mode); pkg/apis/core/v1 defaults (0644).
func fileModes(src *corev1.VolumeSource, files map[string]string) map[string]uint32 {
	var defaultMode *int32
	var itemModes []struct {
		path string
		mode *int32
	}
	add := func(path string, mode *int32) {
		itemModes = append(itemModes, struct {
			path string
			mode *int32
		}{path, mode})
	}
	keys := func(items []corev1.KeyToPath) {
		for _, it := range items {
			add(it.Path, it.Mode)
		}
	}
	downward := func(items []corev1.DownwardAPIVolumeFile) {
		for _, it := range items {
			add(it.Path, it.Mode)
		}
	}
	switch {
	case src.ConfigMap != nil:
		defaultMode = src.ConfigMap.DefaultMode
		keys(src.ConfigMap.Items)
	case src.Secret != nil:
		defaultMode = src.Secret.DefaultMode
		keys(src.Secret.Items)
	case src.DownwardAPI != nil:
		defaultMode = src.DownwardAPI.DefaultMode
		downward(src.DownwardAPI.Items)
	case src.Projected != nil:
		defaultMode = src.Projected.DefaultMode
		for _, s := range src.Projected.Sources {
			switch {
			case s.ConfigMap != nil:
				keys(s.ConfigMap.Items)
			case s.Secret != nil:
				keys(s.Secret.Items)
			case s.DownwardAPI != nil:
				downward(s.DownwardAPI.Items)
			}
		}
	}
	base := uint32(0o644)
	if defaultMode != nil {
		base = uint32(*defaultMode) & 0o777
	}
	modes := make(map[string]uint32, len(files))
	for p := range files {
		modes[p] = base
	}
	for _, im := range itemModes {
		if _, ok := files[im.path]; ok && im.mode != nil {
			modes[im.path] = uint32(*im.mode) & 0o777
		}
	}
	return modes
}

// sameFiles reports whether a volume holds exactly files.
func sameFiles(v *runtime.Volume, files map[string]string) bool {
	n := 0
	for _, p := range v.Files() {
		if strings.HasSuffix(p, "/") {
			continue
		}
		n++
		content, _ := v.ReadFile(p)
		if want, ok := files[strings.TrimPrefix(p, "/")]; !ok || want != content {
			return false
		}
	}
	return n == len(files)
}

// claimCapacity returns the bytes a claim's volume holds: its bound
// capacity, else what it requests; zero when neither is known. A write
// past it fails with ENOSPC, as on a full disk.
// Reference: https://kubernetes.io/docs/concepts/storage/persistent-volumes/#capacity
// ("a PV will have a specific storage capacity").
func (k *Kubelet) claimCapacity(ns, name string) int64 {
	pvc, err := k.api.Claims.Get(ns, name)
	if err != nil {
		return 0
	}
	if q, ok := pvc.Status.Capacity[corev1.ResourceStorage]; ok {
		return q.Value()
	}
	q := pvc.Spec.Resources.Requests[corev1.ResourceStorage]
	return q.Value()
}

// projectKeys writes the keys of a ConfigMap or Secret as files: every
// key under its own name, or with items only the keys named, each at its
// path. A missing object or key is an error unless optional.
func (k *Kubelet) projectKeys(files map[string]string, kind configKind, ns, name string, items []corev1.KeyToPath, optional *bool) error {
	data, err := k.configData(kind, ns, name, optional)
	if err != nil || data == nil {
		return err
	}
	if len(items) == 0 {
		maps.Copy(files, data)
		return nil
	}
	for _, it := range items {
		content, ok := data[it.Key]
		if !ok {
			if isTrue(optional) {
				continue
			}
			if kind == secretKind {
				return fmt.Errorf("references non-existent secret key: %s", it.Key)
			}
			return fmt.Errorf("configmap references non-existent config key: %s", it.Key)
		}
		files[it.Path] = content
	}
	return nil
}

// projectDownward writes the downward API's files: one field of the pod
// (its labels and annotations as key="value" lines) or one resource of a
// container per file.
// Reference: pkg/volume/downwardapi (CollectData); pkg/fieldpath (FormatMap).
func (k *Kubelet) projectDownward(files map[string]string, w *worker, items []corev1.DownwardAPIVolumeFile) error {
	for _, it := range items {
		var content string
		var err error
		switch {
		case it.FieldRef != nil:
			switch it.FieldRef.FieldPath {
			case "metadata.labels":
				content = formatMap(w.pod.Labels)
			case "metadata.annotations":
				content = formatMap(w.pod.Annotations)
			default:
				content, err = k.fieldRefValue(w, it.FieldRef.FieldPath)
			}
		case it.ResourceFieldRef != nil:
			if it.ResourceFieldRef.ContainerName == "" {
				return fmt.Errorf("containerName is required for resourceFieldRef of %s", it.Path)
			}
			content, err = k.resourceFieldRefValue(w, nil, it.ResourceFieldRef)
		}
		if err != nil {
			return err
		}
		files[it.Path] = content
	}
	return nil
}

// formatMap writes labels or annotations as the downward API does: one
// key="value" line per key, sorted, the value quoted as Go quotes it, no
// newline after the last.
func formatMap(m map[string]string) string {
	var b strings.Builder
	for i, key := range sortedKeys(m) {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(key + "=" + strconv.Quote(m[key]))
	}
	return b.String()
}

// projectSources writes a projected volume: each source's files into the
// one directory, in order.
func (k *Kubelet) projectSources(files map[string]string, w *worker, sources []corev1.VolumeProjection) error {
	ns := w.pod.Namespace
	for _, s := range sources {
		var err error
		switch {
		case s.ConfigMap != nil:
			err = k.projectKeys(files, configMapKind, ns, s.ConfigMap.Name, s.ConfigMap.Items, s.ConfigMap.Optional)
		case s.Secret != nil:
			err = k.projectKeys(files, secretKind, ns, s.Secret.Name, s.Secret.Items, s.Secret.Optional)
		case s.DownwardAPI != nil:
			err = k.projectDownward(files, w, s.DownwardAPI.Items)
		case s.ServiceAccountToken != nil:
			// A token the kubelet requests for the pod's service account.
			files[s.ServiceAccountToken.Path] = "(a service account token for " + ns + "/" + serviceAccount(w.pod) + ")"
		default:
			err = fmt.Errorf("projected source not simulated by nucleus")
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func serviceAccount(p *corev1.Pod) string {
	if p.Spec.ServiceAccountName != "" {
		return p.Spec.ServiceAccountName
	}
	return "default"
}

// hostPathCheck checks a hostPath volume's path on the store's disk
// against its type, creating it for the ...OrCreate types, and returns
// the path. A store has no sockets or devices.
// Reference: pkg/volume/hostpath/host_path.go (checkTypeInternal).
func (k *Kubelet) hostPathCheck(h *corev1.HostPathVolumeSource) (string, error) {
	p := path.Clean("/" + h.Path)
	_, isFile := k.hostDisk.ReadFile(p)
	isDir := p == "/" || hasDir(k.hostDisk, p)
	typ := corev1.HostPathUnset
	if h.Type != nil {
		typ = *h.Type
	}
	switch typ {
	case corev1.HostPathDirectoryOrCreate:
		if !isFile && !isDir {
			k.hostDisk.MakeDirAll(p)
			return p, nil
		}
		fallthrough
	case corev1.HostPathDirectory:
		if !isDir {
			return "", fmt.Errorf("hostPath type check failed: %s is not a directory", h.Path)
		}
	case corev1.HostPathFileOrCreate:
		if !isFile && !isDir {
			k.hostDisk.WriteFile(p, "")
			return p, nil
		}
		fallthrough
	case corev1.HostPathFile:
		if !isFile {
			return "", fmt.Errorf("hostPath type check failed: %s is not a file", h.Path)
		}
	case corev1.HostPathSocket:
		return "", fmt.Errorf("hostPath type check failed: %s is not a socket file", h.Path)
	case corev1.HostPathCharDev:
		return "", fmt.Errorf("hostPath type check failed: %s is not a character device", h.Path)
	case corev1.HostPathBlockDev:
		return "", fmt.Errorf("hostPath type check failed: %s is not a block device", h.Path)
	}
	return p, nil
}

func hasDir(v *runtime.Volume, p string) bool {
	_, ok := v.ReadFile(p + "/")
	return ok
}

// newHostDisk returns a store's own disk, with the directories every
// Linux node has.
func newHostDisk() *runtime.Volume {
	d := runtime.NewVolume(false)
	d.NodeDisk = true
	for _, dir := range []string{"/dev", "/etc", "/home", "/mnt", "/opt", "/proc", "/run", "/sys", "/tmp", "/usr", "/var/lib", "/var/log"} {
		d.MakeDirAll(dir)
	}
	return d
}

// mounts returns what the runtime mounts into container c: each of its
// volumeMounts (a source that is read-only, such as a ConfigMap, makes
// the mount read-only), and the kubelet's own files: /etc/hosts, and
// /etc/hostname and /etc/resolv.conf as the runtime puts them from the
// sandbox.
func (k *Kubelet) mounts(w *worker, c *corev1.Container, env *containerEnv) []runtime.Mount {
	out := k.etcMounts(w, c)
	for _, vm := range c.VolumeMounts {
		pv, ok := w.volumes[vm.Name]
		if !ok {
			continue
		}
		sub := vm.SubPath
		if vm.SubPathExpr != "" {
			sub = expand(vm.SubPathExpr, env.lookup)
		}
		if pv.sub != "" {
			sub = path.Join(pv.sub, sub)
		}
		dir := pv.dir
		if pv.fromAPI && sub != "" {
			// A subPath mount binds what the file is when the container
			// starts: later updates do not reach it.
			dir = snapshot(pv.dir, sub)
		}
		out = append(out, runtime.Mount{Path: vm.MountPath, Volume: dir, SubPath: sub, ReadOnly: vm.ReadOnly || pv.readOnly})
	}
	return out
}

// snapshot copies what lies at sub in v (one file, or a directory's
// files) into a volume of its own, at the same path.
// Reference: https://kubernetes.io/docs/concepts/storage/volumes/#using-subpath
// ("A container using a ConfigMap as a subPath volume mount will not
// receive ConfigMap updates").
func snapshot(v *runtime.Volume, sub string) *runtime.Volume {
	out := runtime.NewVolume(v.Memory)
	root := path.Clean("/" + sub)
	for _, p := range v.Files() {
		if p != root && !strings.HasPrefix(p, root+"/") {
			continue
		}
		if strings.HasSuffix(p, "/") {
			out.MakeDirAll(p)
			continue
		}
		content, _ := v.ReadFile(p)
		out.WriteFile(p, content)
	}
	return out
}
