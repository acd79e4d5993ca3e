package kubectl

import (
	"io"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/pod"
)

// PrintReplicationControllers writes rcs to w as `kubectl get
// replicationcontrollers` prints them at now: NAME DESIRED CURRENT READY
// AGE, and CONTAINERS IMAGES SELECTOR when wide, the columns of a
// ReplicaSet. It returns an error naming a nil ReplicationController or an
// unset spec.replicas, and the first error from writing to w.
// Reference: pkg/printers/internalversion/printers.go
// printReplicationController.
func PrintReplicationControllers(w io.Writer, rcs []*corev1.ReplicationController, now time.Time, wide bool) error {
	rss, err := asReplicaSets(rcs)
	if err != nil {
		return err
	}
	t, err := replicaSetTable(rss, now, wide)
	if err != nil {
		return err
	}
	return t.Write(w)
}

// ReplicationControllerTable returns the table `kubectl get rc` shows,
// with the -o wide columns, as the API server's server-side printing
// makes it; the errors are PrintReplicationControllers's.
func ReplicationControllerTable(rcs []*corev1.ReplicationController, now time.Time) (Table, error) {
	rss, err := asReplicaSets(rcs)
	if err != nil {
		return Table{}, err
	}
	return replicaSetTable(rss, now, true)
}

// DescribeReplicationController writes what `kubectl describe rc` prints
// for rc at now: what DescribeReplicaSet prints for a ReplicaSet (an RC's
// selector is its label map). Its errors are DescribeReplicaSet's, named
// for a ReplicationController.
// Reference: kubectl describe.go describeReplicationController.
func DescribeReplicationController(w io.Writer, rc *corev1.ReplicationController, pods []*corev1.Pod, evs []corev1.Event, now time.Time) error {
	rss, err := asReplicaSets([]*corev1.ReplicationController{rc})
	if err != nil {
		return err
	}
	return DescribeReplicaSet(w, rss[0], pods, evs, now)
}

// asReplicaSets returns rcs as the ReplicaSets they convert to, or an
// error naming a nil one or one without spec.replicas.
func asReplicaSets(rcs []*corev1.ReplicationController) ([]*appsv1.ReplicaSet, error) {
	out := make([]*appsv1.ReplicaSet, len(rcs))
	for i, rc := range rcs {
		path := field.NewPath("replicationControllers").Index(i)
		if rc == nil {
			return nil, missing(path, "ReplicationController")
		}
		if rc.Spec.Replicas == nil {
			return nil, replicasRequired(path)
		}
		out[i] = pod.ReplicaSetOf(rc)
	}
	return out, nil
}
