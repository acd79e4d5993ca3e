package kubectl

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/duration"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// PrintJobs writes jobs to w as `kubectl get jobs` prints them at time
// now: NAME STATUS COMPLETIONS DURATION AGE, and CONTAINERS IMAGES
// SELECTOR when wide. STATUS is Complete, Failed, Terminating, Suspended,
// FailureTarget, SuccessCriteriaMet or Running, in that order of
// precedence; COMPLETIONS is succeeded/completions ("0/1 of 3" for a work
// queue with parallelism 3); DURATION runs from startTime to
// completionTime, or to now while the Job runs. It returns an error
// naming a nil Job, and the first error from writing to w.
// Reference: pkg/printers/internalversion/printers.go printJob.
func PrintJobs(w io.Writer, jobs []*batchv1.Job, now time.Time, wide bool) error {
	t, err := jobTable(jobs, now, wide)
	if err != nil {
		return err
	}
	return t.Write(w)
}

// JobTable returns the table `kubectl get jobs` shows for the same objects,
// with the -o wide columns, as the API server's server-side printing
// makes it; the errors are PrintJobs's.
func JobTable(jobs []*batchv1.Job, now time.Time) (Table, error) {
	return jobTable(jobs, now, true)
}

func jobTable(jobs []*batchv1.Job, now time.Time, wide bool) (Table, error) {
	header := []string{"NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"}
	return makeTable(header, []string{"CONTAINERS", "IMAGES", "SELECTOR"}, wide, len(jobs), func(i int) ([]string, error) {
		j := jobs[i]
		if j == nil {
			return nil, missing(field.NewPath("jobs").Index(i), "Job")
		}
		cells := []string{j.Name, JobStatus(j), jobCompletions(j), jobDuration(j, now), since(j.CreationTimestamp, now)}
		if wide {
			names, images := containerCells(j.Spec.Template.Spec.Containers)
			cells = append(cells, names, images, metav1.FormatLabelSelector(j.Spec.Selector))
		}
		return cells, nil
	})
}

// JobStatus returns the STATUS column of `kubectl get jobs` for j.
func JobStatus(j *batchv1.Job) string {
	has := func(t batchv1.JobConditionType) bool {
		for _, c := range j.Status.Conditions {
			if c.Type == t && c.Status == corev1.ConditionTrue {
				return true
			}
		}
		return false
	}
	switch {
	case has(batchv1.JobComplete):
		return "Complete"
	case has(batchv1.JobFailed):
		return "Failed"
	case j.DeletionTimestamp != nil:
		return "Terminating"
	case has(batchv1.JobSuspended):
		return "Suspended"
	case has(batchv1.JobFailureTarget):
		return "FailureTarget"
	case has(batchv1.JobSuccessCriteriaMet):
		return "SuccessCriteriaMet"
	}
	return "Running"
}

func jobCompletions(j *batchv1.Job) string {
	if j.Spec.Completions != nil {
		return fmt.Sprintf("%d/%d", j.Status.Succeeded, *j.Spec.Completions)
	}
	if p := j.Spec.Parallelism; p != nil && *p > 1 {
		return fmt.Sprintf("%d/1 of %d", j.Status.Succeeded, *p)
	}
	return fmt.Sprintf("%d/1", j.Status.Succeeded)
}

func jobDuration(j *batchv1.Job, now time.Time) string {
	switch {
	case j.Status.StartTime == nil:
		return ""
	case j.Status.CompletionTime == nil:
		return duration.HumanDuration(now.Sub(j.Status.StartTime.Time))
	}
	return duration.HumanDuration(j.Status.CompletionTime.Sub(j.Status.StartTime.Time))
}

// DescribeJob writes what `kubectl describe job` prints for j at time now:
// identity, selector, parallelism, completions, mode, suspend, backoff
// limit, TTL, start and completion times, duration, active deadline, the
// pod counts, the completed indexes of an Indexed Job, the pod template
// and the events evs. It returns an error naming a nil Job, and the first
// error from writing to w.
// Reference: kubectl describe.go describeJob.
func DescribeJob(w io.Writer, j *batchv1.Job, evs []corev1.Event, now time.Time) error {
	if j == nil {
		return missing(field.NewPath("job"), "Job")
	}
	d := newDescriber(w)
	d.write(0, "Name:\t%s\n", j.Name)
	d.write(0, "Namespace:\t%s\n", j.Namespace)
	d.write(0, "Selector:\t%s\n", selectorString(j.Spec.Selector))
	d.labels("Labels", j.Labels)
	d.annotations("Annotations", j.Annotations)
	if by := controlledBy(j); by != "" {
		d.write(0, "Controlled By:\t%s\n", by)
	}
	s := j.Spec
	if s.Parallelism != nil {
		d.write(0, "Parallelism:\t%d\n", *s.Parallelism)
	}
	if s.Completions != nil {
		d.write(0, "Completions:\t%d\n", *s.Completions)
	} else {
		d.write(0, "Completions:\t<unset>\n")
	}
	if s.CompletionMode != nil {
		d.write(0, "Completion Mode:\t%s\n", *s.CompletionMode)
	}
	if s.Suspend != nil {
		d.write(0, "Suspend:\t%v\n", *s.Suspend)
	}
	if s.BackoffLimit != nil {
		d.write(0, "Backoff Limit:\t%v\n", *s.BackoffLimit)
	}
	if s.TTLSecondsAfterFinished != nil {
		d.write(0, "TTL Seconds After Finished:\t%v\n", *s.TTLSecondsAfterFinished)
	}
	st := j.Status
	if st.StartTime != nil {
		d.write(0, "Start Time:\t%s\n", rfc1123Z(*st.StartTime))
	}
	if st.CompletionTime != nil {
		d.write(0, "Completed At:\t%s\n", rfc1123Z(*st.CompletionTime))
	}
	if st.StartTime != nil && st.CompletionTime != nil {
		d.write(0, "Duration:\t%s\n", duration.HumanDuration(st.CompletionTime.Sub(st.StartTime.Time)))
	}
	if s.ActiveDeadlineSeconds != nil {
		d.write(0, "Active Deadline Seconds:\t%ds\n", *s.ActiveDeadlineSeconds)
	}
	if st.Ready == nil {
		d.write(0, "Pods Statuses:\t%d Active / %d Succeeded / %d Failed\n", st.Active, st.Succeeded, st.Failed)
	} else {
		d.write(0, "Pods Statuses:\t%d Active (%d Ready) / %d Succeeded / %d Failed\n", st.Active, *st.Ready, st.Succeeded, st.Failed)
	}
	if s.CompletionMode != nil && *s.CompletionMode == batchv1.IndexedCompletion {
		d.write(0, "Completed Indexes:\t%s\n", orNone(st.CompletedIndexes))
	}
	describePodTemplate(d, &s.Template)
	d.events(evs, now)
	return d.finish()
}

// PrintCronJobs writes cjs to w as `kubectl get cronjobs` prints them at
// time now: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE, and
// CONTAINERS IMAGES SELECTOR when wide. It returns an error naming a nil
// CronJob, and the first error from writing to w.
// Reference: printers.go printCronJob.
func PrintCronJobs(w io.Writer, cjs []*batchv1.CronJob, now time.Time, wide bool) error {
	t, err := cronJobTable(cjs, now, wide)
	if err != nil {
		return err
	}
	return t.Write(w)
}

// CronJobTable returns the table `kubectl get cronjobs` shows for the same
// objects, with the -o wide columns, as the API server's server-side
// printing makes it; the errors are PrintCronJobs's.
func CronJobTable(cjs []*batchv1.CronJob, now time.Time) (Table, error) {
	return cronJobTable(cjs, now, true)
}

func cronJobTable(cjs []*batchv1.CronJob, now time.Time, wide bool) (Table, error) {
	header := []string{"NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"}
	return makeTable(header, []string{"CONTAINERS", "IMAGES", "SELECTOR"}, wide, len(cjs), func(i int) ([]string, error) {
		cj := cjs[i]
		if cj == nil {
			return nil, missing(field.NewPath("cronJobs").Index(i), "CronJob")
		}
		last := none
		if cj.Status.LastScheduleTime != nil {
			last = since(*cj.Status.LastScheduleTime, now)
		}
		tz := none
		if cj.Spec.TimeZone != nil {
			tz = *cj.Spec.TimeZone
		}
		cells := []string{cj.Name, cj.Spec.Schedule, tz, boolPtr(cj.Spec.Suspend), strconv.Itoa(len(cj.Status.Active)), last, since(cj.CreationTimestamp, now)}
		if wide {
			names, images := containerCells(cj.Spec.JobTemplate.Spec.Template.Spec.Containers)
			cells = append(cells, names, images, metav1.FormatLabelSelector(cj.Spec.JobTemplate.Spec.Selector))
		}
		return cells, nil
	})
}

// boolPtr is kubectl's printBoolPtr: "True", "False" or "<unset>".
func boolPtr(b *bool) string {
	switch {
	case b == nil:
		return "<unset>"
	case *b:
		return "True"
	}
	return "False"
}

// int32OrUnset returns n, or "<unset>".
func int32OrUnset(n *int32) string {
	if n == nil {
		return "<unset>"
	}
	return itoa(*n)
}

// DescribeCronJob writes what `kubectl describe cronjob` prints for cj at
// time now: identity, schedule, policies, history limits, the starting
// deadline, the Job template, the last schedule time, the active Jobs and
// the events evs. It returns an error naming a nil CronJob, and the first
// error from writing to w.
// Reference: kubectl describe.go describeCronJob, describeJobTemplate,
// printActiveJobs.
func DescribeCronJob(w io.Writer, cj *batchv1.CronJob, evs []corev1.Event, now time.Time) error {
	if cj == nil {
		return missing(field.NewPath("cronJob"), "CronJob")
	}
	d := newDescriber(w)
	d.write(0, "Name:\t%s\n", cj.Name)
	d.write(0, "Namespace:\t%s\n", cj.Namespace)
	d.labels("Labels", cj.Labels)
	d.annotations("Annotations", cj.Annotations)
	s := cj.Spec
	d.write(0, "Schedule:\t%s\n", s.Schedule)
	d.write(0, "Concurrency Policy:\t%s\n", s.ConcurrencyPolicy)
	d.write(0, "Suspend:\t%s\n", boolPtr(s.Suspend))
	d.write(0, "Successful Job History Limit:\t%s\n", int32OrUnset(s.SuccessfulJobsHistoryLimit))
	d.write(0, "Failed Job History Limit:\t%s\n", int32OrUnset(s.FailedJobsHistoryLimit))
	if s.StartingDeadlineSeconds != nil {
		d.write(0, "Starting Deadline Seconds:\t%ds\n", *s.StartingDeadlineSeconds)
	} else {
		d.write(0, "Starting Deadline Seconds:\t<unset>\n")
	}
	js := s.JobTemplate.Spec
	if js.Selector != nil {
		d.write(0, "Selector:\t%s\n", selectorString(js.Selector))
	} else {
		d.write(0, "Selector:\t<unset>\n")
	}
	d.write(0, "Parallelism:\t%s\n", int32OrUnset(js.Parallelism))
	d.write(0, "Completions:\t%s\n", int32OrUnset(js.Completions))
	if js.ActiveDeadlineSeconds != nil {
		d.write(0, "Active Deadline Seconds:\t%ds\n", *js.ActiveDeadlineSeconds)
	}
	describePodTemplate(d, &js.Template)
	if t := cj.Status.LastScheduleTime; t != nil {
		d.write(0, "Last Schedule Time:\t%s\n", rfc1123Z(*t))
	} else {
		d.write(0, "Last Schedule Time:\t<unset>\n")
	}
	names := make([]string, len(cj.Status.Active))
	for i, r := range cj.Status.Active {
		names[i] = r.Name
	}
	d.write(0, "Active Jobs:\t%s\n", orNone(strings.Join(names, ", ")))
	d.events(evs, now)
	return d.finish()
}
