package controller

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
)

// The Job controller's own back-off before it replaces failed pods
// (job_controller.go DefaultJobPodFailureBackOff, MaxJobPodFailureBackOff):
// 10s after the first failure, doubling with each failure since the last
// success, capped at 10 minutes. (The Job concept page rounds the cap to
// "six minutes"; the controller's constant is ten.)
const (
	jobPodFailureBackoff    = 10 * time.Second
	maxJobPodFailureBackoff = 10 * time.Minute
)

// backoffRecord is what the Job controller remembers of one Job's
// failures (backoff_utils.go backoffRecord): how many pods failed since
// the last one that succeeded, and when the last of them failed.
type backoffRecord struct {
	failuresAfterLastSuccess int32
	lastFailureTime          time.Time
}

// update returns the record after the newly finished pods, each list
// sorted by finish time (newBackoffRecord).
func (r backoffRecord) update(succeeded, failed []*corev1.Pod, now time.Time) backoffRecord {
	if len(succeeded) == 0 {
		if len(failed) == 0 {
			return r
		}
		return backoffRecord{r.failuresAfterLastSuccess + int32(len(failed)), finishedTime(failed[len(failed)-1], now)}
	}
	lastSuccess := finishedTime(succeeded[len(succeeded)-1], now)
	var out backoffRecord
	for i := len(failed) - 1; i >= 0; i-- {
		t := finishedTime(failed[i], now)
		if !t.After(lastSuccess) {
			break
		}
		if out.failuresAfterLastSuccess == 0 {
			out.lastFailureTime = t
		}
		out.failuresAfterLastSuccess++
	}
	return out
}

// remaining returns how long the controller still waits before it creates
// pods again (getRemainingTimeForFailuresCount): the back-off for the
// number of failures, less the time since the last one; 0 without
// failures.
func (r backoffRecord) remaining(now time.Time) time.Duration {
	return backoffRemaining(r.failuresAfterLastSuccess, r.lastFailureTime, now)
}

// backoffRemaining is getRemainingTimeForFailuresCount: 10s for the first
// failure, doubled for each further one up to 10 minutes, less the time
// since the last failure, and never below 0.
func backoffRemaining(failures int32, last, now time.Time) time.Duration {
	if failures == 0 {
		return 0
	}
	d := jobPodFailureBackoff
	for i := int32(1); i < failures; i++ {
		d *= 2
		if d >= maxJobPodFailureBackoff {
			d = maxJobPodFailureBackoff
			break
		}
	}
	elapsed := now.Sub(last)
	if d < elapsed {
		return 0
	}
	return d - elapsed
}

// finishedTime returns when a pod finished (getFinishedTime): the latest
// finishedAt of its terminated containers, else its deletion time, else
// now.
func finishedTime(p *corev1.Pod, now time.Time) time.Time {
	var latest time.Time
	for _, list := range [][]corev1.ContainerStatus{p.Status.InitContainerStatuses, p.Status.ContainerStatuses} {
		for _, s := range list {
			if t := s.State.Terminated; t != nil && t.FinishedAt.After(latest) {
				latest = t.FinishedAt.Time
			}
		}
	}
	switch {
	case !latest.IsZero():
		return latest
	case p.DeletionTimestamp != nil:
		return p.DeletionTimestamp.Time
	}
	return now
}

// sortByFinishedTime orders pods by finish time, then name.
func sortByFinishedTime(pods []*corev1.Pod, now time.Time) {
	slices.SortStableFunc(pods, func(a, b *corev1.Pod) int {
		return cmp.Or(finishedTime(a, now).Compare(finishedTime(b, now)), cmp.Compare(a.Name, b.Name))
	})
}

// onlyReplaceFailedPods reports whether the Job waits for a terminating
// pod to fail before it replaces it: podReplacementPolicy Failed, which a
// podFailurePolicy implies.
func onlyReplaceFailedPods(j *batchv1.Job) bool {
	return (j.Spec.PodReplacementPolicy != nil && *j.Spec.PodReplacementPolicy == batchv1.Failed) || j.Spec.PodFailurePolicy != nil
}

// isPodFailed reports whether the Job counts p as failed (isPodFailed):
// phase Failed, or, unless the Job only replaces failed pods, deleted
// before it succeeded.
func isPodFailed(p *corev1.Pod, j *batchv1.Job) bool {
	if p.Status.Phase == corev1.PodFailed {
		return true
	}
	if onlyReplaceFailedPods(j) {
		return false
	}
	return p.DeletionTimestamp != nil && p.Status.Phase != corev1.PodSucceeded
}

// pastBackoffLimitOnFailure reports whether, with restartPolicy OnFailure,
// the restarts of the Job's running and pending pods have reached the
// backoff limit (more than none, for a limit of 0).
func pastBackoffLimitOnFailure(j *batchv1.Job, pods []*corev1.Pod) bool {
	if j.Spec.Template.Spec.RestartPolicy != corev1.RestartPolicyOnFailure {
		return false
	}
	var restarts int32
	for _, p := range pods {
		if p.Status.Phase != corev1.PodRunning && p.Status.Phase != corev1.PodPending {
			continue
		}
		for _, s := range p.Status.InitContainerStatuses {
			restarts += s.RestartCount
		}
		for _, s := range p.Status.ContainerStatuses {
			restarts += s.RestartCount
		}
	}
	if *j.Spec.BackoffLimit == 0 {
		return restarts > 0
	}
	return restarts >= *j.Spec.BackoffLimit
}

// matchPodFailurePolicy applies the Job's podFailurePolicy to a failed pod
// (pod_failure_policy.go matchPodFailurePolicy): the first rule that
// matches decides. It returns the FailJob message (nil unless a FailJob
// rule matched), whether the failure counts towards backoffLimit (not for
// Ignore), and the action of the rule that matched ("" for none).
func matchPodFailurePolicy(policy *batchv1.PodFailurePolicy, p *corev1.Pod) (*string, bool, batchv1.PodFailurePolicyAction) {
	if policy == nil {
		return nil, true, ""
	}
	for i, rule := range policy.Rules {
		var failJob string
		switch {
		case rule.OnExitCodes != nil:
			cs := matchOnExitCodes(&p.Status, rule.OnExitCodes)
			if cs == nil {
				continue
			}
			failJob = fmt.Sprintf("Container %s for pod %s/%s failed with exit code %d matching %s rule at index %d",
				cs.Name, p.Namespace, p.Name, cs.State.Terminated.ExitCode, rule.Action, i)
		case len(rule.OnPodConditions) > 0:
			cond := matchOnPodConditions(&p.Status, rule.OnPodConditions)
			if cond == nil {
				continue
			}
			failJob = fmt.Sprintf("Pod %s/%s has condition %s matching %s rule at index %d", p.Namespace, p.Name, cond.Type, rule.Action, i)
		default:
			continue
		}
		switch rule.Action {
		case batchv1.PodFailurePolicyActionIgnore:
			return nil, false, rule.Action
		case batchv1.PodFailurePolicyActionFailJob:
			return &failJob, true, rule.Action
		}
		return nil, true, rule.Action
	}
	return nil, true, ""
}

// matchOnExitCodes returns the first terminated container (regular, then
// init) with a non-zero exit code that the requirement matches.
func matchOnExitCodes(st *corev1.PodStatus, req *batchv1.PodFailurePolicyOnExitCodesRequirement) *corev1.ContainerStatus {
	for _, list := range [][]corev1.ContainerStatus{st.ContainerStatuses, st.InitContainerStatuses} {
		for i := range list {
			cs := &list[i]
			t := cs.State.Terminated
			if t == nil || t.ExitCode == 0 || (req.ContainerName != nil && *req.ContainerName != cs.Name) {
				continue
			}
			in := slices.Contains(req.Values, t.ExitCode)
			if in == (req.Operator == batchv1.PodFailurePolicyOnExitCodesOpIn) {
				return cs
			}
		}
	}
	return nil
}

// matchOnPodConditions returns the pod's first condition that one of the
// patterns names, with the pattern's status.
func matchOnPodConditions(st *corev1.PodStatus, patterns []batchv1.PodFailurePolicyOnPodConditionsPattern) *corev1.PodCondition {
	for _, pat := range patterns {
		for i := range st.Conditions {
			if c := &st.Conditions[i]; c.Type == pat.Type && c.Status == pat.Status {
				return c
			}
		}
	}
	return nil
}

// matchSuccessPolicy reports whether the succeeded indexes meet a rule of
// the successPolicy, and the message "Matched rules at index <i>" of the
// first that does (success_policy.go matchSuccessPolicy).
func matchSuccessPolicy(policy *batchv1.SuccessPolicy, completions int32, succeeded indexSet) (string, bool) {
	if policy == nil || len(succeeded) == 0 {
		return "", false
	}
	for i, rule := range policy.Rules {
		matched := len(succeeded)
		if rule.SucceededIndexes != nil {
			want, err := parseIndexes(*rule.SucceededIndexes, completions)
			if err != nil || len(want) == 0 {
				continue
			}
			matched = 0
			for _, ix := range want {
				if succeeded.has(ix) {
					matched++
				}
			}
			if matched == 0 {
				continue
			}
			if rule.SucceededCount == nil && matched == len(want) {
				return fmt.Sprintf("Matched rules at index %d", i), true
			}
		}
		if rule.SucceededCount != nil && int(*rule.SucceededCount) <= matched {
			return fmt.Sprintf("Matched rules at index %d", i), true
		}
	}
	return "", false
}
