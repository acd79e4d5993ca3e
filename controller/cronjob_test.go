package controller_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	batchv1 "k8s.io/api/batch/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/controller"
	"github.com/nodenucleus/nucleus/manifest"
	"github.com/nodenucleus/nucleus/sim"
)

// Reference: robfig/cron/v3 (the CronJob controller's parser):
// ParseStandard's five fields, names, ranges, steps, the macros, the
// day-of-month OR day-of-week rule, and time zones.
func TestCronNext(t *testing.T) {
	utc := sim.Epoch // 2025-01-01 00:00 UTC, a Wednesday
	for _, tc := range []struct {
		spec, tz string
		from     time.Time
		want     string
	}{
		{"*/5 * * * *", "", utc, "2025-01-01T00:05:00Z"},
		{"@hourly", "", utc.Add(time.Second), "2025-01-01T01:00:00Z"},
		{"@daily", "", utc, "2025-01-02T00:00:00Z"},
		{"@weekly", "", utc, "2025-01-05T00:00:00Z"},
		{"@monthly", "", utc, "2025-02-01T00:00:00Z"},
		{"@yearly", "", utc, "2026-01-01T00:00:00Z"},
		{"30 9 * * mon-fri", "", utc, "2025-01-01T09:30:00Z"},
		{"0 0 13 * fri", "", utc, "2025-01-03T00:00:00Z"}, // either the 13th or a Friday
		{"0 12 * JAN,jul *", "", utc.Add(31 * 24 * time.Hour), "2025-07-01T12:00:00Z"},
		{"0 9 * * *", "Europe/Paris", utc, "2025-01-01T08:00:00Z"},
		{"0 9 * * *", "Asia/Kolkata", utc, "2025-01-01T03:30:00Z"},
		{"0 0 30 2 *", "", utc, "0001-01-01T00:00:00Z"}, // never
	} {
		loc := time.UTC
		if tc.tz != "" {
			var err error
			loc, err = time.LoadLocation(tc.tz)
			require.NoError(t, err)
		}
		s, err := controller.ParseCron(tc.spec, loc)
		require.NoError(t, err, tc.spec)
		if got := controller.CronNext(s, tc.from).UTC().Format(time.RFC3339); got != tc.want {
			t.Errorf("next(%q in %q) = %s, want %s", tc.spec, tc.tz, got, tc.want)
		}
	}
	for _, bad := range []string{"* * * *", "61 * * * *", "TZ=UTC * * * * *", "@often", "*/0 * * * *"} {
		_, err := controller.ParseCron(bad, time.UTC)
		assert.Error(t, err, bad)
	}
}

// cronRun is a chain with one CronJob applied.
type cronRun struct {
	t       *testing.T
	c       *cluster.Cluster
	records []sim.Record
}

func startCronJob(t *testing.T, spec string) *cronRun {
	t.Helper()
	c, err := cluster.New(cluster.Config{Seed: 5})
	require.NoError(t, err)
	r := &cronRun{t: t, c: c}
	c.Subscribe(sim.ObserverFunc(func(rec sim.Record) { r.records = append(r.records, rec) }))
	r.apply(spec)
	return r
}

func (r *cronRun) apply(spec string) {
	docs, _, err := manifest.NewDecoder().Decode("cron.yaml", []byte("apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n"+spec))
	require.NoError(r.t, err)
	require.NoError(r.t, r.c.Apply(docs[0].Object))
}

// events returns the CronJob controller's Events as "time Reason Message".
func (r *cronRun) events() []string {
	var out []string
	for _, rec := range r.records {
		if rec.Source.Component == controller.CronJobComponent {
			out = append(out, rec.Time.String()+" "+rec.Reason+" "+rec.Message)
		}
	}
	return out
}

func cronTemplate(cmd string) string {
	return fmt.Sprintf(`  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: report
            image: busybox:1.36
            command: ["sh", "-c", %q]
`, cmd)
}

// Reference: pkg/controller/cronjob/cronjob_controllerv2.go syncCronJob
// ("Created job <name>", the Job named <cronjob>-<scheduled minutes>,
// started 100ms after its time, nextScheduleDelta), cleanupFinishedJobs
// (successfulJobsHistoryLimit 3 by default, "Deleted job <name>"),
// SawCompletedJob.
func TestCronJobRunsOnScheduleAndKeepsHistory(t *testing.T) {
	r := startCronJob(t, "  schedule: \"*/2 * * * *\"\n"+cronTemplate("sleep 5"))
	r.c.RunFor(11 * time.Minute)
	ev := r.events()
	minute := sim.Epoch.Unix() / 60
	assert.Equal(t, fmt.Sprintf("00:02:00.1 SuccessfulCreate Created job report-%d", minute+2), ev[0])
	jobs := r.c.Jobs()
	var names []string
	for _, j := range jobs {
		names = append(names, j.Name)
		assert.Equal(t, "CronJob", j.OwnerReferences[0].Kind)
	}
	assert.Equal(t, []string{
		fmt.Sprintf("report-%d", minute+6), fmt.Sprintf("report-%d", minute+8), fmt.Sprintf("report-%d", minute+10),
	}, names, "the three most recent successful Jobs are kept")
	// The fourth success (at 8:06) makes one too many: the oldest goes.
	assert.Contains(t, ev, fmt.Sprintf("00:08:06 SuccessfulDelete Deleted job report-%d", minute+2))
	assert.Contains(t, strings.Join(ev, "\n"), fmt.Sprintf("SawCompletedJob Saw completed job: report-%d, condition: Complete", minute+2))
	cj := r.c.CronJobs()[0]
	assert.Equal(t, "2025-01-01T00:10:00Z", cj.Status.LastScheduleTime.UTC().Format(time.RFC3339))
	require.NotNil(t, cj.Status.LastSuccessfulTime)
	assert.Equal(t, "2025-01-01T00:10:00Z", jobs[2].Annotations[batchv1.CronJobScheduledTimestampAnnotation])
}

// Reference: syncCronJob: Forbid skips a time while a Job runs
// ("JobAlreadyActive"), Replace deletes the running Job ("Deleted job").
func TestCronJobConcurrencyPolicy(t *testing.T) {
	r := startCronJob(t, "  schedule: \"* * * * *\"\n  concurrencyPolicy: Forbid\n"+cronTemplate("sleep 90"))
	r.c.RunFor(4*time.Minute + 30*time.Second)
	ev := strings.Join(r.events(), "\n")
	assert.Contains(t, ev, "00:02:00.1 JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid")
	// The skipped 2:00 is still the most recent unmet time when the first
	// Job finishes at 2:31, and without startingDeadlineSeconds it is not
	// too late: it starts then, and 3:00 and 4:00 are skipped in turn.
	minute := sim.Epoch.Unix() / 60
	assert.Contains(t, ev, fmt.Sprintf("00:02:31 SuccessfulCreate Created job report-%d", minute+2))
	assert.Equal(t, 3, strings.Count(ev, "SuccessfulCreate"), "at 1:00, 2:31 and 4:01:\n%s", ev)

	r = startCronJob(t, "  schedule: \"* * * * *\"\n  concurrencyPolicy: Replace\n"+cronTemplate("sleep 90"))
	r.c.RunFor(2*time.Minute + 30*time.Second)
	assert.Contains(t, r.events(), fmt.Sprintf("00:02:00.1 SuccessfulDelete Deleted job report-%d", minute+1))
	assert.Len(t, r.c.Jobs(), 1, "the replaced Job is gone")
}

// Reference: utils.go mostRecentScheduleTime: after a gap only the most
// recent missed time is started; with startingDeadlineSeconds a time
// missed by more than the deadline is not started ("MissSchedule ...
// Missed scheduled time to start a job: <RFC1123Z>"); more than 100
// missed times give the TooManyMissedTimes warning.
func TestCronJobMissedSchedules(t *testing.T) {
	r := startCronJob(t, "  schedule: \"* * * * *\"\n  suspend: true\n"+cronTemplate("true"))
	r.c.RunFor(10*time.Minute + 30*time.Second)
	assert.Empty(t, r.c.Jobs(), "suspended")
	r.apply("  schedule: \"* * * * *\"\n  suspend: false\n" + cronTemplate("true"))
	r.c.RunFor(time.Second)
	minute := sim.Epoch.Unix() / 60
	require.Len(t, r.c.Jobs(), 1, "one Job for the most recent of the ten missed times")
	assert.Equal(t, fmt.Sprintf("report-%d", minute+10), r.c.Jobs()[0].Name)

	r = startCronJob(t, "  schedule: \"* * * * *\"\n  suspend: true\n  startingDeadlineSeconds: 10\n"+cronTemplate("true"))
	r.c.RunFor(10*time.Minute + 30*time.Second)
	r.apply("  schedule: \"* * * * *\"\n  suspend: false\n  startingDeadlineSeconds: 10\n" + cronTemplate("true"))
	r.c.RunFor(time.Second)
	assert.Empty(t, r.c.Jobs(), "10:00 was missed by 30s, more than the 10s deadline")
	r.c.RunFor(time.Minute)
	assert.Len(t, r.c.Jobs(), 1, "11:00 starts on time")

	r = startCronJob(t, "  schedule: \"* * * * *\"\n  suspend: true\n"+cronTemplate("true"))
	r.c.RunFor(2 * time.Hour)
	r.apply("  schedule: \"* * * * *\"\n  suspend: false\n" + cronTemplate("true"))
	r.c.RunFor(time.Second)
	assert.Contains(t, strings.Join(r.events(), "\n"), "TooManyMissedTimes too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew")
}

// Reference: ValidateCronJob (a schedule that parses, a known timeZone,
// no TZ= in the schedule).
func TestCronJobValidation(t *testing.T) {
	c, err := cluster.New(cluster.Config{})
	require.NoError(t, err)
	for spec, want := range map[string]string{
		"  schedule: \"60 * * * *\"\n":                       `spec.schedule: Invalid value: "60 * * * *": minute out of range (0-59): 60`,
		"  schedule: \"@daily\"\n  timeZone: Mars/Olympus\n": `spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus`,
		"  schedule: \"TZ=UTC 0 * * * *\"\n":                 `spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead`,
	} {
		docs, _, err := manifest.NewDecoder().Decode("cron.yaml", []byte("apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n"+spec+cronTemplate("true")))
		require.NoError(t, err)
		err = c.Apply(docs[0].Object)
		require.Error(t, err)
		assert.Contains(t, err.Error(), want)
	}
}
