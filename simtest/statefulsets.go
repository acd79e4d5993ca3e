package simtest

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/scenario"
)

// drawStatefulSets adds, on one day in three, one or two StatefulSets
// with their headless Services, some with claim templates, and actions
// that scale them or delete one of their pods. The draws come from a
// stream of their own, so that every other part of a seed's day is what
// it was before StatefulSets were drawn.
func (d *day) drawStatefulSets(seed uint64) {
	main := d.rng
	d.rng = rand.New(rand.NewPCG(seed, 0x57a7e))
	defer func() { d.rng = main }()
	if d.rng.IntN(3) != 0 {
		return
	}
	for i := 1; i <= 1+d.rng.IntN(2); i++ {
		name := fmt.Sprintf("db-%d", i)
		d.objects = append(d.objects, d.statefulSet(name), headless(name))
		for range 1 + d.rng.IntN(3) {
			if d.rng.IntN(3) == 0 {
				grace := int64(pick(d.rng, 1, 5, 30)) // not 0: a forced delete may run an ordinal twice, as the docs warn
				d.add(d.at(), scenario.Action{Delete: &scenario.DeleteAction{Kind: "Pod", Name: fmt.Sprintf("%s-%d", name, d.rng.IntN(3)), GracePeriodSeconds: &grace}})
				continue
			}
			d.add(d.at(), scenario.Action{Scale: &scenario.ScaleAction{StatefulSet: name, Replicas: int32(d.rng.IntN(5))}})
		}
	}
	slices.SortStableFunc(d.spec.Actions, func(a, b scenario.Action) int { return cmp.Compare(a.At, b.At) })
}

// statefulSet returns a StatefulSet of one behaviour, OrderedReady or
// Parallel, with a claim template on two days in three.
func (d *day) statefulSet(name string) *appsv1.StatefulSet {
	replicas := int32(1 + d.rng.IntN(4))
	labels := map[string]string{"app": name}
	spec := corev1.PodSpec{Containers: []corev1.Container{d.container(pick(d.rng, serverKinds...))}}
	d.extras(&spec)
	// Not 0: the StatefulSet page calls a zero grace period unsafe, since
	// any deletion (a drain's eviction too) then removes the pod object at
	// once and its ordinal can run twice, which the invariant would
	// report. Unset, it is the default 30s; no draw is spent on it.
	// Reference: https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#deployment-and-scaling-guarantees
	if g := spec.TerminationGracePeriodSeconds; g != nil && *g == 0 {
		spec.TerminationGracePeriodSeconds = nil
	}
	s := &appsv1.StatefulSet{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "StatefulSet"},
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: appsv1.StatefulSetSpec{
			Replicas: &replicas, ServiceName: name,
			PodManagementPolicy: pick(d.rng, appsv1.OrderedReadyPodManagement, appsv1.ParallelPodManagement),
			Selector:            &metav1.LabelSelector{MatchLabels: labels},
			Template:            corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: labels}, Spec: spec},
		},
	}
	if d.rng.IntN(3) != 0 {
		s.Spec.VolumeClaimTemplates = []corev1.PersistentVolumeClaim{{
			ObjectMeta: metav1.ObjectMeta{Name: "data"},
			Spec: corev1.PersistentVolumeClaimSpec{
				AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
				Resources:   corev1.VolumeResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceStorage: resource.MustParse("1Gi")}},
			},
		}}
	}
	return s
}

// headless returns the headless Service that gives a StatefulSet's pods
// their DNS names.
func headless(name string) *corev1.Service {
	svc := service(name)
	svc.Spec.ClusterIP = corev1.ClusterIPNone
	return svc
}
