package controller

import (
	"slices"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/endpointslice"
	"github.com/nodenucleus/nucleus/sim"
)

// jobSync is what one sync of a Job knows (job_controller.go syncJobCtx).
type jobSync struct {
	job         *batchv1.Job  // this sync's copy, written back at the end
	pods        []*corev1.Pod // every pod the Job controls (the ledger's own)
	active      []*corev1.Pod // not finished, not being deleted
	terminating int32         // being deleted, not finished
	ready       int32
	succeeded   int32 // counted and newly succeeded
	failed      int32 // counted and newly failed (not ignored)
	indexes     indexSet
	finished    *batchv1.JobCondition // the condition the Job is heading for
	record      backoffRecord
	now         time.Time
}

// sync brings one Job's pods in line with its spec and writes its status
// (job_controller.go syncJob). The tracking finalizer on each pod is how a
// finished pod is counted exactly once: a pod that still has it is new,
// and the sync that counts it takes it off.
func (c *JobController) sync(k apiserver.Key) error {
	j, err := c.api.Jobs.Get(k.Namespace, k.Name)
	if err != nil {
		return nil // gone: its pods were collected when it went
	}
	if IsJobFinished(j) {
		delete(c.backoff, j.UID)
		return nil
	}
	before := j.Status.DeepCopy()
	s := c.observe(j)
	c.decide(s)
	active := int32(len(s.active))
	if s.finished != nil {
		for _, p := range s.active {
			if c.deletePod(j, p) == nil {
				s.terminating++
				active--
				if endpointslice.IsPodReady(p) {
					s.ready--
				}
			}
		}
	} else {
		if j.DeletionTimestamp == nil {
			active = c.manageJob(s)
		}
		complete := false
		if j.Spec.Completions == nil {
			complete = s.succeeded > 0 && active == 0
		} else {
			complete = s.succeeded >= *j.Spec.Completions && active == 0
		}
		if complete {
			s.finished = newJobCondition(batchv1.JobSuccessCriteriaMet, batchv1.JobReasonCompletionsReached, msgCompletionsReached, s.now)
		} else {
			c.setSuspended(s)
		}
	}
	j.Status.Active = active
	j.Status.Ready = &s.ready
	j.Status.Terminating = &s.terminating
	finished := c.track(s)
	c.backoff[j.UID] = s.record
	if !equality.Semantic.DeepEqual(*before, j.Status) {
		if _, err := c.api.Jobs.Update(j); err != nil {
			return err
		}
	}
	if finished {
		delete(c.backoff, j.UID)
		if s.finished.Type == batchv1.JobComplete {
			c.event(j, sim.Normal, ReasonCompleted, "Job completed", sim.Facts{Count: j.Status.Succeeded})
		} else {
			c.event(j, sim.Warning, s.finished.Reason, s.finished.Message, sim.Facts{Count: j.Status.Failed})
		}
	}
	return nil
}

// observe reads the Job's pods and counts them.
func (c *JobController) observe(j *batchv1.Job) *jobSync {
	s := &jobSync{job: j, now: c.loop.Now().Wall(), pods: c.api.Pods.ListSharedByController(j.Namespace, j.UID)}
	var newSucceeded, newFailed []*corev1.Pod
	for _, p := range s.pods {
		switch {
		case IsPodActive(p):
			s.active = append(s.active, p)
			if endpointslice.IsPodReady(p) {
				s.ready++
			}
		case isPodTerminating(p):
			s.terminating++
		}
		if !slices.Contains(p.Finalizers, batchv1.JobTrackingFinalizer) {
			continue
		}
		switch {
		case p.Status.Phase == corev1.PodSucceeded:
			newSucceeded = append(newSucceeded, p)
		case isPodFailed(p, j):
			newFailed = append(newFailed, p)
		}
	}
	s.succeeded = j.Status.Succeeded + int32(len(newSucceeded))
	s.failed = j.Status.Failed
	for _, p := range newFailed {
		if _, count, _ := matchPodFailurePolicy(j.Spec.PodFailurePolicy, p); count {
			s.failed++
		}
	}
	if j.Status.StartTime == nil && !jobSuspended(j) {
		t := metav1.NewTime(s.now)
		j.Status.StartTime = &t
	}
	sortByFinishedTime(newSucceeded, s.now)
	sortByFinishedTime(newFailed, s.now)
	s.record = c.backoff[j.UID].update(newSucceeded, newFailed, s.now)
	if isIndexedJob(j) {
		s.indexes, _ = parseIndexes(j.Status.CompletedIndexes, *j.Spec.Completions)
		for _, p := range s.pods {
			if ix := completionIndex(p); p.Status.Phase == corev1.PodSucceeded && ix != unknownIndex && ix < int(*j.Spec.Completions) {
				s.indexes = s.indexes.with(ix)
			}
		}
		s.succeeded = int32(len(s.indexes))
	}
	return s
}

// decide finds the condition the Job is heading for, if any: success
// already met, a failure already targeted, a FailJob rule, the backoff
// limit, the active deadline, or (Indexed) the successPolicy.
func (c *JobController) decide(s *jobSync) {
	j := s.job
	if sc := jobCondition(j, batchv1.JobSuccessCriteriaMet); sc != nil {
		s.finished = sc.DeepCopy()
		return
	}
	if ft := jobCondition(j, batchv1.JobFailureTarget); ft != nil {
		s.finished = ft.DeepCopy()
		return
	}
	if msg := failJobMessage(j, s.pods); msg != nil {
		s.finished = newJobCondition(batchv1.JobFailureTarget, batchv1.JobReasonPodFailurePolicy, *msg, s.now)
		return
	}
	switch {
	case s.failed > *j.Spec.BackoffLimit || pastBackoffLimitOnFailure(j, s.pods):
		s.finished = newJobCondition(batchv1.JobFailureTarget, batchv1.JobReasonBackoffLimitExceeded, msgBackoffLimitExceeded, s.now)
		return
	case pastActiveDeadline(j, s.now):
		s.finished = newJobCondition(batchv1.JobFailureTarget, batchv1.JobReasonDeadlineExceeded, msgDeadlineExceeded, s.now)
		return
	case j.Spec.ActiveDeadlineSeconds != nil && !jobSuspended(j):
		left := time.Duration(*j.Spec.ActiveDeadlineSeconds)*time.Second - s.now.Sub(j.Status.StartTime.Time)
		c.queue.addAfter(apiserver.KeyOf(j), left)
	}
	if isIndexedJob(j) {
		if msg, met := matchSuccessPolicy(j.Spec.SuccessPolicy, *j.Spec.Completions, s.indexes); met {
			s.finished = newJobCondition(batchv1.JobSuccessCriteriaMet, batchv1.JobReasonSuccessPolicy, msg, s.now)
		}
	}
}

// failJobMessage returns the message of the first FailJob rule that a
// failed pod matches, or nil (getFailJobMessage).
func failJobMessage(j *batchv1.Job, pods []*corev1.Pod) *string {
	if j.Spec.PodFailurePolicy == nil {
		return nil
	}
	for _, p := range pods {
		if isPodFailed(p, j) {
			if msg, _, _ := matchPodFailurePolicy(j.Spec.PodFailurePolicy, p); msg != nil {
				return msg
			}
		}
	}
	return nil
}

// pastActiveDeadline reports whether the Job has been active (since its
// startTime, not suspended) for activeDeadlineSeconds.
func pastActiveDeadline(j *batchv1.Job, now time.Time) bool {
	if j.Spec.ActiveDeadlineSeconds == nil || j.Status.StartTime == nil || jobSuspended(j) {
		return false
	}
	return now.Sub(j.Status.StartTime.Time) >= time.Duration(*j.Spec.ActiveDeadlineSeconds)*time.Second
}

func newJobCondition(t batchv1.JobConditionType, reason, msg string, now time.Time) *batchv1.JobCondition {
	at := metav1.NewTime(now)
	return &batchv1.JobCondition{Type: t, Status: corev1.ConditionTrue, Reason: reason, Message: msg, LastProbeTime: at, LastTransitionTime: at}
}

// setSuspended keeps the Suspended condition in step with spec.suspend
// and records Suspended or Resumed when it turns; a resumed Job starts
// its active deadline afresh.
func (c *JobController) setSuspended(s *jobSync) {
	j := s.job
	status, reason, msg, event := corev1.ConditionFalse, "JobResumed", "Job resumed", ReasonResumed
	if jobSuspended(j) {
		status, reason, msg, event = corev1.ConditionTrue, "JobSuspended", "Job suspended", ReasonSuspended
	}
	for i := range j.Status.Conditions {
		cond := &j.Status.Conditions[i]
		if cond.Type != batchv1.JobSuspended {
			continue
		}
		if cond.Status == status {
			return
		}
		at := metav1.NewTime(s.now)
		*cond = batchv1.JobCondition{Type: batchv1.JobSuspended, Status: status, Reason: reason, Message: msg, LastProbeTime: at, LastTransitionTime: at}
		if status == corev1.ConditionFalse {
			j.Status.StartTime = &at
		}
		c.event(j, sim.Normal, event, msg, sim.Facts{})
		return
	}
	if status == corev1.ConditionTrue {
		j.Status.Conditions = append(j.Status.Conditions, *newJobCondition(batchv1.JobSuspended, reason, msg, s.now))
		c.event(j, sim.Normal, event, msg, sim.Facts{})
	}
}

// manageJob creates or deletes pods so that the Job has as many active
// pods as it wants: parallelism, or fewer when fewer completions remain,
// none while suspended; new pods wait for the failure back-off, and are
// created in slow-start batches. It returns the number of active pods.
func (c *JobController) manageJob(s *jobSync) int32 {
	j := s.job
	active := int32(len(s.active))
	if jobSuspended(j) {
		return active - c.removePods(j, s.active)
	}
	parallelism := *j.Spec.Parallelism
	var want int32
	switch {
	case j.Spec.Completions == nil && s.succeeded > 0:
		want = active
	case j.Spec.Completions == nil:
		want = parallelism
	default:
		want = max(0, min(*j.Spec.Completions-s.succeeded, parallelism))
	}
	if rm := c.podsForRemoval(s, max(0, active-want)); len(rm) > 0 {
		return active - c.removePods(j, rm)
	}
	var waiting int32
	if onlyReplaceFailedPods(j) {
		waiting = s.terminating
	}
	diff := want - waiting - active
	if diff <= 0 {
		return active
	}
	if left := s.record.remaining(s.now); left > 0 {
		c.queue.addAfter(apiserver.KeyOf(j), left)
		return active
	}
	indexes := make([]int, diff)
	for i := range indexes {
		indexes[i] = unknownIndex
	}
	if isIndexedJob(j) {
		indexes = firstPendingIndexes(s, int(diff), int(*j.Spec.Completions))
	}
	next := 0
	created, _ := slowStartBatch(len(indexes), 1, func() error {
		ix := indexes[next]
		next++
		return c.createPod(j, ix)
	})
	return active + int32(created)
}

// removePods takes the tracking finalizer off each pod and deletes it
// (deleteJobPods): a pod the Job removes itself does not count as failed.
// It returns how many it deleted.
func (c *JobController) removePods(j *batchv1.Job, pods []*corev1.Pod) int32 {
	var n int32
	for _, p := range pods {
		if slices.Contains(p.Finalizers, batchv1.JobTrackingFinalizer) {
			if err := c.api.RemoveFinalizer(p.Namespace, p.Name, batchv1.JobTrackingFinalizer); err != nil {
				continue
			}
		}
		if c.deletePod(j, p) == nil {
			n++
		}
	}
	return n
}

// podsForRemoval returns the active pods the Job lets go
// (activePodsForRemoval): in Indexed mode first those with a bad,
// finished or repeated index; then, while fewer than atLeast, the pods a
// ReplicaSet would let go first.
func (c *JobController) podsForRemoval(s *jobSync, atLeast int32) []*corev1.Pod {
	var rm, left []*corev1.Pod
	if isIndexedJob(s.job) {
		seen := map[int]bool{}
		for _, p := range s.active {
			ix := completionIndex(p)
			if ix == unknownIndex || ix >= int(*s.job.Spec.Completions) || s.indexes.has(ix) || seen[ix] {
				rm = append(rm, p)
				continue
			}
			seen[ix] = true
			left = append(left, p)
		}
	} else {
		left = s.active
	}
	if n := int(atLeast) - len(rm); n > 0 {
		rm = append(rm, PodsToDelete(left, left, n, s.now)...)
	}
	return rm
}

// firstPendingIndexes returns the count lowest indexes below completions
// that have neither succeeded nor an active pod.
func firstPendingIndexes(s *jobSync, count, completions int) []int {
	taken := map[int]bool{}
	for _, p := range s.active {
		taken[completionIndex(p)] = true
	}
	var out []int
	for ix := 0; ix < completions && len(out) < count; ix++ {
		if !taken[ix] && !s.indexes.has(ix) {
			out = append(out, ix)
		}
	}
	return out
}

// track counts the finished pods that still carry the tracking finalizer
// and takes it off, adds the interim condition (FailureTarget,
// SuccessCriteriaMet) and, once no pod is terminating, the final one
// (Failed, Complete) (trackJobStatusAndRemoveFinalizers,
// enactJobFinished). It reports whether the Job finished in this sync.
func (c *JobController) track(s *jobSync) bool {
	j := s.job
	indexed := isIndexedJob(j)
	for _, p := range s.pods {
		if !slices.Contains(p.Finalizers, batchv1.JobTrackingFinalizer) {
			continue
		}
		failed := isPodFailed(p, j)
		if s.finished == nil && p.Status.Phase != corev1.PodSucceeded && !failed {
			continue
		}
		if err := c.api.RemoveFinalizer(p.Namespace, p.Name, batchv1.JobTrackingFinalizer); err != nil {
			continue
		}
		switch {
		case p.Status.Phase == corev1.PodSucceeded:
			if !indexed {
				j.Status.Succeeded++
			}
		case failed || s.finished.Type != batchv1.JobSuccessCriteriaMet:
			if ix := completionIndex(p); indexed && (ix == unknownIndex || ix >= int(*j.Spec.Completions)) {
				continue
			}
			if _, count, _ := matchPodFailurePolicy(j.Spec.PodFailurePolicy, p); count {
				j.Status.Failed++
			}
		}
	}
	if indexed {
		j.Status.Succeeded = int32(len(s.indexes))
		j.Status.CompletedIndexes = s.indexes.String()
	}
	if s.finished == nil {
		return false
	}
	switch s.finished.Type {
	case batchv1.JobFailureTarget:
		if jobCondition(j, batchv1.JobFailureTarget) == nil {
			j.Status.Conditions = append(j.Status.Conditions, *s.finished)
		}
		s.finished = newJobCondition(batchv1.JobFailed, s.finished.Reason, s.finished.Message, s.now)
	case batchv1.JobSuccessCriteriaMet:
		if jobCondition(j, batchv1.JobSuccessCriteriaMet) == nil {
			j.Status.Conditions = append(j.Status.Conditions, *s.finished)
		}
		s.finished = newJobCondition(batchv1.JobComplete, s.finished.Reason, s.finished.Message, s.now)
	}
	if s.terminating > 0 {
		return false
	}
	j.Status.Conditions = append(j.Status.Conditions, *s.finished)
	if s.finished.Type == batchv1.JobComplete {
		j.Status.CompletionTime = &s.finished.LastTransitionTime
	}
	return true
}
