package narrate

import (
	"testing"
	"time"

	"github.com/nodenucleus/nucleus/sim"
)

// The temp agency's sentences for the Job controller's Events.
// And the shift roster's, for the CronJob controller's.
// Reference: pkg/controller/job/job_controller.go (the Completed,
// BackoffLimitExceeded, DeadlineExceeded, Suspended and Resumed Events;
// SuccessfulCreate "Created pod: <name>" from controller_utils.go);
// pkg/controller/cronjob/cronjob_controllerv2.go (SawCompletedJob,
// MissSchedule, "Created job <name>").
func TestJobStories(t *testing.T) {
	job := sim.ObjectRef{Kind: "Job", Namespace: "default", Name: "backup"}
	roster := sim.ObjectRef{Kind: "CronJob", Namespace: "default", Name: "report"}
	for _, tc := range []struct {
		r    sim.Record
		want string
	}{
		{sim.Record{Reason: "SuccessfulCreate", Object: job, Facts: sim.Facts{To: "backup-x2k9p"}}, "Head office's temp agency sends temp worker backup-x2k9p for contract backup."},
		{sim.Record{Reason: "SuccessfulCreate", Object: sim.ObjectRef{Kind: "ReplicaSet", Name: "web-1"}, Facts: sim.Facts{To: "web-1-abcde"}}, "Head office's staffing plan hires web-1-abcde for team web-1."},
		{sim.Record{Reason: "SuccessfulDelete", Object: job, Facts: sim.Facts{To: "backup-x2k9p"}}, "Head office's temp agency calls temp worker backup-x2k9p back from contract backup."},
		{sim.Record{Reason: "Completed", Object: job, Facts: sim.Facts{Count: 3}}, "Contract backup is done: 3 temp workers finished the work."},
		{sim.Record{Reason: "BackoffLimitExceeded", Object: job, Facts: sim.Facts{Count: 4}}, "Head office's temp agency gives up on contract backup: 4 temp workers failed, more than the contract allows."},
		{sim.Record{Reason: "DeadlineExceeded", Object: job}, "Contract backup ran out of time, and head office's temp agency gives up on it."},
		{sim.Record{Reason: "Suspended", Object: job}, "Contract backup is on hold: head office's temp agency sends nobody and calls its temp workers back."},
		{sim.Record{Reason: "TTLExpired", Object: job, Facts: sim.Facts{Duration: 100 * time.Second}}, "Head office shreds the paperwork of contract backup, 1m40s after it ended, and its temp workers' records with it."},
		{sim.Record{Reason: "SuccessfulCreate", Object: roster, Facts: sim.Facts{To: "report-28928170"}}, "Head office's shift roster says it is time for the report shift: it signs contract report-28928170 with the temp agency."},
		{sim.Record{Reason: "SawCompletedJob", Object: roster, Facts: sim.Facts{To: "report-28928170", From: "Complete"}}, "Head office's shift roster notes that contract report-28928170 of the report shift finished."},
		{sim.Record{Reason: "MissSchedule", Object: roster, Message: "Missed scheduled time to start a job: Wed, 01 Jan 2025 00:10:00 +0000"}, "The report shift was missed by more than its starting deadline; head office's shift roster lets it go and waits for the next one: Missed scheduled time to start a job: Wed, 01 Jan 2025 00:10:00 +0000."},
	} {
		if got := Story(tc.r); got != tc.want {
			t.Errorf("Story(%s) =\n  %s\nwant\n  %s", tc.r.Reason, got, tc.want)
		}
	}
}
