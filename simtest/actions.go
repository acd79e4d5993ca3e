package simtest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/nodenucleus/nucleus/scenario"
)

// at returns a random instant of the day, leaving its last minute quiet.
func (d *day) at() time.Duration {
	quiet := d.spec.Duration.D() - time.Minute
	return time.Duration(d.rng.Int64N(int64(quiet/time.Second))) * time.Second
}

// add appends an action at instant at.
func (d *day) add(at time.Duration, a scenario.Action) {
	a.At = scenario.Duration(at)
	d.spec.Actions = append(d.spec.Actions, a)
}

// drawActions adds the day's timed faults and changes, then sorts them
// by instant.
func (d *day) drawActions() {
	for _, name := range d.later {
		if d.rng.IntN(4) != 0 {
			d.add(d.at(), applyAction(service(name)))
		}
	}
	n := 2 + d.rng.IntN(12)
	for i := 0; i < n; i++ {
		d.drawAction()
	}
	slices.SortStableFunc(d.spec.Actions, func(a, b scenario.Action) int {
		return cmp.Compare(a.At, b.At)
	})
}

// drawAction adds one action, or a pair (a fault and its end).
func (d *day) drawAction() {
	switch d.rng.IntN(8) {
	case 0, 1:
		d.storeFault()
	case 2:
		if p, ok := d.bare(false); ok {
			code := int32(pick(d.rng, 1, 137, 0))
			d.add(d.at(), scenario.Action{KillContainer: &scenario.ContainerAction{Pod: p.name, Container: p.container, ExitCode: &code}})
		}
	case 3:
		if p, ok := d.bare(true); ok {
			d.add(d.at(), scenario.Action{UseMemory: &scenario.UseMemoryAction{Pod: p.name, Container: p.container, Bytes: resource.MustParse("1Gi")}})
		}
	case 4:
		if p, ok := d.bare(false); ok {
			grace := int64(pick(d.rng, 0, 1, 10, 30))
			d.add(d.at(), scenario.Action{Delete: &scenario.DeleteAction{Kind: "Pod", Name: p.name, GracePeriodSeconds: &grace}})
		}
	case 5:
		if len(d.deploys) > 0 {
			dp := pick(d.rng, d.deploys...)
			d.add(d.at(), scenario.Action{Scale: &scenario.ScaleAction{Deployment: dp.name, Replicas: int32(d.rng.IntN(7))}})
		}
	case 6:
		d.rollout()
	default:
		if len(d.services) > 0 {
			d.add(d.at(), scenario.Action{Customers: &scenario.CustomersAction{
				Service: pick(d.rng, d.services...), Rate: float64(pick(d.rng, 1, 5, 20)),
				For:   scenario.Duration(time.Duration(30+d.rng.IntN(270)) * time.Second),
				Store: pick(d.rng, d.stores...)}})
		}
	}
}

// storeFault adds a power cut or a cut-off line, and usually its end.
func (d *day) storeFault() {
	store := pick(d.rng, d.stores...)
	from, to := scenario.PowerOff, scenario.PowerOn
	if d.rng.IntN(2) == 0 {
		from, to = scenario.CutOff, scenario.Reconnect
	}
	start := d.at()
	d.add(start, scenario.Action{Store: &scenario.StoreAction{Name: store, Fault: from}})
	if d.rng.IntN(5) != 0 {
		back := start + time.Duration(10+d.rng.IntN(600))*time.Second
		if back < d.spec.Duration.D() {
			d.add(back, scenario.Action{Store: &scenario.StoreAction{Name: store, Fault: to}})
		}
	}
}

// bare returns a bare pod an action may name; limited asks for one with a
// memory limit.
func (d *day) bare(limited bool) (podPlan, bool) {
	var choice []podPlan
	for _, p := range d.pods {
		if !limited || p.limited {
			choice = append(choice, p)
		}
	}
	if len(choice) == 0 {
		return podPlan{}, false
	}
	return pick(d.rng, choice...), true
}

// rollout adds a rolling update: the Deployment applied again with its
// container changed to another behaviour (or an image typo).
func (d *day) rollout() {
	if len(d.deploys) == 0 || d.opts.NoRollouts {
		return
	}
	dp := pick(d.rng, d.deploys...)
	next := dp.object.(*appsv1.Deployment).DeepCopy()
	c := &next.Spec.Template.Spec.Containers[0]
	c.Image = fmt.Sprintf("sim/%s:%d", pick(d.rng, steady, steady, slow, crasher, flappy), 2+d.rng.IntN(3))
	if d.rng.IntN(6) == 0 {
		c.Image = "sim/stedy:2"
	}
	d.add(d.at(), applyAction(next))
}

// applyAction returns an action that applies obj.
func applyAction(obj any) scenario.Action {
	raw, err := json.Marshal(obj)
	if err != nil {
		panic(fmt.Sprintf("simtest: applyAction: %v", err))
	}
	msg := json.RawMessage(raw)
	return scenario.Action{Apply: &msg}
}
