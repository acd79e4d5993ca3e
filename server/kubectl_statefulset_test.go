package server_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// webSet is the StatefulSet tutorial's web.yaml, smaller: a headless
// Service and a set of two with a claim template.
const webSet = `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels: {app: nginx}
spec:
  clusterIP: None
  selector: {app: nginx}
  ports:
  - port: 80
    name: web
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  selector:
    matchLabels: {app: nginx}
  template:
    metadata:
      labels: {app: nginx}
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
`

// TestKubectlStatefulSetsAndStorage: the real kubectl watches, scales,
// patches and labels StatefulSets, and changes claims, volumes and
// classes as the StatefulSet tutorial and the storage tasks do; what the
// API server refuses is refused in its words.
// Reference: https://kubernetes.io/docs/tutorials/stateful-application/basic-stateful-set/
// (kubectl get sts -w, kubectl scale sts, kubectl patch sts);
// https://kubernetes.io/docs/tasks/administer-cluster/change-pv-reclaim-policy/;
// https://kubernetes.io/docs/tasks/administer-cluster/change-default-storage-class/;
// pkg/apis/apps/validation/validation.go (ValidateStatefulSetUpdate),
// pkg/apis/core/validation/validation.go (ValidatePersistentVolumeClaimUpdate),
// pkg/apis/storage/validation/validation.go (ValidateStorageClassUpdate).
func TestKubectlStatefulSetsAndStorage(t *testing.T) {
	s := serve(t, oneStore, 100)
	k := newKubectl(t, s)
	require.NoError(t, os.WriteFile(filepath.Join(k.dir, "web.yaml"), []byte(webSet), 0o600))
	assert.Equal(t, "service/nginx created\nstatefulset.apps/web created\n", k.ok("apply", "-f", "web.yaml"))

	// A watch started now sees the set grow to two, then to three.
	ctx, stopWatch := context.WithCancel(context.Background())
	defer stopWatch()
	watchOut := &syncBuffer{}
	watch := exec.CommandContext(ctx, k.bin, "--kubeconfig", k.kubeconfig, "--cache-dir", k.cacheDir, "get", "sts", "web", "-w")
	watch.Stdout = watchOut
	require.NoError(t, watch.Start())
	eventually(t, "the watch to see two ready pods", func() bool {
		return regexp.MustCompile(`(?m)^web\s+2/2\s+`).MatchString(watchOut.String())
	})
	assert.Equal(t, "statefulset.apps/web scaled\n", k.ok("scale", "sts", "web", "--replicas=3"))
	eventually(t, "web-2 to run", func() bool {
		out, _, err := k.run(10*time.Second, "get", "pod", "web-2", "-o", "jsonpath={.status.phase}")
		return err == nil && out == "Running"
	})
	// Let the watch print the last change, then stop it.
	time.Sleep(time.Second)
	stopWatch()
	_ = watch.Wait()
	out := watchOut.String()
	assert.Regexp(t, `^NAME\s+READY\s+AGE\nweb\s+`, out)
	assert.Regexp(t, `(?m)^web\s+2/2\s+`, out, "the watch saw two ready")
	assert.Regexp(t, `(?m)^web\s+2/3\s+`, out, "the watch saw the scale to three")
	assert.Contains(t, s.narration.String(), "scenario ScenarioAction statefulset/web scale")

	t.Run("rollout status", func(t *testing.T) {
		// Reference: staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go
		// (StatefulSetStatusViewer).
		out := k.okWithin(waitLimit, "rollout", "status", "sts/web")
		assert.Contains(t, out, "partitioned roll out complete: 3 new pods have been updated...")
		// kubectl reads a set's history from its ControllerRevisions: one
		// template so far, so one revision, named with the pods' hash.
		// Reference: pkg/controller/history/controller_history.go
		// (ControllerRevisionName); staging/src/k8s.io/kubectl/pkg/polymorphichelpers/history.go
		// (StatefulSetHistoryViewer).
		hist := k.ok("rollout", "history", "sts/web")
		assert.Regexp(t, `^statefulset.apps/web\s*\nREVISION\s+CHANGE-CAUSE\n1\s+<none>\n`, hist)
		podHash := k.ok("get", "pod", "web-0", "-o", "jsonpath={.metadata.labels.controller-revision-hash}")
		assert.Regexp(t, `^web-[0-9a-z]+$`, podHash)
		assert.Regexp(t, `(?m)^`+podHash+`\s+statefulset.apps/web\s+1\s+`, k.ok("get", "controllerrevisions"))
	})
	t.Run("patch and label", func(t *testing.T) {
		assert.Equal(t, "statefulset.apps/web patched\n", k.ok("patch", "sts", "web", "-p", `{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":3}}}}`))
		assert.Equal(t, "statefulset.apps/web labeled\n", k.ok("label", "sts", "web", "tier=db"))
		assert.Equal(t, "3 db", k.ok("get", "sts", "web", "-o", "jsonpath={.spec.updateStrategy.rollingUpdate.partition} {.metadata.labels.tier}"))
		errOut := k.fails("patch", "sts", "web", "-p", `{"spec":{"serviceName":"other"}}`)
		assert.Contains(t, errOut, `The StatefulSet "web" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden`)
	})
	t.Run("edit", func(t *testing.T) {
		editor := filepath.Join(k.dir, "editor.sh")
		require.NoError(t, os.WriteFile(editor, []byte("#!/bin/sh\nsed -i 's/replicas: 3/replicas: 1/' \"$1\"\n"), 0o700))
		t.Setenv("KUBE_EDITOR", editor)
		assert.Equal(t, "statefulset.apps/web edited\n", k.ok("edit", "sts", "web"))
		eventually(t, "web to scale down to one", func() bool {
			out, _, err := k.run(10*time.Second, "get", "sts", "web", "-o", "jsonpath={.status.replicas}")
			return err == nil && out == "1"
		})
		// The claims outlive the pods the scale-down removed.
		assert.Equal(t, "www-web-0 www-web-1 www-web-2", k.ok("get", "pvc", "-o", "jsonpath={.items[*].metadata.name}"))
	})
	t.Run("claims", func(t *testing.T) {
		assert.Equal(t, "persistentvolumeclaim/www-web-1 labeled\n", k.ok("label", "pvc", "www-web-1", "keep=yes"))
		errOut := k.fails("patch", "pvc", "www-web-1", "-p", `{"spec":{"accessModes":["ReadWriteMany"]}}`)
		assert.Contains(t, errOut, `The PersistentVolumeClaim "www-web-1" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims`)
	})
	t.Run("volumes", func(t *testing.T) {
		pv := k.ok("get", "pvc", "www-web-0", "-o", "jsonpath={.spec.volumeName}")
		require.NotEmpty(t, pv)
		assert.Equal(t, "persistentvolume/"+pv+" patched\n", k.ok("patch", "pv", pv, "-p", `{"spec":{"persistentVolumeReclaimPolicy":"Retain"}}`))
		assert.Regexp(t, `(?m)^`+pv+`\s+1Gi\s+RWO\s+Retain\s+Bound\s+default/www-web-0\s+`, k.ok("get", "pv", pv))
	})
	t.Run("classes", func(t *testing.T) {
		assert.Equal(t, "storageclass.storage.k8s.io/standard patched\n",
			k.ok("patch", "storageclass", "standard", "-p", `{"metadata":{"annotations":{"storageclass.kubernetes.io/is-default-class":"false"}}}`))
		out := k.ok("get", "sc")
		assert.Regexp(t, `(?m)^standard\s+rancher.io/local-path\s+Delete\s+`, out, "no longer (default)")
		errOut := k.fails("patch", "storageclass", "standard", "-p", `{"provisioner":"example.com/other"}`)
		assert.Contains(t, errOut, `The StorageClass "standard" is invalid: provisioner: Forbidden: updates to provisioner are forbidden.`)
	})
}
