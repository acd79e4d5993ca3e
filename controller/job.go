package controller

import (
	"math/rand/v2"
	"slices"
	"strconv"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/sim"
)

// JobComponent is the Source.Component of the Job controller's records.
const JobComponent = "job-controller"

// Event reasons and condition messages of the Job controller
// (job_controller.go).
const (
	ReasonCompleted = "Completed"
	ReasonSuspended = "Suspended"
	ReasonResumed   = "Resumed"

	msgBackoffLimitExceeded = "Job has reached the specified backoff limit"
	msgDeadlineExceeded     = "Job was active longer than specified deadline"
	msgCompletionsReached   = "Reached expected number of succeeded pods"
)

// JobController is head office's temp agency: for each Job it sends out
// temporary workers (pods) until enough of them have finished the task
// (completions), never more at once than parallelism, waits longer after
// each one that fails (10s, 20s, 40s ... up to 10 minutes), and gives up
// when too many have failed (backoffLimit) or the contract ran out
// (activeDeadlineSeconds).
type JobController struct {
	loop    *sim.Loop
	api     *apiserver.Server
	names   *rand.Rand
	queue   *workQueue
	backoff map[types.UID]backoffRecord
}

// NewJobController returns a Job controller that starts watching the
// ledger at once.
func NewJobController(cfg Config) *JobController {
	c := &JobController{
		loop: cfg.Loop, api: cfg.API, names: cfg.Loop.Rand("controller/job-names"),
		backoff: map[types.UID]backoffRecord{},
	}
	c.queue = newWorkQueue(cfg.Loop, c.sync)
	cfg.API.Jobs.Watch(0, true, c.onJob)
	// Only the pods some Job controls: a chain without Jobs pays nothing
	// for this watch.
	cfg.API.Pods.WatchSelected(0, false, controlledBy("Job"), c.onPod)
	return c
}

func (c *JobController) onJob(ev apiserver.WatchEvent[*batchv1.Job]) {
	if ev.Type == apiserver.Deleted {
		delete(c.backoff, ev.Object.UID)
		c.collectPods(ev.Object)
		return
	}
	c.queue.add(apiserver.KeyOf(ev.Object))
}

// onPod queues the Job that controls the pod.
func (c *JobController) onPod(ev apiserver.WatchEvent[*corev1.Pod]) {
	c.queue.add(apiserver.Key{Namespace: ev.Object.Namespace, Name: controllerOf(ev.Object).Name})
}

// collectPods deletes the pods of a deleted Job, as the garbage collector
// does, after taking off the tracking finalizer the Job no longer needs.
func (c *JobController) collectPods(j *batchv1.Job) {
	for _, p := range c.api.Pods.ListSharedByController(j.Namespace, j.UID) {
		if slices.Contains(p.Finalizers, batchv1.JobTrackingFinalizer) {
			_ = c.api.RemoveFinalizer(p.Namespace, p.Name, batchv1.JobTrackingFinalizer)
		}
		if p.DeletionTimestamp == nil {
			_ = c.api.DeletePod(p.Namespace, p.Name, nil)
		}
	}
}

// IsJobFinished reports whether a Job has its Complete or Failed condition.
func IsJobFinished(j *batchv1.Job) bool {
	_, finished := JobFinishedCondition(j)
	return finished
}

// JobFinishedCondition returns the Job's terminal condition (Complete or
// Failed, status True), if it has one.
func JobFinishedCondition(j *batchv1.Job) (batchv1.JobCondition, bool) {
	for _, cond := range j.Status.Conditions {
		if (cond.Type == batchv1.JobComplete || cond.Type == batchv1.JobFailed) && cond.Status == corev1.ConditionTrue {
			return cond, true
		}
	}
	return batchv1.JobCondition{}, false
}

// jobCondition returns the Job's condition of type t with status True.
func jobCondition(j *batchv1.Job, t batchv1.JobConditionType) *batchv1.JobCondition {
	for i := range j.Status.Conditions {
		if c := &j.Status.Conditions[i]; c.Type == t && c.Status == corev1.ConditionTrue {
			return c
		}
	}
	return nil
}

func jobSuspended(j *batchv1.Job) bool { return j.Spec.Suspend != nil && *j.Spec.Suspend }

func isIndexedJob(j *batchv1.Job) bool {
	return j.Spec.CompletionMode != nil && *j.Spec.CompletionMode == batchv1.IndexedCompletion
}

// event records a Kubernetes Event about a Job.
func (c *JobController) event(j *batchv1.Job, typ, reason, msg string, facts sim.Facts) {
	recordAbout(c.loop, JobComponent, "Job", j, typ, reason, msg, facts)
}

// createPod sends out one temporary worker: a pod from the Job's
// template, owned by the Job, with the tracking finalizer and, in Indexed
// mode, its completion index (annotation, label, JOB_COMPLETION_INDEX,
// hostname <job>-<index>) (job_controller.go manageJob,
// indexed_job_utils.go).
func (c *JobController) createPod(j *batchv1.Job, index int) error {
	t := j.Spec.Template.DeepCopy()
	p := &corev1.Pod{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: metav1.ObjectMeta{
			Namespace: j.Namespace, Labels: t.Labels, Annotations: t.Annotations,
			Finalizers:      append(t.Finalizers, batchv1.JobTrackingFinalizer),
			OwnerReferences: []metav1.OwnerReference{jobControllerRef(j)},
		},
		Spec: t.Spec,
	}
	pod.Default(p)
	prefix := j.Name + "-"
	if index != unknownIndex {
		ix := strconv.Itoa(index)
		prefix = j.Name + "-" + ix + "-"
		if p.Annotations == nil {
			p.Annotations = map[string]string{}
		}
		p.Annotations[batchv1.JobCompletionIndexAnnotation] = ix
		if p.Labels == nil {
			p.Labels = map[string]string{}
		}
		p.Labels[batchv1.JobCompletionIndexAnnotation] = ix
		p.Spec.Hostname = j.Name + "-" + ix
		addCompletionIndexEnv(&p.Spec)
	}
	created, err := createGeneratedPod(c.api, c.names, p, prefix)
	if err != nil {
		c.event(j, sim.Warning, ReasonFailedCreate, "Error creating: "+err.Error(), sim.Facts{})
		return err
	}
	c.event(j, sim.Normal, ReasonSuccessfulCreate, "Created pod: "+created.Name, sim.Facts{To: created.Name})
	return nil
}

// addCompletionIndexEnv gives every container JOB_COMPLETION_INDEX from
// the pod's completion-index annotation, through the downward API
// (addCompletionIndexEnvVariables).
func addCompletionIndexEnv(spec *corev1.PodSpec) {
	env := corev1.EnvVar{Name: "JOB_COMPLETION_INDEX", ValueFrom: &corev1.EnvVarSource{
		FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.annotations['" + batchv1.JobCompletionIndexAnnotation + "']"},
	}}
	for _, list := range [][]corev1.Container{spec.InitContainers, spec.Containers} {
		for i := range list {
			if !slices.ContainsFunc(list[i].Env, func(e corev1.EnvVar) bool { return e.Name == env.Name }) {
				list[i].Env = append(list[i].Env, env)
			}
		}
	}
}

// jobControllerRef is the owner reference a Job puts on its pods.
func jobControllerRef(j *batchv1.Job) metav1.OwnerReference {
	yes := true
	return metav1.OwnerReference{
		APIVersion: "batch/v1", Kind: "Job", Name: j.Name, UID: j.UID,
		Controller: &yes, BlockOwnerDeletion: &yes,
	}
}

// deletePod lets one worker go, gracefully. A pod already gone is not an
// error.
func (c *JobController) deletePod(j *batchv1.Job, p *corev1.Pod) error {
	err := c.api.DeletePod(p.Namespace, p.Name, nil)
	switch {
	case apierrors.IsNotFound(err):
		return nil
	case err != nil:
		c.event(j, sim.Warning, ReasonFailedDelete, "Error deleting: "+err.Error(), sim.Facts{})
		return err
	}
	c.event(j, sim.Normal, ReasonSuccessfulDelete, "Deleted pod: "+p.Name, sim.Facts{To: p.Name})
	return nil
}

// createGeneratedPod creates p under a name generated from prefix,
// drawing another when one is taken, as the API server retries a
// generated name.
func createGeneratedPod(api *apiserver.Server, r *rand.Rand, p *corev1.Pod, prefix string) (*corev1.Pod, error) {
	var created *corev1.Pod
	var err error
	for range 8 {
		p.Name = generateName(r, prefix)
		if created, err = api.CreatePodNoCopy(p); !apierrors.IsAlreadyExists(err) {
			break
		}
	}
	return created, err
}

// generateName returns the API server's generated name for prefix: the
// prefix cut to 58 characters and five characters from the safe alphabet,
// drawn from r.
func generateName(r *rand.Rand, prefix string) string {
	const alphabet = "bcdfghjklmnpqrstvwxz2456789"
	if len(prefix) > 58 {
		prefix = prefix[:58]
	}
	b := make([]byte, 5)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return prefix + string(b)
}
