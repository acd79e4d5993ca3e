package kubectl

import (
	"fmt"
	"io"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// PrintStatefulSets writes sets as `kubectl get statefulsets` prints them
// at now: NAME READY AGE, and CONTAINERS IMAGES when wide; READY is
// readyReplicas/replicas. It returns an error naming a nil StatefulSet or
// an unset spec.replicas, and the first error from writing to w.
// Reference: pkg/printers/internalversion/printers.go printStatefulSet.
func PrintStatefulSets(w io.Writer, sets []*appsv1.StatefulSet, now time.Time, wide bool) error {
	t, err := statefulSetTable(sets, now, wide)
	if err != nil {
		return err
	}
	return t.Write(w)
}

// StatefulSetTable returns the table `kubectl get statefulsets` shows,
// with the -o wide columns, as the API server's server-side printing
// makes it.
func StatefulSetTable(sets []*appsv1.StatefulSet, now time.Time) (Table, error) {
	return statefulSetTable(sets, now, true)
}

func statefulSetTable(sets []*appsv1.StatefulSet, now time.Time, wide bool) (Table, error) {
	return makeTable([]string{"NAME", "READY", "AGE"}, []string{"CONTAINERS", "IMAGES"}, wide, len(sets), func(i int) ([]string, error) {
		s := sets[i]
		path := field.NewPath("statefulSets").Index(i)
		if s == nil {
			return nil, missing(path, "StatefulSet")
		}
		if s.Spec.Replicas == nil {
			return nil, replicasRequired(path)
		}
		cells := []string{s.Name, fmt.Sprintf("%d/%d", s.Status.ReadyReplicas, *s.Spec.Replicas), since(s.CreationTimestamp, now)}
		if wide {
			names, images := containerCells(s.Spec.Template.Spec.Containers)
			cells = append(cells, names, images)
		}
		return cells, nil
	})
}

// DescribeStatefulSet writes `kubectl describe statefulset`: the set, its
// replicas and update strategy, its pods by phase, its pod template, its
// volume claim templates, and the Events about it.
// Reference: staging/src/k8s.io/kubectl/pkg/describe/describe.go
// (StatefulSetDescriber, describeVolumeClaimTemplates).
func DescribeStatefulSet(w io.Writer, s *appsv1.StatefulSet, pods []*corev1.Pod, evs []corev1.Event, now time.Time) error {
	path := field.NewPath("statefulSet")
	if s == nil {
		return missing(path, "StatefulSet")
	}
	if s.Spec.Replicas == nil {
		return replicasRequired(path)
	}
	selector, err := metav1.LabelSelectorAsSelector(s.Spec.Selector)
	if err != nil {
		return field.Invalid(path.Child("spec", "selector"), metav1.FormatLabelSelector(s.Spec.Selector), err.Error())
	}
	phases, err := podPhases(s, selector, pods)
	if err != nil {
		return err
	}
	d := newDescriber(w)
	d.write(0, "Name:\t%s\n", s.Name)
	d.write(0, "Namespace:\t%s\n", s.Namespace)
	d.write(0, "CreationTimestamp:\t%s\n", rfc1123Z(s.CreationTimestamp))
	d.write(0, "Selector:\t%s\n", metav1.FormatLabelSelector(s.Spec.Selector))
	d.labels("Labels", s.Labels)
	d.annotations("Annotations", s.Annotations)
	d.write(0, "Replicas:\t%d desired | %d total\n", *s.Spec.Replicas, s.Status.Replicas)
	d.write(0, "Update Strategy:\t%s\n", s.Spec.UpdateStrategy.Type)
	if ru := s.Spec.UpdateStrategy.RollingUpdate; ru != nil && ru.Partition != nil {
		d.write(0, "  Partition:\t%d\n", *ru.Partition)
	}
	d.write(0, "Pods Status:\t%d Running / %d Waiting / %d Succeeded / %d Failed\n",
		phases[corev1.PodRunning], phases[corev1.PodPending], phases[corev1.PodSucceeded], phases[corev1.PodFailed])
	describePodTemplate(d, &s.Spec.Template)
	if len(s.Spec.VolumeClaimTemplates) == 0 {
		d.write(0, "Volume Claims:\t<none>\n")
	} else {
		d.write(0, "Volume Claims:\n")
		for _, t := range s.Spec.VolumeClaimTemplates {
			class := ""
			if t.Spec.StorageClassName != nil {
				class = *t.Spec.StorageClassName
			}
			size := t.Spec.Resources.Requests[corev1.ResourceStorage]
			d.write(1, "Name:\t%s\n", t.Name)
			d.write(1, "StorageClass:\t%s\n", class)
			d.labels("  Labels", t.Labels)
			d.annotations("  Annotations", t.Annotations)
			d.write(1, "Capacity:\t%s\n", size.String())
			d.write(1, "Access Modes:\t%v\n", t.Spec.AccessModes)
		}
	}
	d.events(evs, now)
	return d.finish()
}
