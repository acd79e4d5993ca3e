package kubectl

import (
	"strings"
	"testing"
	"time"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Reference: pkg/printers/internalversion/printers.go printJob (STATUS
// precedence, "0/1 of 3" for a work queue, DURATION from startTime to
// completionTime or now).
func TestPrintJobs(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 10, 0, 0, time.UTC)
	at := func(d time.Duration) *metav1.Time { t := metav1.NewTime(now.Add(-d)); return &t }
	cond := func(ty batchv1.JobConditionType) []batchv1.JobCondition {
		return []batchv1.JobCondition{{Type: ty, Status: corev1.ConditionTrue}}
	}
	three, one := int32(3), int32(1)
	jobs := []*batchv1.Job{
		{ObjectMeta: metav1.ObjectMeta{Name: "done", CreationTimestamp: *at(5 * time.Minute)},
			Spec:   batchv1.JobSpec{Completions: &three},
			Status: batchv1.JobStatus{Succeeded: 3, StartTime: at(5 * time.Minute), CompletionTime: at(4 * time.Minute), Conditions: append(cond(batchv1.JobSuccessCriteriaMet), cond(batchv1.JobComplete)...)}},
		{ObjectMeta: metav1.ObjectMeta{Name: "queue", CreationTimestamp: *at(time.Minute)},
			Spec:   batchv1.JobSpec{Parallelism: &three},
			Status: batchv1.JobStatus{StartTime: at(40 * time.Second)}},
		{ObjectMeta: metav1.ObjectMeta{Name: "giving-up", CreationTimestamp: *at(time.Minute)},
			Spec:   batchv1.JobSpec{Completions: &one, Parallelism: &one},
			Status: batchv1.JobStatus{StartTime: at(time.Minute), Conditions: cond(batchv1.JobFailureTarget)}},
		{ObjectMeta: metav1.ObjectMeta{Name: "held", CreationTimestamp: *at(time.Minute)},
			Spec:   batchv1.JobSpec{Completions: &one},
			Status: batchv1.JobStatus{Conditions: cond(batchv1.JobSuspended)}},
	}
	var b strings.Builder
	if err := PrintJobs(&b, jobs, now, false); err != nil {
		t.Fatal(err)
	}
	want := `NAME        STATUS          COMPLETIONS   DURATION   AGE
done        Complete        3/3           60s        5m
queue       Running         0/1 of 3      40s        60s
giving-up   FailureTarget   0/1           60s        60s
held        Suspended       0/1                      60s
`
	if b.String() != want {
		t.Errorf("PrintJobs =\n%s\nwant\n%s", b.String(), want)
	}
}

// Reference: printers.go printCronJob (TIMEZONE and LAST SCHEDULE
// "<none>" when unset, SUSPEND from printBoolPtr).
func TestPrintCronJobs(t *testing.T) {
	now := time.Date(2025, 1, 1, 1, 0, 0, 0, time.UTC)
	last := metav1.NewTime(now.Add(-90 * time.Second))
	tz, no, yes := "Europe/Paris", false, true
	cjs := []*batchv1.CronJob{
		{ObjectMeta: metav1.ObjectMeta{Name: "report", CreationTimestamp: metav1.NewTime(now.Add(-time.Hour))},
			Spec:   batchv1.CronJobSpec{Schedule: "*/2 * * * *", Suspend: &no},
			Status: batchv1.CronJobStatus{LastScheduleTime: &last, Active: []corev1.ObjectReference{{Name: "report-1"}}}},
		{ObjectMeta: metav1.ObjectMeta{Name: "tills", CreationTimestamp: metav1.NewTime(now.Add(-time.Minute))},
			Spec: batchv1.CronJobSpec{Schedule: "@daily", TimeZone: &tz, Suspend: &yes}},
	}
	var b strings.Builder
	if err := PrintCronJobs(&b, cjs, now, false); err != nil {
		t.Fatal(err)
	}
	want := `NAME     SCHEDULE      TIMEZONE       SUSPEND   ACTIVE   LAST SCHEDULE   AGE
report   */2 * * * *   <none>         False     1        90s             60m
tills    @daily        Europe/Paris   True      0        <none>          60s
`
	if b.String() != want {
		t.Errorf("PrintCronJobs =\n%s\nwant\n%s", b.String(), want)
	}
}
