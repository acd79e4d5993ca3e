package controller

import (
	"fmt"
	"maps"
	"math"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metavalidation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/pod"
)

// DefaultBackoffLimit is a Job's spec.backoffLimit when none is given
// (pkg/apis/batch/v1/defaults.go SetDefaults_Job).
const DefaultBackoffLimit = 6

// The labels the API server puts on a Job's pod template (and so on its
// pods) when it generates the Job's selector: the batch.kubernetes.io/
// ones and their legacy short forms (pkg/registry/batch/job/strategy.go
// generateSelector).
const (
	legacyJobNameLabel       = "job-name"
	legacyControllerUIDLabel = "controller-uid"
)

// DefaultJob fills in what the API server fills in when a Job is created
// (SetDefaults_Job): namespace "default", completions and parallelism 1
// when neither is set, parallelism 1 when only it is missing,
// backoffLimit 6, completionMode NonIndexed, suspend false,
// podReplacementPolicy TerminatingOrFailed (Failed with a
// podFailurePolicy), manualSelector false, and the PodSpec defaults of the
// template. A nil Job is left alone.
func DefaultJob(j *batchv1.Job) {
	if j == nil {
		return
	}
	defaultMeta(&j.ObjectMeta, &j.TypeMeta, "batch/v1", "Job")
	s := &j.Spec
	if s.Completions == nil && s.Parallelism == nil {
		s.Completions = ptrTo[int32](1)
	}
	defaultInt32(&s.Parallelism, 1)
	if s.BackoffLimit == nil {
		if s.BackoffLimitPerIndex != nil {
			s.BackoffLimit = ptrTo[int32](math.MaxInt32)
		} else {
			s.BackoffLimit = ptrTo[int32](DefaultBackoffLimit)
		}
	}
	if s.CompletionMode == nil {
		s.CompletionMode = ptrTo(batchv1.NonIndexedCompletion)
	}
	if s.Suspend == nil {
		s.Suspend = ptrTo(false)
	}
	if s.PodReplacementPolicy == nil {
		if s.PodFailurePolicy != nil {
			s.PodReplacementPolicy = ptrTo(batchv1.Failed)
		} else {
			s.PodReplacementPolicy = ptrTo(batchv1.TerminatingOrFailed)
		}
	}
	if s.ManualSelector == nil {
		s.ManualSelector = ptrTo(false)
	}
	if s.PodFailurePolicy != nil {
		for i := range s.PodFailurePolicy.Rules {
			for k := range s.PodFailurePolicy.Rules[i].OnPodConditions {
				c := &s.PodFailurePolicy.Rules[i].OnPodConditions[k]
				if c.Status == "" {
					c.Status = corev1.ConditionTrue
				}
			}
		}
	}
	pod.DefaultPodSpec(&s.Template.Spec)
}

func ptrTo[T any](v T) *T { return &v }

// generateJobSelector gives a Job whose selector is not manual the
// selector and template labels the API server generates from its uid and
// name (generateSelector).
func generateJobSelector(j *batchv1.Job) {
	if j.Spec.ManualSelector != nil && *j.Spec.ManualSelector {
		return
	}
	uid := string(j.UID)
	l := maps.Clone(j.Spec.Template.Labels)
	if l == nil {
		l = map[string]string{}
	}
	l[batchv1.ControllerUidLabel] = uid
	l[batchv1.JobNameLabel] = j.Name
	l[legacyControllerUIDLabel] = uid
	l[legacyJobNameLabel] = j.Name
	j.Spec.Template.Labels = l
	if j.Spec.Selector == nil {
		j.Spec.Selector = &metav1.LabelSelector{MatchLabels: map[string]string{batchv1.ControllerUidLabel: uid}}
	}
}

// ValidateJob checks a defaulted Job as the API server does
// (pkg/apis/batch/validation ValidateJob): the name; parallelism,
// completions, activeDeadlineSeconds, backoffLimit and
// ttlSecondsAfterFinished not negative (activeDeadlineSeconds above 0);
// Indexed mode with completions; the selector matching the template; the
// template's restartPolicy OnFailure or Never; a podFailurePolicy only with
// restartPolicy Never, and its rules; a successPolicy only in Indexed mode.
// It returns every problem, sorted by field path.
func ValidateJob(j *batchv1.Job) field.ErrorList {
	if j == nil {
		return field.ErrorList{field.Required(field.NewPath("metadata"), "job is nil")}
	}
	errs := apivalidation.ValidateObjectMeta(&j.ObjectMeta, true, apivalidation.NameIsDNSLabel, field.NewPath("metadata"))
	errs = append(errs, validateJobSpec(&j.Spec, field.NewPath("spec"))...)
	return sortErrors(errs)
}

func validateJobSpec(s *batchv1.JobSpec, spec *field.Path) field.ErrorList {
	var errs field.ErrorList
	nonNeg := func(v *int32, name string) {
		if v != nil {
			errs = append(errs, apivalidation.ValidateNonnegativeField(int64(*v), spec.Child(name))...)
		}
	}
	nonNeg(s.Parallelism, "parallelism")
	nonNeg(s.Completions, "completions")
	nonNeg(s.BackoffLimit, "backoffLimit")
	nonNeg(s.TTLSecondsAfterFinished, "ttlSecondsAfterFinished")
	if s.ActiveDeadlineSeconds != nil && *s.ActiveDeadlineSeconds <= 0 {
		errs = append(errs, field.Invalid(spec.Child("activeDeadlineSeconds"), *s.ActiveDeadlineSeconds, "must be greater than 0"))
	}
	indexed := s.CompletionMode != nil && *s.CompletionMode == batchv1.IndexedCompletion
	if s.CompletionMode != nil && !indexed && *s.CompletionMode != batchv1.NonIndexedCompletion {
		errs = append(errs, field.NotSupported(spec.Child("completionMode"), *s.CompletionMode,
			[]string{string(batchv1.NonIndexedCompletion), string(batchv1.IndexedCompletion)}))
	}
	if indexed && s.Completions == nil {
		errs = append(errs, field.Required(spec.Child("completions"), fmt.Sprintf("when completion mode is %s", batchv1.IndexedCompletion)))
	}
	if s.BackoffLimitPerIndex != nil || s.MaxFailedIndexes != nil {
		errs = append(errs, field.Forbidden(spec.Child("backoffLimitPerIndex"), "nucleus does not simulate backoffLimitPerIndex yet"))
	}
	if s.SuccessPolicy != nil {
		errs = append(errs, validateSuccessPolicy(s, spec.Child("successPolicy"), indexed)...)
	}
	errs = append(errs, validateJobSelector(s, spec)...)
	tp := spec.Child("template", "spec")
	errs = append(errs, pod.ValidatePodSpec(&s.Template.Spec, tp)...)
	if rp := s.Template.Spec.RestartPolicy; rp != corev1.RestartPolicyOnFailure && rp != corev1.RestartPolicyNever {
		errs = append(errs, field.NotSupported(tp.Child("restartPolicy"), rp,
			[]string{string(corev1.RestartPolicyOnFailure), string(corev1.RestartPolicyNever)}))
	}
	if s.PodFailurePolicy != nil {
		errs = append(errs, validatePodFailurePolicy(s, spec.Child("podFailurePolicy"))...)
	}
	return errs
}

// validateJobSelector checks that the selector is there, valid, not empty
// and matches the template's labels.
func validateJobSelector(s *batchv1.JobSpec, spec *field.Path) field.ErrorList {
	if s.Selector == nil {
		return field.ErrorList{field.Required(spec.Child("selector"), "")}
	}
	errs := metavalidation.ValidateLabelSelector(s.Selector, metavalidation.LabelSelectorValidationOptions{}, spec.Child("selector"))
	sel, err := metav1.LabelSelectorAsSelector(s.Selector)
	if err != nil {
		return errs
	}
	lp := spec.Child("template", "metadata", "labels")
	if sel.Empty() {
		errs = append(errs, field.Invalid(spec.Child("selector"), s.Selector, "empty selector is invalid for job"))
	} else if !sel.Matches(labels.Set(s.Template.Labels)) {
		errs = append(errs, field.Invalid(lp, s.Template.Labels, "`selector` does not match template `labels`"))
	}
	return append(errs, metavalidation.ValidateLabels(s.Template.Labels, lp)...)
}

// validatePodFailurePolicy checks the rules (validatePodFailurePolicy):
// restartPolicy Never, a known action, exactly one of onExitCodes and
// onPodConditions, and operator In or NotIn with values that do not hold
// 0 for In.
func validatePodFailurePolicy(s *batchv1.JobSpec, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if s.Template.Spec.RestartPolicy != corev1.RestartPolicyNever {
		errs = append(errs, field.Invalid(p, "", "only allowed when the pod template's restartPolicy is Never"))
	}
	actions := []string{string(batchv1.PodFailurePolicyActionFailJob), string(batchv1.PodFailurePolicyActionIgnore), string(batchv1.PodFailurePolicyActionCount)}
	for i, r := range s.PodFailurePolicy.Rules {
		rp := p.Child("rules").Index(i)
		switch r.Action {
		case batchv1.PodFailurePolicyActionFailJob, batchv1.PodFailurePolicyActionIgnore, batchv1.PodFailurePolicyActionCount:
		case batchv1.PodFailurePolicyActionFailIndex:
			errs = append(errs, field.Forbidden(rp.Child("action"), "FailIndex needs backoffLimitPerIndex, which nucleus does not simulate yet"))
		default:
			errs = append(errs, field.NotSupported(rp.Child("action"), r.Action, actions))
		}
		switch {
		case r.OnExitCodes != nil && len(r.OnPodConditions) > 0:
			errs = append(errs, field.Invalid(rp, "", "specifying both OnExitCodes and OnPodConditions is not supported"))
		case r.OnExitCodes == nil && len(r.OnPodConditions) == 0:
			errs = append(errs, field.Invalid(rp, "", "specifying one of OnExitCodes and OnPodConditions is required"))
		case r.OnExitCodes != nil:
			ep := rp.Child("onExitCodes")
			op := r.OnExitCodes.Operator
			if op != batchv1.PodFailurePolicyOnExitCodesOpIn && op != batchv1.PodFailurePolicyOnExitCodesOpNotIn {
				errs = append(errs, field.NotSupported(ep.Child("operator"), op, []string{"In", "NotIn"}))
			}
			if len(r.OnExitCodes.Values) == 0 {
				errs = append(errs, field.Invalid(ep.Child("values"), r.OnExitCodes.Values, "at least one value is required"))
			}
			for k, v := range r.OnExitCodes.Values {
				if op == batchv1.PodFailurePolicyOnExitCodesOpIn && v == 0 {
					errs = append(errs, field.Invalid(ep.Child("values").Index(k), v, "must not be 0 for the In operator"))
				}
			}
		}
	}
	return errs
}

// validateSuccessPolicy checks a successPolicy (validateSuccessPolicy):
// Indexed mode only, each rule with succeededIndexes or succeededCount,
// succeededCount at most completions.
func validateSuccessPolicy(s *batchv1.JobSpec, p *field.Path, indexed bool) field.ErrorList {
	var errs field.ErrorList
	if !indexed {
		errs = append(errs, field.Invalid(p, *s.SuccessPolicy, "requires indexed completion mode"))
	}
	if len(s.SuccessPolicy.Rules) == 0 {
		errs = append(errs, field.Required(p.Child("rules"), "at least one rules must be specified when the successPolicy is specified"))
	}
	for i, r := range s.SuccessPolicy.Rules {
		rp := p.Child("rules").Index(i)
		if r.SucceededIndexes == nil && r.SucceededCount == nil {
			errs = append(errs, field.Required(rp, "at least one of succeededCount or succeededIndexes must be specified"))
		}
		if r.SucceededIndexes != nil && s.Completions != nil {
			if _, err := parseIndexes(*r.SucceededIndexes, *s.Completions); err != nil {
				errs = append(errs, field.Invalid(rp.Child("succeededIndexes"), *r.SucceededIndexes, err.Error()))
			}
		}
		if c := r.SucceededCount; c != nil {
			switch {
			case *c < 0:
				errs = append(errs, field.Invalid(rp.Child("succeededCount"), *c, "must be greater than or equal to 0"))
			case s.Completions != nil && *c > *s.Completions:
				errs = append(errs, field.Invalid(rp.Child("succeededCount"), *c, fmt.Sprintf("must be less than or equal to %d (the number of specified completions)", *s.Completions)))
			}
		}
	}
	return errs
}

// CreateJob is the API server's side of creating a Job: it defaults a copy
// of j, gives it its uid and (unless the selector is manual) the generated
// selector and template labels, validates it and stores it with
// generation 1. It returns the stored Job, or an error naming the invalid
// fields.
func CreateJob(api *apiserver.Server, j *batchv1.Job) (*batchv1.Job, error) {
	j = j.DeepCopy()
	DefaultJob(j)
	if j.UID == "" {
		j.UID = api.NewUID()
	}
	generateJobSelector(j)
	if errs := ValidateJob(j); len(errs) > 0 {
		return nil, invalidError("job", j.Name, errs)
	}
	j.Generation = 1
	j.Status = batchv1.JobStatus{}
	return api.Jobs.Create(j)
}

// UpdateJob is the API server's side of changing a Job (kubectl apply,
// edit, patch): what ValidateJobUpdate refuses cannot change, so
// parallelism, suspend, activeDeadlineSeconds, backoffLimit,
// ttlSecondsAfterFinished and the like take effect. It keeps the stored status and returns the stored Job.
func UpdateJob(api *apiserver.Server, j *batchv1.Job) (*batchv1.Job, error) {
	cur, err := api.Jobs.Get(j.Namespace, j.Name)
	if err != nil {
		return nil, err
	}
	j = j.DeepCopy()
	DefaultJob(j)
	j.UID = cur.UID
	if j.Spec.Selector == nil {
		j.Spec.Selector = cur.Spec.Selector
	}
	if !*j.Spec.ManualSelector {
		j.Spec.Template.Labels = overlayLabels(j.Spec.Template.Labels, cur.Spec.Template.Labels)
	}
	if errs := ValidateJobUpdate(j, cur); len(errs) > 0 {
		return nil, invalidError("job", j.Name, errs)
	}
	j.Status = cur.Status
	j.Generation = cur.Generation
	if !equality.Semantic.DeepEqual(cur.Spec, j.Spec) {
		j.Generation++
	}
	return api.Jobs.Update(j)
}

// overlayLabels returns the generated labels of cur with the manifest's
// own labels over them, so that applying a Job's manifest again does not
// drop the labels the API server added.
func overlayLabels(mine, cur map[string]string) map[string]string {
	out := maps.Clone(cur)
	if out == nil {
		out = map[string]string{}
	}
	maps.Copy(out, mine)
	return out
}
