package kubectl

import (
	"io"
	"strconv"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// PrintDaemonSets writes sets as `kubectl get daemonsets` prints them at
// now: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE,
// and CONTAINERS IMAGES SELECTOR when wide. It returns an error naming a
// nil DaemonSet, and the first error from writing to w.
// Reference: pkg/printers/internalversion/printers.go printDaemonSet.
func PrintDaemonSets(w io.Writer, sets []*appsv1.DaemonSet, now time.Time, wide bool) error {
	t, err := daemonSetTable(sets, now, wide)
	if err != nil {
		return err
	}
	return t.Write(w)
}

// DaemonSetTable returns the table `kubectl get daemonsets` shows, with
// the -o wide columns, as the API server's server-side printing makes it.
func DaemonSetTable(sets []*appsv1.DaemonSet, now time.Time) (Table, error) {
	return daemonSetTable(sets, now, true)
}

func daemonSetTable(sets []*appsv1.DaemonSet, now time.Time, wide bool) (Table, error) {
	header := []string{"NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"}
	return makeTable(header, []string{"CONTAINERS", "IMAGES", "SELECTOR"}, wide, len(sets), func(i int) ([]string, error) {
		d := sets[i]
		if d == nil {
			return nil, missing(field.NewPath("daemonSets").Index(i), "DaemonSet")
		}
		st := d.Status
		cells := []string{d.Name}
		for _, n := range []int32{st.DesiredNumberScheduled, st.CurrentNumberScheduled, st.NumberReady, st.UpdatedNumberScheduled, st.NumberAvailable} {
			cells = append(cells, strconv.Itoa(int(n)))
		}
		cells = append(cells, labels.FormatLabels(d.Spec.Template.Spec.NodeSelector), since(d.CreationTimestamp, now))
		if wide {
			names, images := containerCells(d.Spec.Template.Spec.Containers)
			cells = append(cells, names, images, metav1.FormatLabelSelector(d.Spec.Selector))
		}
		return cells, nil
	})
}

// DescribeDaemonSet writes `kubectl describe daemonset`: the set, its
// node selector, the node counts of its status, its pods by phase, its
// pod template, and the Events about it.
// Reference: staging/src/k8s.io/kubectl/pkg/describe/describe.go
// (DaemonSetDescriber, describeDaemonSet).
func DescribeDaemonSet(w io.Writer, ds *appsv1.DaemonSet, pods []*corev1.Pod, evs []corev1.Event, now time.Time) error {
	path := field.NewPath("daemonSet")
	if ds == nil {
		return missing(path, "DaemonSet")
	}
	selector, err := metav1.LabelSelectorAsSelector(ds.Spec.Selector)
	if err != nil {
		return field.Invalid(path.Child("spec", "selector"), metav1.FormatLabelSelector(ds.Spec.Selector), err.Error())
	}
	phases, err := podPhases(ds, selector, pods)
	if err != nil {
		return err
	}
	st := ds.Status
	d := newDescriber(w)
	d.write(0, "Name:\t%s\n", ds.Name)
	d.write(0, "Namespace:\t%s\n", ds.Namespace)
	d.write(0, "Selector:\t%s\n", selector)
	d.write(0, "Node-Selector:\t%s\n", labels.FormatLabels(ds.Spec.Template.Spec.NodeSelector))
	d.labels("Labels", ds.Labels)
	d.annotations("Annotations", ds.Annotations)
	d.write(0, "Desired Number of Nodes Scheduled: %d\n", st.DesiredNumberScheduled)
	d.write(0, "Current Number of Nodes Scheduled: %d\n", st.CurrentNumberScheduled)
	d.write(0, "Number of Nodes Scheduled with Up-to-date Pods: %d\n", st.UpdatedNumberScheduled)
	d.write(0, "Number of Nodes Scheduled with Available Pods: %d\n", st.NumberAvailable)
	d.write(0, "Number of Nodes Misscheduled: %d\n", st.NumberMisscheduled)
	d.write(0, "Pods Status:\t%d Running / %d Waiting / %d Succeeded / %d Failed\n",
		phases[corev1.PodRunning], phases[corev1.PodPending], phases[corev1.PodSucceeded], phases[corev1.PodFailed])
	describePodTemplate(d, &ds.Spec.Template)
	d.events(evs, now)
	return d.finish()
}
