package simtest

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"time"

	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/controller"
	"github.com/nodenucleus/nucleus/endpointslice"
	"github.com/nodenucleus/nucleus/scenario"
)

// drawDisruption adds, on some days, a disruption budget over some of the
// day's Deployments and a drain of a store (now and then an uncordon
// after it). Its draws come from a stream of their own, so that the rest
// of a seed's day is the day it was before budgets and drains existed.
func (d *day) drawDisruption(seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 0xd15c))
	if len(d.deploys) == 0 || rng.IntN(3) != 0 {
		return
	}
	for _, dp := range d.deploys {
		if rng.IntN(2) == 0 {
			continue
		}
		b := &policyv1.PodDisruptionBudget{
			TypeMeta:   metav1.TypeMeta{APIVersion: "policy/v1", Kind: "PodDisruptionBudget"},
			ObjectMeta: metav1.ObjectMeta{Name: dp.name},
			Spec:       policyv1.PodDisruptionBudgetSpec{Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": dp.name}}},
		}
		switch bound := pick(rng, intstr.FromInt32(int32(rng.IntN(int(dp.replicas)+1))), intstr.FromString("50%"), intstr.FromInt32(1)); rng.IntN(2) {
		case 0:
			b.Spec.MinAvailable = &bound
		default:
			b.Spec.MaxUnavailable = &bound
		}
		if rng.IntN(4) == 0 {
			always := policyv1.AlwaysAllow
			b.Spec.UnhealthyPodEvictionPolicy = &always
		}
		d.objects = append(d.objects, b)
	}
	for i := 0; i < 1+rng.IntN(2); i++ {
		store := pick(rng, d.stores...)
		quiet := d.spec.Duration.D() - time.Minute
		at := time.Duration(rng.Int64N(int64(quiet/time.Second))) * time.Second
		drain := &scenario.DrainAction{Store: store, IgnoreDaemonSets: true, Force: rng.IntN(2) == 0}
		if rng.IntN(2) == 0 {
			drain.Timeout = scenario.Duration(time.Duration(10+rng.IntN(300)) * time.Second)
		}
		d.add(at, scenario.Action{Drain: drain})
		if back := at + time.Duration(30+rng.IntN(600))*time.Second; back < d.spec.Duration.D() && rng.IntN(2) == 0 {
			d.add(back, scenario.Action{Store: &scenario.StoreAction{Name: store, Fault: scenario.Uncordon}})
		}
	}
	slices.SortStableFunc(d.spec.Actions, func(a, b scenario.Action) int { return cmp.Compare(a.At, b.At) })
}

// checkEvictions: an eviction a budget granted never leaves fewer healthy
// pods (ready, not being deleted, not already granted an eviction) than
// the budget wants, unless the pod was unready and the budget let it go
// without using a disruption. "A drain never violates a budget."
// Reference: pkg/registry/core/pod/storage/eviction.go (checkAndDecrement),
// pkg/controller/disruption/disruption.go (countHealthyPods).
func (k *checker) checkEvictions(st Step) *finding {
	for _, r := range st.Records {
		if r.Reason != controller.EvictionGranted || r.Facts.From == "unready" {
			continue
		}
		b, err := k.c.API().PodDisruptionBudgets.Get(r.Object.Namespace, r.Facts.To)
		if err != nil {
			continue
		}
		sel, err := metav1.LabelSelectorAsSelector(b.Spec.Selector)
		if err != nil {
			continue
		}
		healthy := int32(0)
		for _, p := range k.c.API().Pods.ListShared() {
			if p.Namespace != b.Namespace || !sel.Matches(labels.Set(p.Labels)) || p.DeletionTimestamp != nil {
				continue
			}
			if _, disrupted := b.Status.DisruptedPods[p.Name]; !disrupted && endpointslice.IsPodReady(p) {
				healthy++
			}
		}
		if healthy < b.Status.DesiredHealthy {
			return found(DrainRespectsBudget, "evicting pod %s left budget %s with %d healthy pods; it wants %d",
				r.Object.Name, b.Name, healthy, b.Status.DesiredHealthy)
		}
	}
	return nil
}
