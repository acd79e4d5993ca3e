package controller

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/sim"
)

// CronJobComponent is the Source.Component of the CronJob controller's
// records.
const CronJobComponent = "cronjob-controller"

// nextScheduleDelta is how long after a scheduled time the controller
// wakes to start it (cronjob_controllerv2.go nextScheduleDelta).
const nextScheduleDelta = 100 * time.Millisecond

// tooManyMissed is how many missed start times the controller lists
// before it warns TooManyMissedTimes (utils.go mostRecentScheduleTime).
const tooManyMissed = 100

// CronJobController is head office's shift roster: at each time of a
// CronJob's schedule it signs a new contract with the temp agency (creates
// a Job from the jobTemplate), unless the roster is suspended, the time
// was missed by more than startingDeadlineSeconds, or the last shift is
// still working and the concurrencyPolicy forbids overlap (Forbid) or
// calls it off (Replace); and it keeps only the last few finished
// contracts (the history limits).
type CronJobController struct {
	loop  *sim.Loop
	api   *apiserver.Server
	queue *workQueue
}

// NewCronJobController returns a CronJob controller that starts watching
// the ledger at once.
func NewCronJobController(cfg Config) *CronJobController {
	c := &CronJobController{loop: cfg.Loop, api: cfg.API}
	c.queue = newWorkQueue(cfg.Loop, c.sync)
	cfg.API.CronJobs.Watch(0, true, func(ev apiserver.WatchEvent[*batchv1.CronJob]) {
		if ev.Type == apiserver.Deleted {
			c.collectJobs(ev.Object)
			return
		}
		c.queue.add(apiserver.KeyOf(ev.Object))
	})
	cfg.API.Jobs.Watch(0, false, func(ev apiserver.WatchEvent[*batchv1.Job]) {
		if ref := controllerOf(ev.Object); ref != nil && ref.Kind == "CronJob" {
			c.queue.add(apiserver.Key{Namespace: ev.Object.Namespace, Name: ref.Name})
		}
	})
	return c
}

// collectJobs deletes the Jobs of a deleted CronJob, as the garbage
// collector does.
func (c *CronJobController) collectJobs(cj *batchv1.CronJob) {
	for _, j := range c.api.Jobs.ListSharedByController(cj.Namespace, cj.UID) {
		_ = c.api.Jobs.Delete(j.Namespace, j.Name)
	}
}

func (c *CronJobController) event(cj *batchv1.CronJob, typ, reason, msg string, facts sim.Facts) {
	recordAbout(c.loop, CronJobComponent, "CronJob", cj, typ, reason, msg, facts)
}

// sync brings one CronJob up to date (cronjob_controllerv2.go sync,
// syncCronJob, cleanupFinishedJobs) and wakes again 100ms after its next
// scheduled time.
func (c *CronJobController) sync(k apiserver.Key) error {
	cj, err := c.api.CronJobs.Get(k.Namespace, k.Name)
	if err != nil {
		return nil
	}
	before := cj.Status.DeepCopy()
	jobs := c.api.Jobs.ListSharedByController(cj.Namespace, cj.UID)
	c.trackActive(cj, jobs)
	next, err := c.schedule(cj)
	if err != nil {
		return err
	}
	c.cleanupFinished(cj, jobs)
	if !equality.Semantic.DeepEqual(*before, cj.Status) {
		if _, err := c.api.CronJobs.Update(cj); err != nil {
			return err
		}
	}
	if next > 0 {
		c.queue.addAfter(k, next)
	}
	return nil
}

// trackActive drops finished and vanished Jobs from status.active,
// recording SawCompletedJob and lastSuccessfulTime, and adds Jobs it owns
// that are running but not listed.
func (c *CronJobController) trackActive(cj *batchv1.CronJob, jobs []*batchv1.Job) {
	byName := map[string]*batchv1.Job{}
	for _, j := range jobs {
		byName[j.Name] = j
		listed := slices.ContainsFunc(cj.Status.Active, func(r corev1.ObjectReference) bool { return r.UID == j.UID })
		cond, finished := JobFinishedCondition(j)
		switch {
		case !finished && !listed:
			cj.Status.Active = append(cj.Status.Active, jobRef(j))
		case finished && listed:
			cj.Status.Active = slices.DeleteFunc(cj.Status.Active, func(r corev1.ObjectReference) bool { return r.UID == j.UID })
			c.event(cj, sim.Normal, "SawCompletedJob", fmt.Sprintf("Saw completed job: %s, condition: %s", j.Name, cond.Type),
				sim.Facts{To: j.Name, From: string(cond.Type)})
		}
		if finished && cond.Type == batchv1.JobComplete && j.Status.CompletionTime != nil {
			if last := cj.Status.LastSuccessfulTime; last == nil || last.Before(j.Status.CompletionTime) {
				t := *j.Status.CompletionTime
				cj.Status.LastSuccessfulTime = &t
			}
		}
	}
	cj.Status.Active = slices.DeleteFunc(cj.Status.Active, func(r corev1.ObjectReference) bool {
		if j, ok := byName[r.Name]; ok && j.UID == r.UID {
			return false
		}
		c.event(cj, sim.Normal, "MissingJob", "Active job went missing: "+r.Name, sim.Facts{To: r.Name})
		return true
	})
}

func jobRef(j *batchv1.Job) corev1.ObjectReference {
	return corev1.ObjectReference{Kind: "Job", Namespace: j.Namespace, Name: j.Name, UID: j.UID,
		APIVersion: "batch/v1", ResourceVersion: j.ResourceVersion}
}

// schedule starts the Job of the most recent unmet scheduled time, if one
// is due and allowed, and returns how long until the controller should
// look again (0: not until something changes).
func (c *CronJobController) schedule(cj *batchv1.CronJob) (time.Duration, error) {
	if cj.DeletionTimestamp != nil || (cj.Spec.Suspend != nil && *cj.Spec.Suspend) {
		return 0, nil
	}
	now := c.loop.Now().Wall()
	loc, err := cronLocation(cj)
	if err != nil {
		c.event(cj, sim.Warning, "UnknownTimeZone", fmt.Sprintf("invalid timeZone: %q: %s", *cj.Spec.TimeZone, err), sim.Facts{})
		return 0, nil
	}
	sched, err := parseCron(cj.Spec.Schedule, loc)
	if err != nil {
		c.event(cj, sim.Warning, "UnparseableSchedule", fmt.Sprintf("unparseable schedule: %q : %s", cj.Spec.Schedule, err), sim.Facts{})
		return 0, nil
	}
	wait := func() time.Duration { return nextScheduleWait(cj, now, sched) }
	_, scheduled, missed, err := mostRecentScheduleTime(cj, now, sched, true)
	if err != nil {
		c.event(cj, sim.Warning, "InvalidSchedule", fmt.Sprintf("invalid schedule: %s : %s", cj.Spec.Schedule, err), sim.Facts{})
		return 0, nil
	}
	if scheduled == nil {
		return wait(), nil
	}
	if missed > tooManyMissed {
		c.event(cj, sim.Warning, "TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew",
			sim.Facts{Count: int32(min(missed, 1<<30))})
	}
	if d := cj.Spec.StartingDeadlineSeconds; d != nil && scheduled.Add(time.Duration(*d)*time.Second).Before(now) {
		c.event(cj, sim.Warning, "MissSchedule", "Missed scheduled time to start a job: "+scheduled.UTC().Format(time.RFC1123Z), sim.Facts{})
		return wait(), nil
	}
	name := cronJobName(cj, *scheduled)
	if slices.ContainsFunc(cj.Status.Active, func(r corev1.ObjectReference) bool { return r.Name == name }) ||
		(cj.Status.LastScheduleTime != nil && cj.Status.LastScheduleTime.Time.Equal(*scheduled)) {
		return wait(), nil
	}
	if cj.Spec.ConcurrencyPolicy == batchv1.ForbidConcurrent && len(cj.Status.Active) > 0 {
		c.event(cj, sim.Normal, "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid", sim.Facts{})
		return wait(), nil
	}
	if cj.Spec.ConcurrencyPolicy == batchv1.ReplaceConcurrent {
		for _, r := range cj.Status.Active {
			if err := c.api.Jobs.Delete(r.Namespace, r.Name); err == nil {
				c.event(cj, sim.Normal, ReasonSuccessfulDelete, "Deleted job "+r.Name, sim.Facts{To: r.Name})
			}
		}
		cj.Status.Active = nil
	}
	created, err := CreateJob(c.api, jobFromTemplate(cj, *scheduled, loc))
	switch {
	case apierrors.IsAlreadyExists(err):
	case err != nil:
		c.event(cj, sim.Warning, ReasonFailedCreate, "Error creating job: "+err.Error(), sim.Facts{})
		return 0, err
	default:
		c.event(cj, sim.Normal, ReasonSuccessfulCreate, "Created job "+created.Name, sim.Facts{To: created.Name})
		cj.Status.Active = append(cj.Status.Active, jobRef(created))
	}
	t := metav1.NewTime(*scheduled)
	cj.Status.LastScheduleTime = &t
	return wait(), nil
}

// jobFromTemplate returns the Job a CronJob makes for a scheduled time
// (getJobFromTemplate2): the template's labels, annotations and spec, the
// name <cronjob>-<minutes>, the scheduled-timestamp annotation, and the
// CronJob as controller.
func jobFromTemplate(cj *batchv1.CronJob, scheduled time.Time, loc *time.Location) *batchv1.Job {
	t := cj.Spec.JobTemplate.DeepCopy()
	ann := t.Annotations
	if ann == nil {
		ann = map[string]string{}
	}
	ann[batchv1.CronJobScheduledTimestampAnnotation] = scheduled.In(loc).Format(time.RFC3339)
	yes := true
	return &batchv1.Job{
		TypeMeta: metav1.TypeMeta{APIVersion: "batch/v1", Kind: "Job"},
		ObjectMeta: metav1.ObjectMeta{
			Name: cronJobName(cj, scheduled), Namespace: cj.Namespace, Labels: t.Labels, Annotations: ann,
			OwnerReferences: []metav1.OwnerReference{{APIVersion: "batch/v1", Kind: "CronJob", Name: cj.Name, UID: cj.UID, Controller: &yes, BlockOwnerDeletion: &yes}},
		},
		Spec: t.Spec,
	}
}

// mostRecentScheduleTime returns the earliest time the controller looks
// from, the most recent scheduled time at or before now (nil if none),
// and roughly how many were missed, counted as the controller counts
// them: the interval between the next two times, fitted into the time
// since the first (utils.go mostRecentScheduleTime).
func mostRecentScheduleTime(cj *batchv1.CronJob, now time.Time, sched *cronSchedule, withDeadline bool) (time.Time, *time.Time, int64, error) {
	earliest := cj.CreationTimestamp.Time
	if cj.Status.LastScheduleTime != nil {
		earliest = cj.Status.LastScheduleTime.Time
	}
	if withDeadline && cj.Spec.StartingDeadlineSeconds != nil {
		if d := now.Add(-time.Duration(*cj.Spec.StartingDeadlineSeconds) * time.Second); d.After(earliest) {
			earliest = d
		}
	}
	t1 := sched.next(earliest)
	t2 := sched.next(t1)
	if t1.IsZero() || now.Before(t1) {
		return earliest, nil, 0, nil
	}
	if t2.IsZero() || now.Before(t2) {
		return earliest, &t1, 0, nil
	}
	between := int64(t2.Sub(t1).Round(time.Second).Seconds())
	if between < 1 {
		return earliest, nil, 0, fmt.Errorf("time difference between two schedules is less than 1 second")
	}
	missed := int64(now.Sub(t1).Seconds())/between + 1
	var recent time.Time
	for t := sched.next(t1.Add(time.Duration((missed-2)*between) * time.Second)); !t.IsZero() && !t.After(now); t = sched.next(t) {
		recent = t
	}
	if recent.IsZero() {
		return earliest, nil, missed, nil
	}
	return earliest, &recent, missed, nil
}

// nextScheduleWait returns how long until 100ms after the next scheduled
// time (nextScheduleTimeDuration).
func nextScheduleWait(cj *batchv1.CronJob, now time.Time, sched *cronSchedule) time.Duration {
	earliest, recent, _, err := mostRecentScheduleTime(cj, now, sched, false)
	if err != nil {
		return 0
	}
	if recent == nil {
		recent = &earliest
	}
	next := sched.next(*recent)
	if next.IsZero() {
		return 0
	}
	return max(next.Add(nextScheduleDelta).Sub(now), time.Millisecond)
}

// cleanupFinished deletes the oldest finished Jobs beyond the history
// limits (cleanupFinishedJobs, removeOldestJobs: oldest by startTime).
func (c *CronJobController) cleanupFinished(cj *batchv1.CronJob, jobs []*batchv1.Job) {
	var succeeded, failed []*batchv1.Job
	for _, j := range jobs {
		if cond, ok := JobFinishedCondition(j); ok {
			if cond.Type == batchv1.JobComplete {
				succeeded = append(succeeded, j)
			} else {
				failed = append(failed, j)
			}
		}
	}
	for _, set := range []struct {
		jobs  []*batchv1.Job
		limit *int32
	}{{succeeded, cj.Spec.SuccessfulJobsHistoryLimit}, {failed, cj.Spec.FailedJobsHistoryLimit}} {
		if set.limit == nil || len(set.jobs) <= int(*set.limit) {
			continue
		}
		slices.SortStableFunc(set.jobs, func(a, b *batchv1.Job) int {
			switch {
			case a.Status.StartTime == nil && b.Status.StartTime == nil:
				return cmp.Compare(a.Name, b.Name)
			case a.Status.StartTime == nil:
				return 1
			case b.Status.StartTime == nil:
				return -1
			}
			return cmp.Or(a.Status.StartTime.Time.Compare(b.Status.StartTime.Time), cmp.Compare(a.Name, b.Name))
		})
		for _, j := range set.jobs[:len(set.jobs)-int(*set.limit)] {
			if c.api.Jobs.Delete(j.Namespace, j.Name) == nil {
				c.event(cj, sim.Normal, ReasonSuccessfulDelete, "Deleted job "+j.Name, sim.Facts{To: j.Name})
			}
		}
	}
}
