package narrate

import "github.com/nodenucleus/nucleus/sim"

// shiftRoster is the CronJob controller's word: at each time on the
// roster it signs a new contract with the temp agency.
const shiftRoster = "head office's shift roster"

// cronJobTeller returns the teller for what the CronJob controller
// records, or nil. SuccessfulCreate and SuccessfulDelete are shared with
// the staffing plan and the temp agency.
func cronJobTeller(reason string) teller {
	switch reason {
	case "SawCompletedJob":
		return sawCompletedJob
	case "MissSchedule":
		return missSchedule
	case "TooManyMissedTimes":
		return tooManyMissedTimes
	case "JobAlreadyActive":
		return jobAlreadyActive
	}
	return nil
}

// roster names a CronJob as a line of the shift roster: "the report shift".
func roster(r sim.Record) string { return "the " + r.Object.Name + " shift" }

// cronJobCreate: Facts.To is the new Job.
func cronJobCreate(r sim.Record) string {
	return sentence(shiftRoster + " says it is time for " + roster(r) + ": it signs contract " + orSomeone(r.Facts.To) + " with the temp agency")
}

// cronJobDelete: Facts.To is the Job deleted (an old one beyond the
// history limits, or a running one that Replace calls off).
func cronJobDelete(r sim.Record) string {
	return sentence(shiftRoster + " clears contract " + orSomeone(r.Facts.To) + " of " + roster(r) + " off the books")
}

// sawCompletedJob: Facts.To is the Job, Facts.From its final condition.
func sawCompletedJob(r sim.Record) string {
	how := "finished"
	if r.Facts.From == "Failed" {
		how = "ended in failure"
	}
	return sentence(shiftRoster + " notes that contract " + orSomeone(r.Facts.To) + " of " + roster(r) + " " + how)
}

func missSchedule(r sim.Record) string {
	return sentence(roster(r) + " was missed by more than its starting deadline; " + shiftRoster + " lets it go and waits for the next one" + detail(r))
}

func tooManyMissedTimes(r sim.Record) string {
	return sentence(shiftRoster + " finds more than a hundred missed times for " + roster(r) + " and starts only the latest")
}

func jobAlreadyActive(r sim.Record) string {
	return sentence(roster(r) + " is due, but the last shift is still working and the roster forbids overlap: nobody new is sent")
}
