package controller_test

import (
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/controller"
)

// storedJob returns a defaulted Job as the API server stores it, with a
// generated selector, suspended or not.
func storedJob(suspend bool) *batchv1.Job {
	j := &batchv1.Job{
		ObjectMeta: metav1.ObjectMeta{Name: "pi", Namespace: "default", UID: "u1"},
		Spec: batchv1.JobSpec{
			Suspend:  &suspend,
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"batch.kubernetes.io/controller-uid": "u1"}},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"batch.kubernetes.io/controller-uid": "u1", "batch.kubernetes.io/job-name": "pi", "controller-uid": "u1", "job-name": "pi"}},
				Spec: corev1.PodSpec{RestartPolicy: corev1.RestartPolicyNever,
					Containers: []corev1.Container{{Name: "pi", Image: "perl:5.34"}}},
			},
		},
	}
	manual := true
	j.Spec.ManualSelector = &manual
	controller.DefaultJob(j)
	return j
}

// TestValidateJobUpdate: what an update of a Job may change. Most of the
// spec is fixed at creation (field is immutable); parallelism, suspend,
// activeDeadlineSeconds and backoffLimit are not; a suspended Job that has
// never started may still change where its pods go.
// Reference: pkg/apis/batch/validation/validation.go (ValidateJobUpdate,
// ValidateJobSpecUpdate, validatePodTemplateUpdate) and
// https://kubernetes.io/docs/concepts/workloads/controllers/job/#mutable-scheduling-directives
func TestValidateJobUpdate(t *testing.T) {
	started := metav1.Now()
	tests := []struct {
		name    string
		suspend bool
		started bool
		change  func(*batchv1.Job)
		want    string // "" for accepted
	}{
		{"parallelism", false, true, func(j *batchv1.Job) { j.Spec.Parallelism = ptr[int32](3) }, ""},
		{"suspend", false, true, func(j *batchv1.Job) { j.Spec.Suspend = ptr(true) }, ""},
		{"backoffLimit and deadline", false, true, func(j *batchv1.Job) {
			j.Spec.BackoffLimit, j.Spec.ActiveDeadlineSeconds = ptr[int32](2), ptr[int64](60)
		}, ""},
		{"completions", false, true, func(j *batchv1.Job) { j.Spec.Completions = ptr[int32](5) }, "spec.completions: Invalid value: 5: field is immutable"},
		{"completionMode", false, true, func(j *batchv1.Job) { j.Spec.CompletionMode = ptr(batchv1.IndexedCompletion) }, "spec.completionMode: Invalid value"},
		{"image", false, true, func(j *batchv1.Job) { j.Spec.Template.Spec.Containers[0].Image = "perl:5.36" }, "spec.template: Invalid value"},
		{"node selector of a running Job", false, true, func(j *batchv1.Job) {
			j.Spec.Template.Spec.NodeSelector = map[string]string{"zone": "a"}
		}, "spec.template: Invalid value"},
		{"node selector of a suspended Job never started", true, false, func(j *batchv1.Job) {
			j.Spec.Template.Spec.NodeSelector = map[string]string{"zone": "a"}
			j.Spec.Template.Spec.Tolerations = []corev1.Toleration{{Key: "k", Operator: corev1.TolerationOpExists}}
			j.Spec.Template.Annotations = map[string]string{"queue": "a"}
		}, ""},
		{"node selector of a suspended Job that ran", true, true, func(j *batchv1.Job) {
			j.Spec.Template.Spec.NodeSelector = map[string]string{"zone": "a"}
		}, "spec.template: Invalid value"},
		{"image of a suspended Job never started", true, false, func(j *batchv1.Job) {
			j.Spec.Template.Spec.Containers[0].Image = "perl:5.36"
		}, "spec.template: Invalid value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cur := storedJob(tt.suspend)
			if tt.started {
				cur.Status.StartTime = &started
			}
			next := cur.DeepCopy()
			tt.change(next)
			got := controller.ValidateJobUpdate(next, cur).ToAggregate()
			switch {
			case tt.want == "" && got != nil:
				t.Errorf("ValidateJobUpdate = %v, want it accepted", got)
			case tt.want != "" && (got == nil || !strings.Contains(got.Error(), tt.want)):
				t.Errorf("ValidateJobUpdate = %v, want %q", got, tt.want)
			}
		})
	}
}

// TestValidateDaemonSetUpdate: a DaemonSet's template may change (a new
// revision, rolled out by the controller), its selector may not.
// Reference: pkg/apis/apps/validation/validation.go
// (ValidateDaemonSetUpdate).
func TestValidateDaemonSetUpdate(t *testing.T) {
	cur := &appsv1.DaemonSet{
		ObjectMeta: metav1.ObjectMeta{Name: "greeter", Namespace: "default"},
		Spec: appsv1.DaemonSetSpec{
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "greeter"}},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "greeter", "tier": "door"}},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: "nginx:1.27"}}},
			},
		},
	}
	controller.DefaultDaemonSet(cur)
	image := cur.DeepCopy()
	image.Spec.Template.Spec.Containers[0].Image = "nginx:1.28"
	if errs := controller.ValidateDaemonSetUpdate(image, cur); len(errs) > 0 {
		t.Errorf("ValidateDaemonSetUpdate(new image) = %v, want it accepted", errs.ToAggregate())
	}
	selector := cur.DeepCopy()
	selector.Spec.Selector.MatchLabels["tier"] = "door"
	errs := controller.ValidateDaemonSetUpdate(selector, cur)
	if len(errs) != 1 || errs[0].Field != "spec.selector" || errs[0].Detail != "field is immutable" {
		t.Errorf("ValidateDaemonSetUpdate(new selector) = %v, want spec.selector: field is immutable", errs.ToAggregate())
	}
}
