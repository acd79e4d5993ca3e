package simtest

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/scenario"
)

// The seeds of the streams the newer kinds are drawn from: each its own,
// so that what an older part of a seed's day drew stays what it was.
const (
	daemonSetStream  = 0xdae
	namespaceStream  = 0x7ea
	autoscalerStream = 0x4ba
)

// withStream runs draw with d.rng swapped for a stream of its own.
func (d *day) withStream(seed, stream uint64, draw func()) {
	main := d.rng
	d.rng = rand.New(rand.NewPCG(seed, stream))
	defer func() { d.rng = main }()
	draw()
	slices.SortStableFunc(d.spec.Actions, func(a, b scenario.Action) int { return cmp.Compare(a.At, b.At) })
}

// drawDaemonSets adds, on one day in three, a DaemonSet (a greeter at
// every store it may work at: all, the gold ones, or the tainted ones too)
// with a random update strategy, new templates rolled out over the day,
// and now and then a store that opens mid-day.
func (d *day) drawDaemonSets(seed uint64) {
	d.withStream(seed, daemonSetStream, func() {
		if d.rng.IntN(3) != 0 {
			return
		}
		ds := d.daemonSet("greeter")
		d.objects = append(d.objects, ds)
		for range d.rng.IntN(3) {
			next := ds.DeepCopy()
			next.Spec.Template.Spec.Containers[0].Image = fmt.Sprintf("sim/%s:%d", pick(d.rng, steady, steady, slow, crasher, flappy), 2+d.rng.IntN(3))
			d.add(d.at(), applyAction(next))
		}
		if d.rng.IntN(2) == 0 {
			name := fmt.Sprintf("store-%d", len(d.stores)+1)
			d.add(d.at(), scenario.Action{Store: &scenario.StoreAction{Name: name, Fault: scenario.Open}})
		}
	})
}

// daemonSet returns a DaemonSet of one server behaviour. Its update
// strategy is one of: maxUnavailable 1 (the default), maxSurge 1 or 50%
// with maxUnavailable 0, or OnDelete.
func (d *day) daemonSet(name string) *appsv1.DaemonSet {
	labels := map[string]string{"app": name}
	spec := corev1.PodSpec{Containers: []corev1.Container{d.container(pick(d.rng, steady, steady, slow, crasher, flappy, typo))}}
	switch d.rng.IntN(4) {
	case 0:
		spec.NodeSelector = map[string]string{"tier": "gold"}
	case 1:
		spec.Tolerations = []corev1.Toleration{{Key: "dedicated", Operator: corev1.TolerationOpExists}}
	}
	if d.rng.IntN(3) == 0 {
		g := int64(pick(d.rng, 0, 5, 30))
		spec.TerminationGracePeriodSeconds = &g
	}
	one, zero, half := intstr.FromInt32(1), intstr.FromInt32(0), intstr.FromString("50%")
	strategy := pick(d.rng,
		appsv1.DaemonSetUpdateStrategy{Type: appsv1.RollingUpdateDaemonSetStrategyType},
		appsv1.DaemonSetUpdateStrategy{Type: appsv1.RollingUpdateDaemonSetStrategyType,
			RollingUpdate: &appsv1.RollingUpdateDaemonSet{MaxSurge: &one, MaxUnavailable: &zero}},
		appsv1.DaemonSetUpdateStrategy{Type: appsv1.RollingUpdateDaemonSetStrategyType,
			RollingUpdate: &appsv1.RollingUpdateDaemonSet{MaxSurge: &half, MaxUnavailable: &zero}},
		appsv1.DaemonSetUpdateStrategy{Type: appsv1.OnDeleteDaemonSetStrategyType})
	return &appsv1.DaemonSet{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "DaemonSet"},
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: appsv1.DaemonSetSpec{
			Selector:        &metav1.LabelSelector{MatchLabels: labels},
			Template:        corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: labels}, Spec: spec},
			UpdateStrategy:  strategy,
			MinReadySeconds: int32(pick(d.rng, 0, 0, 5)),
		},
	}
}

// drawNamespaces adds, on one day in three, a namespace (a division of
// the chain) filled with a Deployment, its Service, a bare pod and a
// ConfigMap, and usually its deletion later in the day; on some of those
// days the Deployment is scaled after the deletion (refused, or a scale
// of a Deployment that is going).
func (d *day) drawNamespaces(seed uint64) {
	d.withStream(seed, namespaceStream, func() {
		if d.rng.IntN(3) != 0 {
			return
		}
		const ns = "division-1"
		d.objects = append(d.objects, &corev1.Namespace{
			TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Namespace"},
			ObjectMeta: metav1.ObjectMeta{Name: ns},
		})
		web := d.deployment("shop", pick(d.rng, serverKinds...))
		web.Namespace = ns
		svc := service("shop")
		svc.Namespace = ns
		c := d.container(pick(d.rng, steady, slow, job, shell))
		p := &corev1.Pod{
			TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
			ObjectMeta: metav1.ObjectMeta{Name: "clerk", Namespace: ns, Labels: map[string]string{"app": "clerk"}},
			Spec:       corev1.PodSpec{Containers: []corev1.Container{c}, RestartPolicy: corev1.RestartPolicyOnFailure},
		}
		cm := &corev1.ConfigMap{
			TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "ConfigMap"},
			ObjectMeta: metav1.ObjectMeta{Name: "prices", Namespace: ns},
			Data:       map[string]string{"coffee": "2.50"},
		}
		d.objects = append(d.objects, web, svc, p, cm)
		if d.rng.IntN(4) == 0 {
			return
		}
		gone := d.at()
		d.add(gone, scenario.Action{Delete: &scenario.DeleteAction{Kind: "Namespace", Name: ns}})
		if d.rng.IntN(3) == 0 {
			d.add(gone+time.Duration(d.rng.IntN(60))*time.Second,
				scenario.Action{Scale: &scenario.ScaleAction{Deployment: "shop", Namespace: ns, Replicas: int32(d.rng.IntN(6))}})
		}
	})
}

// drawAutoscalers adds, on one day in three, the HPA walkthrough's
// php-apache (registry.k8s.io/hpa-example, whose requests cost CPU) with
// its Service and a HorizontalPodAutoscaler of random bounds and target,
// some with a scale-down behavior; customers come in rushes (the scripted
// load), and now and then someone scales the Deployment by hand.
func (d *day) drawAutoscalers(seed uint64) {
	d.withStream(seed, autoscalerStream, func() {
		if d.rng.IntN(3) != 0 {
			return
		}
		const name = "php-apache"
		labels := map[string]string{"run": name}
		replicas := int32(1 + d.rng.IntN(3))
		dp := &appsv1.Deployment{
			TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"},
			ObjectMeta: metav1.ObjectMeta{Name: name},
			Spec: appsv1.DeploymentSpec{
				Replicas: &replicas,
				Selector: &metav1.LabelSelector{MatchLabels: labels},
				Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: labels}, Spec: corev1.PodSpec{
					Containers: []corev1.Container{{Name: name, Image: "registry.k8s.io/hpa-example",
						Ports: []corev1.ContainerPort{{ContainerPort: 80}},
						Resources: corev1.ResourceRequirements{
							Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse(pick(d.rng, "100m", "200m"))},
							Limits:   corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("500m")},
						}}},
				}},
			},
		}
		svc := &corev1.Service{
			TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Service"},
			ObjectMeta: metav1.ObjectMeta{Name: name},
			Spec:       corev1.ServiceSpec{Selector: labels, Ports: []corev1.ServicePort{{Port: 80}}},
		}
		lo := int32(1 + d.rng.IntN(2))
		hi := lo + int32(1+d.rng.IntN(6))
		util := int32(pick(d.rng, 30, 50, 80))
		hpa := &autoscalingv2.HorizontalPodAutoscaler{
			TypeMeta:   metav1.TypeMeta{APIVersion: "autoscaling/v2", Kind: "HorizontalPodAutoscaler"},
			ObjectMeta: metav1.ObjectMeta{Name: name},
			Spec: autoscalingv2.HorizontalPodAutoscalerSpec{
				ScaleTargetRef: autoscalingv2.CrossVersionObjectReference{APIVersion: "apps/v1", Kind: "Deployment", Name: name},
				MinReplicas:    &lo, MaxReplicas: hi,
				Metrics: []autoscalingv2.MetricSpec{{Type: autoscalingv2.ResourceMetricSourceType, Resource: &autoscalingv2.ResourceMetricSource{
					Name: corev1.ResourceCPU, Target: autoscalingv2.MetricTarget{Type: autoscalingv2.UtilizationMetricType, AverageUtilization: &util}}}},
			},
		}
		if d.rng.IntN(3) == 0 {
			window := int32(pick(d.rng, 0, 30, 60))
			hpa.Spec.Behavior = &autoscalingv2.HorizontalPodAutoscalerBehavior{ScaleDown: &autoscalingv2.HPAScalingRules{
				StabilizationWindowSeconds: &window,
				Policies:                   []autoscalingv2.HPAScalingPolicy{{Type: autoscalingv2.PodsScalingPolicy, Value: 1, PeriodSeconds: 30}},
			}}
		}
		d.objects = append(d.objects, dp, svc, hpa)
		for range 1 + d.rng.IntN(3) {
			d.add(d.at(), scenario.Action{Customers: &scenario.CustomersAction{
				Service: name, Rate: float64(pick(d.rng, 5, 20, 50, 100)),
				For:   scenario.Duration(time.Duration(30+d.rng.IntN(300)) * time.Second),
				Store: pick(d.rng, d.stores...)}})
		}
		if d.rng.IntN(3) == 0 {
			d.add(d.at(), scenario.Action{Scale: &scenario.ScaleAction{Deployment: name, Replicas: int32(d.rng.IntN(int(hi) + 3))}})
		}
	})
}
