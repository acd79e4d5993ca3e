package kubectl

import (
	"fmt"
	"io"
	"strconv"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// PrintDeployments writes ds to w as `kubectl get deployments` prints them
// at time now: NAME READY UP-TO-DATE AVAILABLE AGE, and CONTAINERS IMAGES
// SELECTOR when wide. READY is readyReplicas/spec.replicas. It returns an
// error naming a nil Deployment or an unset spec.replicas (the API server
// always sets it), and the first error from writing to w.
// Reference: printers.go printDeployment.
func PrintDeployments(w io.Writer, ds []*appsv1.Deployment, now time.Time, wide bool) error {
	t, err := deploymentTable(ds, now, wide)
	if err != nil {
		return err
	}
	return t.Write(w)
}

// DeploymentTable returns the table `kubectl get` shows for the same objects,
// with the -o wide columns, as the API server's server-side printing
// makes it; the errors are PrintDeployments's.
func DeploymentTable(ds []*appsv1.Deployment, now time.Time) (Table, error) {
	return deploymentTable(ds, now, true)
}

func deploymentTable(ds []*appsv1.Deployment, now time.Time, wide bool) (Table, error) {
	header := []string{"NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"}
	return makeTable(header, []string{"CONTAINERS", "IMAGES", "SELECTOR"}, wide, len(ds), func(i int) ([]string, error) {
		d := ds[i]
		path := field.NewPath("deployments").Index(i)
		if d == nil {
			return nil, missing(path, "Deployment")
		}
		if d.Spec.Replicas == nil {
			return nil, replicasRequired(path)
		}
		st := d.Status
		cells := []string{d.Name, fmt.Sprintf("%d/%d", st.ReadyReplicas, *d.Spec.Replicas),
			itoa(st.UpdatedReplicas), itoa(st.AvailableReplicas), since(d.CreationTimestamp, now)}
		if wide {
			names, images := containerCells(d.Spec.Template.Spec.Containers)
			cells = append(cells, names, images, selectorString(d.Spec.Selector))
		}
		return cells, nil
	})
}

// PrintReplicaSets writes rss to w as `kubectl get replicasets` prints them
// at time now: NAME DESIRED CURRENT READY AGE, and CONTAINERS IMAGES
// SELECTOR when wide. It returns an error naming a nil ReplicaSet or an
// unset spec.replicas, and the first error from writing to w.
// Reference: printers.go printReplicaSet.
func PrintReplicaSets(w io.Writer, rss []*appsv1.ReplicaSet, now time.Time, wide bool) error {
	t, err := replicaSetTable(rss, now, wide)
	if err != nil {
		return err
	}
	return t.Write(w)
}

// ReplicaSetTable returns the table `kubectl get` shows for the same objects,
// with the -o wide columns, as the API server's server-side printing
// makes it; the errors are PrintReplicaSets's.
func ReplicaSetTable(rss []*appsv1.ReplicaSet, now time.Time) (Table, error) {
	return replicaSetTable(rss, now, true)
}

func replicaSetTable(rss []*appsv1.ReplicaSet, now time.Time, wide bool) (Table, error) {
	header := []string{"NAME", "DESIRED", "CURRENT", "READY", "AGE"}
	return makeTable(header, []string{"CONTAINERS", "IMAGES", "SELECTOR"}, wide, len(rss), func(i int) ([]string, error) {
		rs := rss[i]
		path := field.NewPath("replicaSets").Index(i)
		if rs == nil {
			return nil, missing(path, "ReplicaSet")
		}
		if rs.Spec.Replicas == nil {
			return nil, replicasRequired(path)
		}
		cells := []string{rs.Name, itoa(*rs.Spec.Replicas), itoa(rs.Status.Replicas), itoa(rs.Status.ReadyReplicas), since(rs.CreationTimestamp, now)}
		if wide {
			names, images := containerCells(rs.Spec.Template.Spec.Containers)
			cells = append(cells, names, images, metav1.FormatLabelSelector(rs.Spec.Selector))
		}
		return cells, nil
	})
}

// selectorString returns a label selector as the Deployment printer shows
// it: its canonical string, or "<invalid>" when it does not parse.
func selectorString(s *metav1.LabelSelector) string {
	sel, err := metav1.LabelSelectorAsSelector(s)
	if err != nil {
		return "<invalid>"
	}
	return sel.String()
}

// replicasRequired returns the error for an unset spec.replicas under path.
func replicasRequired(path *field.Path) error {
	return field.Required(path.Child("spec", "replicas"), "the API server defaults it to 1")
}

// itoa returns n in decimal.
func itoa(n int32) string { return strconv.Itoa(int(n)) }
