package server_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// matrixKinds are the kinds nucleus simulates, each with a manifest, in
// the order they are applied (a claim's class first, an autoscaler's
// Deployment before it).
var matrixKinds = []struct {
	resource, name, manifest string
}{
	{"namespace", "shop", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n"},
	{"pod", "solo", soloPod},
	{"service", "solo", "apiVersion: v1\nkind: Service\nmetadata:\n  name: solo\nspec:\n  selector: {app: solo}\n  ports:\n  - port: 80\n"},
	{"deployment", "web", webDeployment},
	{"replicaset", "rs", "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: rs\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: rs}\n  template:\n    metadata:\n      labels: {app: rs}\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.27\n"},
	{"statefulset", "db", "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  replicas: 1\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.27\n"},
	{"daemonset", "greeter", "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: greeter\nspec:\n  selector:\n    matchLabels: {app: greeter}\n  template:\n    metadata:\n      labels: {app: greeter}\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.27\n"},
	{"job", "pi", "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: pi\n        image: busybox\n        command: [\"sh\", \"-c\", \"echo 3.14\"]\n"},
	{"cronjob", "hello", "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: hello\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: hello\n            image: busybox\n            command: [\"sh\", \"-c\", \"date\"]\n"},
	{"poddisruptionbudget", "web", webBudget},
	{"horizontalpodautoscaler", "web", "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 3\n"},
	{"configmap", "settings", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  color: blue\n"},
	{"secret", "token", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: token\nstringData:\n  token: s3cret\n"},
	{"storageclass", "fast", "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: rancher.io/local-path\nvolumeBindingMode: WaitForFirstConsumer\n"},
	{"persistentvolume", "disk", "apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: disk\nspec:\n  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n  storageClassName: manual\n  hostPath: {path: /data}\n"},
	{"persistentvolumeclaim", "data", "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests: {storage: 1Gi}\n"},
}

// matrixVerbs are the kubectl commands tried on every kind.
var matrixVerbs = []string{"apply", "get", "get -o yaml", "describe", "apply again", "apply edited", "delete"}

// edited returns a manifest with a label more on the object, which
// kubectl apply sends as a patch.
func edited(manifest, name string) string {
	at := "\n  name: " + name + "\n"
	if strings.Contains(manifest, at+"  labels: {") {
		return strings.Replace(manifest, at+"  labels: {", at+"  labels: {edited: \"yes\", ", 1)
	}
	return strings.Replace(manifest, at, at+"  labels: {edited: \"yes\"}\n", 1)
}

// TestKubectlMatrix runs the real kubectl's everyday commands on every
// kind nucleus simulates, and checks which work: apply -f of a manifest,
// get, get -o yaml, describe, apply -f of the same manifest again, apply
// -f of the manifest with a label more (a patch) and delete. docs/kubectl.md shows the matrix.
// Reference: https://kubernetes.io/docs/reference/kubectl/ (the commands),
// staging/src/k8s.io/kubectl/pkg/describe/describe.go (describe reads the
// object and its Events).
func TestKubectlMatrix(t *testing.T) {
	s := serve(t, oneStore, 100)
	k := newKubectl(t, s)
	var matrix strings.Builder
	for _, kind := range matrixKinds {
		file := filepath.Join(k.dir, kind.resource+".yaml")
		require.NoError(t, os.WriteFile(file, []byte(kind.manifest), 0o600))
		fmt.Fprintf(&matrix, "| %s |", kind.resource)
		for _, verb := range matrixVerbs {
			var args []string
			switch verb {
			case "apply", "apply again":
				args = []string{"apply", "-f", file}
			case "apply edited":
				more := filepath.Join(k.dir, kind.resource+"-edited.yaml")
				require.NoError(t, os.WriteFile(more, []byte(edited(kind.manifest, kind.name)), 0o600))
				args = []string{"apply", "-f", more}
			case "get":
				args = []string{"get", kind.resource, kind.name}
			case "get -o yaml":
				args = []string{"get", kind.resource, kind.name, "-o", "yaml"}
			case "describe":
				args = []string{"describe", kind.resource, kind.name}
			case "delete":
				args = []string{"delete", kind.resource, kind.name, "--wait=false"}
			}
			out, errOut, err := k.run(30*time.Second, args...)
			if err != nil {
				matrix.WriteString(" no |")
				t.Errorf("kubectl %s: %v\n%s%s", strings.Join(args, " "), err, out, errOut)
				continue
			}
			matrix.WriteString(" yes |")
			switch verb {
			case "get -o yaml":
				assert.Contains(t, out, "\n  name: "+kind.name+"\n", "kubectl %s", strings.Join(args, " "))
			case "apply edited":
				assert.Contains(t, out, "/"+kind.name+" configured", "kubectl %s", strings.Join(args, " "))
				got := k.ok("get", kind.resource, kind.name, "-o", "jsonpath={.metadata.labels.edited}")
				assert.Equal(t, "yes", got, "the edited label of %s/%s", kind.resource, kind.name)
			case "delete":
				assert.Contains(t, out, `"`+kind.name+`" deleted`, "kubectl %s", strings.Join(args, " "))
			}
		}
		matrix.WriteString("\n")
	}
	t.Logf("the matrix:\n%s", matrix.String())
}
