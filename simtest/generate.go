package simtest

import (
	"fmt"
	"math/rand/v2"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/scenario"
)

// day is a random day being drawn: the scenario so far, and what the
// actions may name (stores, bare pods, Deployments, Services).
type day struct {
	rng *rand.Rand
	// rules draws the staffing rules of Deployments (anti-affinity,
	// topology spread) from a stream of its own, so that adding them left
	// every other draw of a seed's day as it was.
	rules    *rand.Rand
	opts     Options
	spec     scenario.Spec
	objects  []any
	stores   []string
	pods     []podPlan
	deploys  []deployPlan
	services []string
	later    []string // Services created by an action, waited for by init containers
}

// podPlan is a bare pod an action may name.
type podPlan struct {
	name      string
	container string
	limited   bool // the container has a memory limit, so useMemory can OOM it
}

// deployPlan is a Deployment an action may scale or roll.
type deployPlan struct {
	name     string
	replicas int32
	object   any // the Deployment as first applied
}

// Generate returns the random day of seed: 1 to opts.MaxStores stores of
// varied floor space, labels and taints; Deployments, StatefulSets, bare
// pods and Services drawn from a vocabulary of behaviours; on some days
// disruption budgets over the Deployments and drains of stores, a
// DaemonSet, a namespace filled and deleted, and an autoscaled
// php-apache with rushes of customers, a ReplicationController scaled by
// hand; and timed faults and changes. The same seed and options give the same day. The day is a
// Scenario, so that it can be written out (Marshal) and run by
// `nucleus run` like any exercise sheet.
func Generate(seed uint64, opts Options) *scenario.Scenario {
	opts = opts.withDefaults()
	d := &day{rng: rand.New(rand.NewPCG(seed, 0x5eed)), rules: rand.New(rand.NewPCG(seed, 0x5c4ed)), opts: opts}
	d.spec.Seed = &seed
	span := opts.MaxDuration - opts.MinDuration
	dur := opts.MinDuration + time.Duration(d.rng.Int64N(int64(span/time.Second)+1))*time.Second
	d.spec.Duration = scenario.Duration(dur)
	if d.rng.IntN(3) == 0 {
		d.spec.WatchDelay = scenario.Duration(time.Duration(d.rng.IntN(4)) * 250 * time.Millisecond)
	}
	d.drawStores()
	d.spec.Images = images(d.rng)
	d.drawWorkloads()
	d.drawActions()
	d.drawStatefulSets(seed)
	d.drawDisruption(seed)
	d.drawDaemonSets(seed)
	d.drawNamespaces(seed)
	d.drawAutoscalers(seed)
	d.drawReplicationControllers(seed)
	s := &scenario.Scenario{
		TypeMeta:   metav1.TypeMeta{APIVersion: scenario.APIVersion, Kind: scenario.Kind},
		ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("day-%d", seed)},
		Spec:       d.spec,
	}
	out, err := Reload(s, d.objects)
	if err != nil {
		panic(fmt.Sprintf("simtest: Generate(%d): the day does not load: %v", seed, err))
	}
	return out
}

// pick returns one of the choices at random.
func pick[T any](rng *rand.Rand, choices ...T) T { return choices[rng.IntN(len(choices))] }

// drawStores adds 1 to MaxStores stores, a few of them small, tainted or
// in another zone.
func (d *day) drawStores() {
	n := 1 + d.rng.IntN(d.opts.MaxStores)
	for i := 1; i <= n; i++ {
		st := scenario.StoreSpec{
			Name: fmt.Sprintf("store-%d", i),
			Capacity: corev1.ResourceList{
				corev1.ResourceCPU:    resource.MustParse(pick(d.rng, "1", "2", "4", "8")),
				corev1.ResourceMemory: resource.MustParse(pick(d.rng, "1Gi", "2Gi", "4Gi", "8Gi")),
				corev1.ResourcePods:   resource.MustParse(pick(d.rng, "4", "10", "110")),
			},
			Labels: map[string]string{corev1.LabelTopologyZone: pick(d.rng, "zone-a", "zone-b", "zone-c")},
		}
		if d.rng.IntN(5) == 0 {
			st.Labels["tier"] = "gold"
		}
		if i > 1 && d.rng.IntN(6) == 0 {
			st.Taints = []corev1.Taint{{Key: "dedicated", Value: "batch", Effect: corev1.TaintEffectNoSchedule}}
		}
		d.spec.Stores = append(d.spec.Stores, st)
		d.stores = append(d.stores, st.Name)
	}
}

// images returns the scripted images of a day: a steady server, a slow
// starter, a crasher, a memory grower, a server whose readiness flaps, one
// whose liveness fails after a while, and a job that finishes.
func images(rng *rand.Rand) []scenario.ImageSpec {
	sec := func(lo, hi int) scenario.Duration {
		return scenario.Duration(time.Duration(lo+rng.IntN(hi-lo+1)) * time.Second)
	}
	ok := func(path string) scenario.PathBehaviour { return scenario.PathBehaviour{Path: path, Status: 200} }
	web := func(paths ...scenario.PathBehaviour) []scenario.PortBehaviour {
		return []scenario.PortBehaviour{{Port: 8080, Paths: append(paths, ok("/"))}}
	}
	term := &scenario.SignalBehaviour{Exit: true, After: sec(0, 3)}
	flipAt := sec(20, 90)
	return []scenario.ImageSpec{
		{Repository: "sim/steady", Size: 5_000_000, Behaviour: scenario.Behaviour{
			Ports: web(ok("/ready"), ok("/healthz")), OnSIGTERM: term}},
		{Repository: "sim/slow", Size: 40_000_000, Behaviour: scenario.Behaviour{
			StartupTime: sec(10, 60), Ports: web(ok("/ready"), ok("/healthz")), OnSIGTERM: term}},
		{Repository: "sim/crasher", Size: 5_000_000, Behaviour: scenario.Behaviour{
			ExitAfter: sec(3, 90), ExitCode: pick(rng, 1, 2, 137), Ports: web(ok("/ready"))}},
		{Repository: "sim/grower", Size: 5_000_000, Behaviour: scenario.Behaviour{
			Memory: []scenario.MemoryStep{{Bytes: resource.MustParse("20Mi"), PerSecond: resource.MustParse(pick(rng, "100Ki", "1Mi", "4Mi"))}},
			Ports:  web(ok("/ready")), OnSIGTERM: term}},
		{Repository: "sim/flappy", Size: 5_000_000, Behaviour: scenario.Behaviour{
			Ports: web(
				scenario.PathBehaviour{Path: "/ready", Status: 200, Until: flipAt},
				scenario.PathBehaviour{Path: "/ready", Status: 503, From: flipAt, Until: flipAt + sec(10, 60)},
				ok("/ready"), ok("/healthz")),
			OnSIGTERM: term}},
		{Repository: "sim/sick", Size: 5_000_000, Behaviour: scenario.Behaviour{
			Ports: web(ok("/ready"), scenario.PathBehaviour{Path: "/healthz", Status: 200, Until: sec(15, 120)},
				scenario.PathBehaviour{Path: "/healthz", Status: 500})}},
		{Repository: "sim/job", Size: 2_000_000, Behaviour: scenario.Behaviour{
			ExitAfter: sec(5, 120), ExitCode: pick(rng, 0, 0, 0, 1)}},
	}
}
