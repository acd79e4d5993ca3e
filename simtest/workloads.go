package simtest

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// The behaviours a container of a random day is drawn from.
const (
	steady  = "steady"  // serves for ever, probes pass
	slow    = "slow"    // takes a while to open its port
	crasher = "crasher" // exits after a while
	grower  = "grower"  // uses more memory each second, under a limit
	flappy  = "flappy"  // its readiness fails for a while, then recovers
	sick    = "sick"    // its liveness fails after a while
	job     = "job"     // finishes, with exit 0 or 1
	shell   = "shell"   // busybox that sleeps, then exits
	typo    = "typo"    // an image that is not in the warehouse
)

var serverKinds = []string{steady, steady, steady, slow, crasher, grower, flappy, sick, typo}
var podKinds = []string{steady, slow, crasher, grower, flappy, sick, job, job, shell, typo}

// container returns an app container of that behaviour, with requests,
// probes and (for a grower) a memory limit.
func (d *day) container(kind string) corev1.Container {
	c := corev1.Container{Name: "app", Image: "sim/" + kind + ":1"}
	c.Resources.Requests = corev1.ResourceList{
		corev1.ResourceCPU:    resource.MustParse(pick(d.rng, "50m", "100m", "250m", "500m")),
		corev1.ResourceMemory: resource.MustParse(pick(d.rng, "32Mi", "64Mi", "128Mi", "256Mi")),
	}
	switch kind {
	case shell:
		c.Image = "busybox:1.36"
		c.Command = []string{"sh", "-c", fmt.Sprintf("sleep %d; exit %d", 5+d.rng.IntN(60), pick(d.rng, 0, 0, 1))}
		return c
	case typo:
		c.Image = pick(d.rng, "sim/stedy:1", "busybx:1.36")
		return c
	case job:
		return c
	case grower:
		c.Resources.Limits = corev1.ResourceList{corev1.ResourceMemory: resource.MustParse(pick(d.rng, "64Mi", "128Mi", "256Mi"))}
		c.Resources.Requests[corev1.ResourceMemory] = resource.MustParse("32Mi")
	}
	c.Ports = []corev1.ContainerPort{{Name: "http", ContainerPort: 8080}}
	if d.rng.IntN(4) != 0 {
		c.ReadinessProbe = httpProbe("/ready", int32(1+d.rng.IntN(5)))
	}
	if kind == sick || d.rng.IntN(4) == 0 {
		c.LivenessProbe = httpProbe("/healthz", int32(2+d.rng.IntN(8)))
	}
	if kind == slow && d.rng.IntN(2) == 0 {
		c.StartupProbe = httpProbe("/healthz", 5)
		c.StartupProbe.FailureThreshold = 30
	}
	return c
}

// httpProbe returns an HTTP GET probe of path on the port named http.
func httpProbe(path string, period int32) *corev1.Probe {
	return &corev1.Probe{PeriodSeconds: period, ProbeHandler: corev1.ProbeHandler{
		HTTPGet: &corev1.HTTPGetAction{Path: path, Port: intstr.FromString("http")}}}
}

// extras adds, at random, an init container that waits for a Service and a
// sidecar that works alongside for the whole shift.
func (d *day) extras(spec *corev1.PodSpec) {
	if d.rng.IntN(4) == 0 {
		svc := d.waitedService()
		spec.InitContainers = append(spec.InitContainers, corev1.Container{
			Name: "wait-" + svc, Image: "busybox:1.36",
			Command: []string{"sh", "-c", fmt.Sprintf("until nslookup %s; do echo waiting for %s; sleep 2; done", svc, svc)},
		})
	}
	if d.rng.IntN(4) == 0 {
		always := corev1.ContainerRestartPolicyAlways
		spec.InitContainers = append(spec.InitContainers, corev1.Container{
			Name: "logger", Image: "busybox:1.36", RestartPolicy: &always,
			Command: []string{"sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"},
		})
	}
	if d.rng.IntN(5) == 0 {
		spec.Tolerations = []corev1.Toleration{{Key: "dedicated", Operator: corev1.TolerationOpEqual, Value: "batch", Effect: corev1.TaintEffectNoSchedule}}
	}
	if d.rng.IntN(8) == 0 {
		spec.NodeSelector = map[string]string{corev1.LabelTopologyZone: pick(d.rng, "zone-a", "zone-b", "zone-c")}
	}
	if d.rng.IntN(3) == 0 {
		g := int64(pick(d.rng, 0, 5, 30))
		spec.TerminationGracePeriodSeconds = &g
	}
}

// staffingRules adds, at random, a required anti-affinity that keeps the
// Deployment's pods one to a store, or a topology spread constraint over
// the zones.
func (d *day) staffingRules(spec *corev1.PodSpec, labels map[string]string) {
	sel := &metav1.LabelSelector{MatchLabels: labels}
	switch d.rules.IntN(6) {
	case 0:
		spec.Affinity = &corev1.Affinity{PodAntiAffinity: &corev1.PodAntiAffinity{
			RequiredDuringSchedulingIgnoredDuringExecution: []corev1.PodAffinityTerm{{LabelSelector: sel, TopologyKey: corev1.LabelHostname}},
		}}
	case 1:
		spec.TopologySpreadConstraints = []corev1.TopologySpreadConstraint{{
			MaxSkew: int32(1 + d.rules.IntN(2)), TopologyKey: corev1.LabelTopologyZone, LabelSelector: sel,
			WhenUnsatisfiable: pick(d.rules, corev1.DoNotSchedule, corev1.ScheduleAnyway),
		}}
	}
}

// waitedService returns the name of a Service an init container waits
// for: one that exists, or one an action creates later.
func (d *day) waitedService() string {
	if len(d.services) > 0 && d.rng.IntN(2) == 0 {
		return pick(d.rng, d.services...)
	}
	name := fmt.Sprintf("late-%d", len(d.later)+1)
	d.later = append(d.later, name)
	return name
}

// drawWorkloads adds Deployments with their Services, and bare pods.
func (d *day) drawWorkloads() {
	for i := 1; i <= d.rng.IntN(5); i++ {
		name := fmt.Sprintf("web-%d", i)
		dp := d.deployment(name, pick(d.rng, serverKinds...))
		d.objects = append(d.objects, dp)
		d.deploys = append(d.deploys, deployPlan{name: name, replicas: *dp.Spec.Replicas, object: dp})
		if d.rng.IntN(4) != 0 {
			d.objects = append(d.objects, service(name))
			d.services = append(d.services, name)
		}
	}
	for i := 1; i <= 1+d.rng.IntN(8); i++ {
		name := fmt.Sprintf("pod-%d", i)
		kind := pick(d.rng, podKinds...)
		c := d.container(kind)
		p := &corev1.Pod{
			TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
			ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"app": name}},
			Spec:       corev1.PodSpec{Containers: []corev1.Container{c}},
		}
		if kind == job || kind == shell || d.rng.IntN(4) == 0 {
			p.Spec.RestartPolicy = pick(d.rng, corev1.RestartPolicyNever, corev1.RestartPolicyOnFailure)
		}
		d.extras(&p.Spec)
		d.objects = append(d.objects, p)
		d.pods = append(d.pods, podPlan{name: name, container: c.Name, limited: c.Resources.Limits != nil})
	}
}

// deployment returns a Deployment of replicas of one behaviour, with a
// random rolling-update strategy.
func (d *day) deployment(name, kind string) *appsv1.Deployment {
	replicas := int32(1 + d.rng.IntN(5))
	surge := pick(d.rng, intstr.FromString("25%"), intstr.FromInt32(1), intstr.FromInt32(0), intstr.FromInt32(2))
	unavailable := pick(d.rng, intstr.FromString("25%"), intstr.FromInt32(1), intstr.FromInt32(0))
	if surge.IntVal == 0 && surge.Type == intstr.Int && unavailable.IntVal == 0 && unavailable.Type == intstr.Int {
		unavailable = intstr.FromInt32(1)
	}
	labels := map[string]string{"app": name}
	spec := corev1.PodSpec{Containers: []corev1.Container{d.container(kind)}}
	d.extras(&spec)
	d.staffingRules(&spec, labels)
	return &appsv1.Deployment{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"},
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: appsv1.DeploymentSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Strategy: appsv1.DeploymentStrategy{Type: appsv1.RollingUpdateDeploymentStrategyType,
				RollingUpdate: &appsv1.RollingUpdateDeployment{MaxSurge: &surge, MaxUnavailable: &unavailable}},
			Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: labels}, Spec: spec},
		},
	}
}

// service returns a Service for the pods labelled app=name, port 80 to
// the port named http.
func service(name string) *corev1.Service {
	return &corev1.Service{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Service"},
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: corev1.ServiceSpec{
			Selector: map[string]string{"app": name},
			Ports:    []corev1.ServicePort{{Port: 80, TargetPort: intstr.FromString("http")}},
		},
	}
}
