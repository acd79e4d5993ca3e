package controller

import (
	"time"

	batchv1 "k8s.io/api/batch/v1"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/sim"
)

// TTLAfterFinishedComponent is the Source.Component of the
// TTL-after-finished controller's records.
const TTLAfterFinishedComponent = "ttl-after-finished-controller"

// TTLAfterFinishedController clears away finished Jobs: a Job with
// spec.ttlSecondsAfterFinished is deleted, with its pods, that many
// seconds after its Complete or Failed condition turned True
// (pkg/controller/ttlafterfinished). In the store: the temp agency's
// paperwork for a finished contract is shredded after the retention
// period.
type TTLAfterFinishedController struct {
	loop  *sim.Loop
	api   *apiserver.Server
	queue *workQueue
}

// NewTTLAfterFinishedController returns the controller, watching Jobs at
// once.
func NewTTLAfterFinishedController(cfg Config) *TTLAfterFinishedController {
	c := &TTLAfterFinishedController{loop: cfg.Loop, api: cfg.API}
	c.queue = newWorkQueue(cfg.Loop, c.sync)
	cfg.API.Jobs.Watch(0, true, func(ev apiserver.WatchEvent[*batchv1.Job]) {
		if ev.Type != apiserver.Deleted && ev.Object.Spec.TTLSecondsAfterFinished != nil && IsJobFinished(ev.Object) {
			c.queue.add(apiserver.KeyOf(ev.Object))
		}
	})
	return c
}

// sync deletes the Job when its time is up, or comes back then
// (processJob, timeLeft).
func (c *TTLAfterFinishedController) sync(k apiserver.Key) error {
	j, err := c.api.Jobs.Get(k.Namespace, k.Name)
	if err != nil || j.DeletionTimestamp != nil || j.Spec.TTLSecondsAfterFinished == nil {
		return nil
	}
	cond, ok := JobFinishedCondition(j)
	if !ok {
		return nil
	}
	ttl := time.Duration(*j.Spec.TTLSecondsAfterFinished) * time.Second
	expire := cond.LastTransitionTime.Add(ttl)
	if left := expire.Sub(c.loop.Now().Wall()); left > 0 {
		c.queue.addAfter(k, left)
		return nil
	}
	if err := c.api.Jobs.Delete(j.Namespace, j.Name); err != nil {
		return nil
	}
	c.loop.Record(sim.Record{
		Kind: sim.Change, Source: sim.Source{Component: TTLAfterFinishedComponent},
		Object: sim.ObjectRef{Kind: "Job", Namespace: j.Namespace, Name: j.Name, UID: string(j.UID)},
		Reason: "TTLExpired", Message: "Job deleted " + ttl.String() + " after it finished (ttlSecondsAfterFinished)",
		Facts: sim.Facts{Duration: ttl},
	})
	return nil
}
