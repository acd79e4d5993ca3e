package controller_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/controller"
	"github.com/nodenucleus/nucleus/manifest"
	"github.com/nodenucleus/nucleus/sim"
)

// jobRun is a chain of one store with a Job applied, its record kept.
type jobRun struct {
	t       *testing.T
	c       *cluster.Cluster
	records []sim.Record
	// maxActive is the most pods of the Job that were ever active at once.
	maxActive int
}

// startJob builds a chain, applies the Job written in yaml (a spec body
// under "spec:") and watches how many of its pods are active.
func startJob(t *testing.T, spec string) *jobRun {
	t.Helper()
	c, err := cluster.New(cluster.Config{Seed: 3})
	require.NoError(t, err)
	r := &jobRun{t: t, c: c}
	c.Subscribe(sim.ObserverFunc(func(rec sim.Record) {
		r.records = append(r.records, rec)
		active := 0
		for _, p := range c.API().Pods.ListShared() {
			if controller.IsPodActive(p) {
				active++
			}
		}
		r.maxActive = max(r.maxActive, active)
	}))
	docs, _, err := manifest.NewDecoder().Decode("job.yaml", []byte("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: task\nspec:\n"+spec))
	require.NoError(t, err)
	require.NoError(t, c.Apply(docs[0].Object))
	return r
}

func (r *jobRun) job() *batchv1.Job {
	j, err := r.c.API().Jobs.Get("default", "task")
	require.NoError(r.t, err)
	return j
}

// events returns the job controller's Events as "Reason Message".
func (r *jobRun) events() []string {
	var out []string
	for _, rec := range r.records {
		if rec.Source.Component == controller.JobComponent && rec.Kind == sim.Event {
			out = append(out, rec.Reason+" "+rec.Message)
		}
	}
	return out
}

// creations returns when each pod of the Job was created.
func (r *jobRun) creations() []time.Duration {
	var out []time.Duration
	for _, rec := range r.records {
		if rec.Source.Component == controller.JobComponent && rec.Reason == controller.ReasonSuccessfulCreate {
			out = append(out, rec.Time.Duration())
		}
	}
	return out
}

func conditions(j *batchv1.Job) []string {
	var out []string
	for _, c := range j.Status.Conditions {
		out = append(out, fmt.Sprintf("%s=%s %s: %s", c.Type, c.Status, c.Reason, c.Message))
	}
	return out
}

const template = `  template:
    spec:
      restartPolicy: %s
      containers:
      - name: work
        image: busybox:1.36
        command: ["sh", "-c", %q]
`

// Reference: pkg/controller/job/job_controller.go manageJob (never more
// than parallelism active, never more than the remaining completions),
// trackJobStatusAndRemoveFinalizers (SuccessCriteriaMet, then Complete,
// reason CompletionsReached); pkg/registry/batch/job/strategy.go
// generateSelector (the job-name and controller-uid labels).
func TestJobRunsCompletionsWithParallelism(t *testing.T) {
	r := startJob(t, "  completions: 5\n  parallelism: 2\n"+fmt.Sprintf(template, "Never", "sleep 5"))
	r.c.RunFor(2 * time.Minute)
	j := r.job()
	assert.Equal(t, 2, r.maxActive, "most pods active at once")
	assert.Equal(t, []int32{5, 0, 0}, []int32{j.Status.Succeeded, j.Status.Failed, j.Status.Active}, "succeeded, failed, active")
	assert.Equal(t, []string{
		"SuccessCriteriaMet=True CompletionsReached: Reached expected number of succeeded pods",
		"Complete=True CompletionsReached: Reached expected number of succeeded pods",
	}, conditions(j))
	require.NotNil(t, j.Status.CompletionTime)
	require.NotNil(t, j.Status.StartTime)
	assert.Equal(t, "batch.kubernetes.io/controller-uid="+string(j.UID), strings.Join(mapPairs(j.Spec.Selector.MatchLabels), ","))
	pods := r.c.Pods()
	require.Len(t, pods, 5)
	for _, p := range pods {
		assert.True(t, strings.HasPrefix(p.Name, "task-"), p.Name)
		assert.Equal(t, "task", p.Labels[batchv1.JobNameLabel])
		assert.Equal(t, "task", p.Labels["job-name"])
		assert.Equal(t, string(j.UID), p.Labels["controller-uid"])
		assert.Equal(t, "Job", p.OwnerReferences[0].Kind)
		assert.Equal(t, "batch/v1", p.OwnerReferences[0].APIVersion)
		assert.Empty(t, p.Finalizers, "the tracking finalizer is removed once the pod is counted")
		assert.Equal(t, corev1.PodSucceeded, p.Status.Phase)
	}
	ev := r.events()
	assert.Equal(t, "Completed Job completed", ev[len(ev)-1])
}

// Reference: job_controller.go DefaultJobPodFailureBackOff (10s) and
// backoff_utils.go getRemainingTimeForFailuresCount (doubling with each
// failure since the last success); the BackoffLimitExceeded condition
// "Job has reached the specified backoff limit", first as FailureTarget
// and then Failed (newFailureCondition, delayTerminalCondition).
func TestJobBacksOffAndFailsAtBackoffLimit(t *testing.T) {
	r := startJob(t, "  backoffLimit: 3\n"+fmt.Sprintf(template, "Never", "exit 1"))
	r.c.RunFor(5 * time.Minute)
	j := r.job()
	assert.Equal(t, int32(4), j.Status.Failed, "backoffLimit 3 allows 3 retries: 4 pods fail")
	assert.Equal(t, []string{
		"FailureTarget=True BackoffLimitExceeded: Job has reached the specified backoff limit",
		"Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit",
	}, conditions(j))
	assert.Nil(t, j.Status.CompletionTime, "a failed Job has no completionTime")
	created := r.creations()
	require.Len(t, created, 4)
	// Each pod fails about a second after it is created; the next waits
	// 10s, 20s, 40s after that failure.
	for i, want := range []time.Duration{10 * time.Second, 20 * time.Second, 40 * time.Second} {
		gap := created[i+1] - created[i]
		assert.True(t, gap >= want && gap < want+5*time.Second, "gap before pod %d = %s, want %s plus the pod's own run", i+2, gap, want)
	}
	ev := r.events()
	assert.Equal(t, "BackoffLimitExceeded Job has reached the specified backoff limit", ev[len(ev)-1])
}

// Reference: backoff_utils.go getRemainingTimeForFailuresCount.
func TestBackoffRemaining(t *testing.T) {
	for _, tc := range []struct {
		failures int32
		want     time.Duration
	}{{0, 0}, {1, 10 * time.Second}, {2, 20 * time.Second}, {3, 40 * time.Second}, {6, 320 * time.Second}, {7, 10 * time.Minute}, {30, 10 * time.Minute}} {
		if got := controller.BackoffRemaining(tc.failures, sim.Epoch, sim.Epoch); got != tc.want {
			t.Errorf("BackoffRemaining(%d) = %s, want %s", tc.failures, got, tc.want)
		}
	}
	if got := controller.BackoffRemaining(2, sim.Epoch, sim.Epoch.Add(15*time.Second)); got != 5*time.Second {
		t.Errorf("BackoffRemaining(2) 15s after the failure = %s, want 5s", got)
	}
}

// Reference: job_controller.go pastActiveDeadline and the
// DeadlineExceeded condition "Job was active longer than specified
// deadline"; the active pods are deleted (deleteActivePods) and count as
// failed.
func TestJobActiveDeadline(t *testing.T) {
	r := startJob(t, "  activeDeadlineSeconds: 20\n"+fmt.Sprintf(template, "Never", "sleep 600"))
	r.c.RunFor(90 * time.Second)
	j := r.job()
	assert.Equal(t, []string{
		"FailureTarget=True DeadlineExceeded: Job was active longer than specified deadline",
		"Failed=True DeadlineExceeded: Job was active longer than specified deadline",
	}, conditions(j))
	ft := j.Status.Conditions[0].LastTransitionTime.Sub(j.Status.StartTime.Time)
	assert.Equal(t, 20*time.Second, ft, "FailureTarget comes at the deadline")
	assert.Equal(t, int32(1), j.Status.Failed, "the deleted pod counts as failed")
	assert.Contains(t, r.events(), "DeadlineExceeded Job was active longer than specified deadline")
}

// Reference: pastBackoffLimitOnFailure: with restartPolicy OnFailure the
// kubelet restarts the container in place, and the Job fails once the
// restarts reach backoffLimit.
func TestJobOnFailureCountsRestarts(t *testing.T) {
	r := startJob(t, "  backoffLimit: 2\n"+fmt.Sprintf(template, "OnFailure", "exit 3"))
	r.c.RunFor(3 * time.Minute)
	j := r.job()
	assert.Equal(t, []string{
		"FailureTarget=True BackoffLimitExceeded: Job has reached the specified backoff limit",
		"Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit",
	}, conditions(j))
	assert.Len(t, r.creations(), 1, "OnFailure restarts the container, the Job makes no new pod")
}

// Reference: indexed_job_utils.go (the job-completion-index annotation
// and label, JOB_COMPLETION_INDEX, hostname <job>-<index>, pod names
// <job>-<index>-<random>, status.completedIndexes).
func TestIndexedJob(t *testing.T) {
	r := startJob(t, "  completions: 3\n  parallelism: 3\n  completionMode: Indexed\n"+fmt.Sprintf(template, "Never", "echo index $JOB_COMPLETION_INDEX"))
	r.c.RunFor(time.Minute)
	j := r.job()
	assert.Equal(t, "0-2", j.Status.CompletedIndexes)
	assert.Equal(t, int32(3), j.Status.Succeeded)
	pods := r.c.Pods()
	require.Len(t, pods, 3)
	seen := map[string]bool{}
	for _, p := range pods {
		ix := p.Annotations[batchv1.JobCompletionIndexAnnotation]
		seen[ix] = true
		assert.Equal(t, ix, p.Labels[batchv1.JobCompletionIndexAnnotation])
		assert.Equal(t, "task-"+ix, p.Spec.Hostname)
		assert.True(t, strings.HasPrefix(p.Name, "task-"+ix+"-"), p.Name)
		assert.Equal(t, "index "+ix, r.log(p))
	}
	assert.Equal(t, map[string]bool{"0": true, "1": true, "2": true}, seen)
}

// Reference: pod_failure_policy.go matchPodFailurePolicy: an Ignore rule
// does not count the failure, a FailJob rule fails the Job at once with
// reason PodFailurePolicy.
func TestJobPodFailurePolicy(t *testing.T) {
	policy := `  backoffLimit: 6
  podFailurePolicy:
    rules:
    - action: FailJob
      onExitCodes: {containerName: work, operator: In, values: [42]}
    - action: Ignore
      onExitCodes: {operator: In, values: [3]}
`
	r := startJob(t, policy+fmt.Sprintf(template, "Never", "exit 42"))
	r.c.RunFor(time.Minute)
	j := r.job()
	require.Len(t, j.Status.Conditions, 2)
	assert.Equal(t, batchv1.JobFailed, j.Status.Conditions[1].Type)
	assert.Equal(t, batchv1.JobReasonPodFailurePolicy, j.Status.Conditions[1].Reason)
	assert.Regexp(t, `^Container work for pod default/task-\w{5} failed with exit code 42 matching FailJob rule at index 0$`, j.Status.Conditions[1].Message)
	assert.Len(t, r.creations(), 1, "FailJob makes no replacement")

	r = startJob(t, "  backoffLimit: 1\n"+policy[len("  backoffLimit: 6\n"):]+fmt.Sprintf(template, "Never", "exit 3"))
	r.c.RunFor(3 * time.Minute)
	j = r.job()
	assert.Equal(t, int32(0), j.Status.Failed, "ignored failures are not counted")
	assert.Empty(t, j.Status.Conditions, "the Job keeps going")
	assert.Greater(t, len(r.creations()), 2, "each ignored failure is replaced")
}

// Reference: success_policy.go matchSuccessPolicy ("Matched rules at
// index 0"); the other pods are deleted and the Job completes with reason
// SuccessPolicy.
func TestJobSuccessPolicy(t *testing.T) {
	spec := `  completions: 3
  parallelism: 3
  completionMode: Indexed
  successPolicy:
    rules:
    - succeededIndexes: "0"
` + fmt.Sprintf(template, "Never", `if [ "$JOB_COMPLETION_INDEX" = 0 ]; then sleep 5; else sleep 600; fi`)
	r := startJob(t, spec)
	r.c.RunFor(2 * time.Minute)
	j := r.job()
	assert.Equal(t, []string{
		"SuccessCriteriaMet=True SuccessPolicy: Matched rules at index 0",
		"Complete=True SuccessPolicy: Matched rules at index 0",
	}, conditions(j))
	assert.Equal(t, "0", j.Status.CompletedIndexes)
	assert.Equal(t, int32(0), j.Status.Failed, "pods deleted after success do not count as failed")
}

// Reference: job_controller.go manageJob (a suspended Job has no active
// pods), the Suspended condition (JobSuspended / JobResumed) and the
// Suspended and Resumed Events.
func TestJobSuspendAndResume(t *testing.T) {
	r := startJob(t, "  suspend: true\n"+fmt.Sprintf(template, "Never", "sleep 5"))
	r.c.RunFor(30 * time.Second)
	j := r.job()
	assert.Empty(t, r.c.Pods(), "a suspended Job makes no pods")
	assert.Equal(t, []string{"Suspended=True JobSuspended: Job suspended"}, conditions(j))
	assert.Nil(t, j.Status.StartTime)

	gen, rv := j.Generation, j.ResourceVersion
	manifest := &batchv1.Job{ObjectMeta: j.ObjectMeta, Spec: *j.Spec.DeepCopy()}
	manifest.ResourceVersion, manifest.UID = "", ""
	manifest.Spec.Selector, manifest.Spec.Template.Labels = nil, nil // as the manifest wrote them
	require.NoError(t, r.c.Apply(manifest), "applying the same manifest again")
	assert.Equal(t, rv, r.job().ResourceVersion, "an unchanged Job is not written again")
	j.Spec.Suspend = ptr(false)
	require.NoError(t, r.c.Apply(j))
	assert.Equal(t, gen+1, r.job().Generation, "a changed spec bumps metadata.generation")
	r.c.RunFor(time.Minute)
	j = r.job()
	assert.Equal(t, []string{
		"Suspended=False JobResumed: Job resumed",
		"SuccessCriteriaMet=True CompletionsReached: Reached expected number of succeeded pods",
		"Complete=True CompletionsReached: Reached expected number of succeeded pods",
	}, conditions(j))
	assert.Contains(t, r.events(), "Suspended Job suspended")
	assert.Contains(t, r.events(), "Resumed Job resumed")
}

// Reference: pkg/controller/ttlafterfinished (the Job and its pods go
// ttlSecondsAfterFinished after it finished).
func TestJobTTLAfterFinished(t *testing.T) {
	r := startJob(t, "  ttlSecondsAfterFinished: 30\n"+fmt.Sprintf(template, "Never", "sleep 1"))
	r.c.RunFor(20 * time.Second)
	j := r.job()
	require.True(t, controller.IsJobFinished(j))
	finished := j.Status.CompletionTime.Time
	r.c.RunFor(time.Minute)
	_, err := r.c.API().Jobs.Get("default", "task")
	require.Error(t, err, "the Job is gone")
	assert.Empty(t, r.c.Pods(), "its pods went with it")
	var at time.Duration
	for _, rec := range r.records {
		if rec.Reason == "TTLExpired" {
			at = rec.Time.Wall().Sub(finished)
		}
	}
	assert.Equal(t, 30*time.Second, at, "deleted 30s after it finished")
}

// Reference: pkg/apis/batch/validation ValidateJob (restartPolicy must be
// OnFailure or Never; an Indexed Job needs completions).
func TestJobValidation(t *testing.T) {
	c, err := cluster.New(cluster.Config{})
	require.NoError(t, err)
	docs, _, err := manifest.NewDecoder().Decode("job.yaml", []byte(`apiVersion: batch/v1
kind: Job
metadata: {name: pi}
spec:
  template:
    spec:
      containers: [{name: pi, image: perl}]
`))
	require.NoError(t, err)
	err = c.Apply(docs[0].Object)
	require.Error(t, err)
	assert.Equal(t, `job "pi" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"`, err.Error())

	j := docs[0].Object.(*batchv1.Job)
	j.Spec.Template.Spec.RestartPolicy = corev1.RestartPolicyNever
	j.Spec.CompletionMode = ptr(batchv1.IndexedCompletion)
	j.Spec.Parallelism = ptr[int32](2)
	err = c.Apply(j)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "spec.completions: Required value: when completion mode is Indexed")
}

// Reference: job_controller.go: the Job's pods do not exceed parallelism,
// even while failed pods are replaced.
func TestJobNeverExceedsParallelism(t *testing.T) {
	r := startJob(t, "  completions: 6\n  parallelism: 3\n  backoffLimit: 20\n"+fmt.Sprintf(template, "Never", `sleep 2; [ $(( $(date +%s) % 2 )) = 0 ]`))
	r.c.RunFor(10 * time.Minute)
	assert.LessOrEqual(t, r.maxActive, 3)
}

// log returns the text the pod's container wrote.
func (r *jobRun) log(p *corev1.Pod) string {
	store, ok := r.c.Store(p.Spec.NodeName)
	require.True(r.t, ok)
	rt := store.Runtime
	var out []string
	for _, sb := range rt.ListPodSandbox() {
		if sb.Config.UID != string(p.UID) {
			continue
		}
		for _, c := range rt.ListContainers(sb.ID) {
			lines, err := rt.Logs(c.ID)
			require.NoError(r.t, err)
			for _, l := range lines {
				out = append(out, l.Text)
			}
		}
	}
	return strings.Join(out, "\n")
}

func ptr[T any](v T) *T { return &v }

func mapPairs(m map[string]string) []string {
	var out []string
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	slices.Sort(out)
	return out
}
