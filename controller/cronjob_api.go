package controller

import (
	"fmt"
	"time"
	_ "time/tzdata" // time zones from Go's own database, the same on every machine

	batchv1 "k8s.io/api/batch/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/pod"
)

// CronJob defaults (pkg/apis/batch/v1/defaults.go SetDefaults_CronJob).
const (
	DefaultSuccessfulJobsHistoryLimit = 3
	DefaultFailedJobsHistoryLimit     = 1
)

// DefaultCronJob fills in what the API server fills in when a CronJob is
// created: namespace "default", concurrencyPolicy Allow, suspend false,
// successfulJobsHistoryLimit 3, failedJobsHistoryLimit 1, and the Job
// template's own defaults. A nil CronJob is left alone.
func DefaultCronJob(cj *batchv1.CronJob) {
	if cj == nil {
		return
	}
	defaultMeta(&cj.ObjectMeta, &cj.TypeMeta, "batch/v1", "CronJob")
	if cj.Spec.ConcurrencyPolicy == "" {
		cj.Spec.ConcurrencyPolicy = batchv1.AllowConcurrent
	}
	if cj.Spec.Suspend == nil {
		cj.Spec.Suspend = ptrTo(false)
	}
	defaultInt32(&cj.Spec.SuccessfulJobsHistoryLimit, DefaultSuccessfulJobsHistoryLimit)
	defaultInt32(&cj.Spec.FailedJobsHistoryLimit, DefaultFailedJobsHistoryLimit)
	pod.DefaultPodSpec(&cj.Spec.JobTemplate.Spec.Template.Spec)
}

// cronLocation returns the time zone a CronJob's schedule is read in: its
// timeZone, or UTC (the controller manager's zone in nucleus). Zones come
// from Go's embedded database, so a run is the same on every machine.
func cronLocation(cj *batchv1.CronJob) (*time.Location, error) {
	if cj.Spec.TimeZone == nil || *cj.Spec.TimeZone == "" {
		return time.UTC, nil
	}
	return time.LoadLocation(*cj.Spec.TimeZone)
}

// ValidateCronJob checks a defaulted CronJob as the API server does
// (pkg/apis/batch/validation ValidateCronJobCreate): a name of at most 52
// characters (so that the Jobs' names fit), a schedule that parses, a
// known timeZone, a known concurrencyPolicy, non-negative history limits
// and startingDeadlineSeconds, and the Job template (with the Job rules,
// its selector left to the Job's own creation). It returns every problem,
// sorted by field path.
func ValidateCronJob(cj *batchv1.CronJob) field.ErrorList {
	if cj == nil {
		return field.ErrorList{field.Required(field.NewPath("metadata"), "cronjob is nil")}
	}
	spec := field.NewPath("spec")
	errs := apivalidation.ValidateObjectMeta(&cj.ObjectMeta, true, apivalidation.NameIsDNSSubdomain, field.NewPath("metadata"))
	if len(cj.Name) > 52 {
		errs = append(errs, field.Invalid(field.NewPath("metadata", "name"), cj.Name, "must be no more than 52 characters"))
	}
	if cj.Spec.Schedule == "" {
		errs = append(errs, field.Required(spec.Child("schedule"), ""))
	} else if _, err := parseCron(cj.Spec.Schedule, time.UTC); err != nil {
		errs = append(errs, field.Invalid(spec.Child("schedule"), cj.Spec.Schedule, err.Error()))
	}
	if tz := cj.Spec.TimeZone; tz != nil {
		if _, err := cronLocation(cj); err != nil || *tz == "Local" {
			errs = append(errs, field.Invalid(spec.Child("timeZone"), *tz, "unknown time zone "+*tz))
		}
	}
	switch cj.Spec.ConcurrencyPolicy {
	case batchv1.AllowConcurrent, batchv1.ForbidConcurrent, batchv1.ReplaceConcurrent:
	default:
		errs = append(errs, field.NotSupported(spec.Child("concurrencyPolicy"), cj.Spec.ConcurrencyPolicy,
			[]string{string(batchv1.AllowConcurrent), string(batchv1.ForbidConcurrent), string(batchv1.ReplaceConcurrent)}))
	}
	for name, v := range map[string]*int32{"successfulJobsHistoryLimit": cj.Spec.SuccessfulJobsHistoryLimit, "failedJobsHistoryLimit": cj.Spec.FailedJobsHistoryLimit} {
		if v != nil {
			errs = append(errs, apivalidation.ValidateNonnegativeField(int64(*v), spec.Child(name))...)
		}
	}
	if s := cj.Spec.StartingDeadlineSeconds; s != nil {
		errs = append(errs, apivalidation.ValidateNonnegativeField(*s, spec.Child("startingDeadlineSeconds"))...)
	}
	// The Job template: the Job's rules, with the selector the Job gets
	// when the CronJob makes it.
	probe := &batchv1.Job{Spec: *cj.Spec.JobTemplate.Spec.DeepCopy()}
	probe.Name, probe.UID = "probe", "probe"
	DefaultJob(probe)
	generateJobSelector(probe)
	for _, e := range validateJobSpec(&probe.Spec, spec.Child("jobTemplate", "spec")) {
		if e.Field != "spec.jobTemplate.spec.selector" {
			errs = append(errs, e)
		}
	}
	return sortErrors(errs)
}

// CreateCronJob is the API server's side of creating a CronJob:
// defaulting, validation, generation 1.
func CreateCronJob(api *apiserver.Server, cj *batchv1.CronJob) (*batchv1.CronJob, error) {
	cj = cj.DeepCopy()
	DefaultCronJob(cj)
	if errs := ValidateCronJob(cj); len(errs) > 0 {
		return nil, invalidError("cronjob", cj.Name, errs)
	}
	cj.Generation = 1
	cj.Status = batchv1.CronJobStatus{}
	return api.CronJobs.Create(cj)
}

// UpdateCronJob is the API server's side of changing a CronJob's spec
// (kubectl apply, kubectl patch to suspend): defaulting, validation, the
// stored status kept, and a generation bump when the spec changed.
func UpdateCronJob(api *apiserver.Server, cj *batchv1.CronJob) (*batchv1.CronJob, error) {
	return updateSpec(api.CronJobs, cj, "cronjob", DefaultCronJob,
		func(cj, _ *batchv1.CronJob) field.ErrorList { return ValidateCronJob(cj) },
		func(cj, cur *batchv1.CronJob) bool {
			cj.Status = cur.Status
			return !equality.Semantic.DeepEqual(cur.Spec, cj.Spec)
		})
}

// cronJobName returns the name of the Job a CronJob makes for a scheduled
// time: the CronJob's name and the time in minutes since the Unix epoch
// (cronjob utils.go getJobName, getTimeHashInMinutes).
func cronJobName(cj *batchv1.CronJob, scheduled time.Time) string {
	return fmt.Sprintf("%s-%d", cj.Name, scheduled.Unix()/60)
}
