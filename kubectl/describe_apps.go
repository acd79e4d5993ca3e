package kubectl

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// DescribeDeployment writes what `kubectl describe deployment` prints for
// d at time now: identity, selector, the replica counts, strategy, the pod
// template, conditions, the old and the new ReplicaSet with "(2/3 replicas
// created)", and the events evs. Of rss only those controlled by d count:
// the new ReplicaSet is the oldest whose pod template equals d's (apart
// from the pod-template-hash label), the others are old, by name. It
// returns an error naming a nil object, an unset spec.replicas or an
// invalid selector, and the first error from writing to w.
// Reference: kubectl describe.go describeDeployment,
// printReplicaSetsByLabels; kubectl util/deployment GetAllReplicaSets.
func DescribeDeployment(w io.Writer, d *appsv1.Deployment, rss []*appsv1.ReplicaSet, evs []corev1.Event, now time.Time) error {
	if d == nil {
		return missing(field.NewPath("deployment"), "Deployment")
	}
	path := field.NewPath("deployment")
	if d.Spec.Replicas == nil {
		return replicasRequired(path)
	}
	selector, err := metav1.LabelSelectorAsSelector(d.Spec.Selector)
	if err != nil {
		return field.Invalid(path.Child("spec", "selector"), metav1.FormatLabelSelector(d.Spec.Selector), err.Error())
	}
	oldRSs, newRS, err := splitReplicaSets(d, rss)
	if err != nil {
		return err
	}
	dw := newDescriber(w)
	st := d.Status
	dw.write(0, "Name:\t%s\n", d.Name)
	dw.write(0, "Namespace:\t%s\n", d.Namespace)
	dw.write(0, "CreationTimestamp:\t%s\n", rfc1123Z(d.CreationTimestamp))
	dw.labels("Labels", d.Labels)
	dw.annotations("Annotations", d.Annotations)
	dw.write(0, "Selector:\t%s\n", selector)
	dw.write(0, "Replicas:\t%d desired | %d updated | %d total | %d available | %d unavailable\n",
		*d.Spec.Replicas, st.UpdatedReplicas, st.Replicas, st.AvailableReplicas, st.UnavailableReplicas)
	dw.write(0, "StrategyType:\t%s\n", d.Spec.Strategy.Type)
	dw.write(0, "MinReadySeconds:\t%d\n", d.Spec.MinReadySeconds)
	if ru := d.Spec.Strategy.RollingUpdate; ru != nil {
		dw.write(0, "RollingUpdateStrategy:\t%s max unavailable, %s max surge\n", ru.MaxUnavailable.String(), ru.MaxSurge.String())
	}
	describePodTemplate(dw, &d.Spec.Template)
	if len(st.Conditions) > 0 {
		dw.write(0, "Conditions:\n  Type\tStatus\tReason\n")
		dw.write(1, "----\t------\t------\n")
		for _, c := range st.Conditions {
			dw.write(1, "%v \t%v\t%v\n", c.Type, c.Status, c.Reason)
		}
	}
	if len(oldRSs) > 0 || newRS != nil {
		var newList []*appsv1.ReplicaSet
		if newRS != nil {
			newList = append(newList, newRS)
		}
		dw.write(0, "OldReplicaSets:\t%s\n", replicaSetList(oldRSs))
		dw.write(0, "NewReplicaSet:\t%s\n", replicaSetList(newList))
	}
	dw.events(evs, now)
	return dw.finish()
}

// splitReplicaSets returns d's old ReplicaSets by name and its new one (or
// nil), leaving out ReplicaSets d does not control. It returns an error
// naming a nil ReplicaSet or one with an unset spec.replicas.
// Reference: kubectl util/deployment FindNewReplicaSet, FindOldReplicaSets.
func splitReplicaSets(d *appsv1.Deployment, rss []*appsv1.ReplicaSet) (old []*appsv1.ReplicaSet, newRS *appsv1.ReplicaSet, err error) {
	var owned []*appsv1.ReplicaSet
	for i, rs := range rss {
		path := field.NewPath("replicaSets").Index(i)
		if rs == nil {
			return nil, nil, missing(path, "ReplicaSet")
		}
		if rs.Spec.Replicas == nil {
			return nil, nil, replicasRequired(path)
		}
		ref := metav1.GetControllerOf(rs)
		if rs.Namespace == d.Namespace && ref != nil && ref.Kind == "Deployment" && ref.Name == d.Name && (d.UID == "" || ref.UID == d.UID) {
			owned = append(owned, rs)
		}
	}
	byAge := append([]*appsv1.ReplicaSet(nil), owned...)
	sort.SliceStable(byAge, func(i, j int) bool {
		a, b := byAge[i].CreationTimestamp, byAge[j].CreationTimestamp
		if a.Equal(&b) {
			return byAge[i].Name < byAge[j].Name
		}
		return a.Before(&b)
	})
	for _, rs := range byAge {
		if sameTemplate(&rs.Spec.Template, &d.Spec.Template) {
			newRS = rs
			break
		}
	}
	sort.SliceStable(owned, func(i, j int) bool { return owned[i].Name < owned[j].Name })
	for _, rs := range owned {
		if rs != newRS {
			old = append(old, rs)
		}
	}
	return old, newRS, nil
}

// sameTemplate reports whether two pod templates are equal apart from the
// pod-template-hash label the Deployment controller adds.
func sameTemplate(a, b *corev1.PodTemplateSpec) bool {
	strip := func(t *corev1.PodTemplateSpec) *corev1.PodTemplateSpec {
		c := t.DeepCopy()
		delete(c.Labels, appsv1.DefaultDeploymentUniqueLabelKey)
		if len(c.Labels) == 0 {
			c.Labels = nil
		}
		return c
	}
	return apiequality.Semantic.DeepEqual(strip(a), strip(b))
}

// replicaSetList returns "name (2/3 replicas created), ..." or <none>.
func replicaSetList(rss []*appsv1.ReplicaSet) string {
	parts := make([]string, len(rss))
	for i, rs := range rss {
		parts[i] = fmt.Sprintf("%s (%d/%d replicas created)", rs.Name, rs.Status.Replicas, *rs.Spec.Replicas)
	}
	return orNone(strings.Join(parts, ", "))
}

// DescribeReplicaSet writes what `kubectl describe replicaset` prints for
// rs at time now: identity, selector, controller, "2 current / 3 desired",
// how many of its pods are Running, Waiting (Pending), Succeeded and
// Failed, the pod template, conditions and the events evs. Of pods only
// those that match the selector and whose controller is rs count. It
// returns an error naming a nil object, an unset spec.replicas or an
// invalid selector, and the first error from writing to w.
// Reference: kubectl describe.go describeReplicaSet,
// getPodStatusForController.
func DescribeReplicaSet(w io.Writer, rs *appsv1.ReplicaSet, pods []*corev1.Pod, evs []corev1.Event, now time.Time) error {
	path := field.NewPath("replicaSet")
	if rs == nil {
		return missing(path, "ReplicaSet")
	}
	if rs.Spec.Replicas == nil {
		return replicasRequired(path)
	}
	selector, err := metav1.LabelSelectorAsSelector(rs.Spec.Selector)
	if err != nil {
		return field.Invalid(path.Child("spec", "selector"), metav1.FormatLabelSelector(rs.Spec.Selector), err.Error())
	}
	phases, err := podPhases(rs, selector, pods)
	if err != nil {
		return err
	}
	d := newDescriber(w)
	d.write(0, "Name:\t%s\n", rs.Name)
	d.write(0, "Namespace:\t%s\n", rs.Namespace)
	d.write(0, "Selector:\t%s\n", metav1.FormatLabelSelector(rs.Spec.Selector))
	d.labels("Labels", rs.Labels)
	d.annotations("Annotations", rs.Annotations)
	if by := controlledBy(rs); by != "" {
		d.write(0, "Controlled By:\t%s\n", by)
	}
	d.write(0, "Replicas:\t%d current / %d desired\n", rs.Status.Replicas, *rs.Spec.Replicas)
	d.write(0, "Pods Status:\t%d Running / %d Waiting / %d Succeeded / %d Failed\n",
		phases[corev1.PodRunning], phases[corev1.PodPending], phases[corev1.PodSucceeded], phases[corev1.PodFailed])
	describePodTemplate(d, &rs.Spec.Template)
	if len(rs.Status.Conditions) > 0 {
		d.write(0, "Conditions:\n  Type\tStatus\tReason\n")
		d.write(1, "----\t------\t------\n")
		for _, c := range rs.Status.Conditions {
			d.write(1, "%v \t%v\t%v\n", c.Type, c.Status, c.Reason)
		}
	}
	d.events(evs, now)
	return d.finish()
}

// podPhases counts owner's pods by phase: those that match selector and
// are controlled by owner. It returns an error naming a nil pod.
func podPhases(owner metav1.Object, selector labels.Selector, pods []*corev1.Pod) (map[corev1.PodPhase]int, error) {
	counts := map[corev1.PodPhase]int{}
	for i, p := range pods {
		if p == nil {
			return nil, missing(field.NewPath("pods").Index(i), "Pod")
		}
		ref := metav1.GetControllerOf(p)
		if p.Namespace != owner.GetNamespace() || !selector.Matches(labels.Set(p.Labels)) || ref == nil || ref.UID != owner.GetUID() {
			continue
		}
		counts[p.Status.Phase]++
	}
	return counts, nil
}
