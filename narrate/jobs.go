package narrate

import "github.com/nodenucleus/nucleus/sim"

// tempAgency is the Job controller's word: it sends temporary workers
// (pods) until a contract (a Job) is done.
const tempAgency = "head office's temp agency"

// jobTeller returns the teller for what the Job and TTL-after-finished
// controllers record, or nil. SuccessfulCreate and SuccessfulDelete are
// shared with the staffing plan, which tells them for ReplicaSets.
func jobTeller(reason string) teller {
	switch reason {
	case "Completed":
		return jobCompleted
	case "BackoffLimitExceeded":
		return jobBackoffLimitExceeded
	case "DeadlineExceeded":
		return jobDeadlineExceeded
	case "PodFailurePolicy":
		return jobPodFailurePolicy
	case "Suspended":
		return jobSuspended
	case "Resumed":
		return jobResumed
	case "TTLExpired":
		return jobTTLExpired
	}
	return nil
}

// contract names a Job as the temp agency's contract: "contract backup".
func contract(r sim.Record) string { return "contract " + r.Object.Name }

// tempWorkers returns "no temp workers", "1 temp worker" or "n temp
// workers".
func tempWorkers(n int32) string {
	switch n {
	case 0:
		return "no temp workers"
	case 1:
		return "1 temp worker"
	}
	return itoa32(n) + " temp workers"
}

// jobCreate: Facts.To is the pod the Job created.
func jobCreate(r sim.Record) string {
	return sentence(tempAgency + " sends temp worker " + orSomeone(r.Facts.To) + " for " + contract(r))
}

// jobDelete: Facts.To is the pod the Job let go.
func jobDelete(r sim.Record) string {
	return sentence(tempAgency + " calls temp worker " + orSomeone(r.Facts.To) + " back from " + contract(r))
}

// jobCompleted: Facts.Count is how many pods succeeded.
func jobCompleted(r sim.Record) string {
	return sentence(contract(r) + " is done: " + tempWorkers(r.Facts.Count) + " finished the work")
}

// jobBackoffLimitExceeded: Facts.Count is how many pods failed.
func jobBackoffLimitExceeded(r sim.Record) string {
	return sentence(tempAgency + " gives up on " + contract(r) + ": " + tempWorkers(r.Facts.Count) + " failed, more than the contract allows")
}

func jobDeadlineExceeded(r sim.Record) string {
	return sentence(contract(r) + " ran out of time, and " + tempAgency + " gives up on it")
}

func jobPodFailurePolicy(r sim.Record) string {
	return sentence(tempAgency + " ends " + contract(r) + ": a temp worker failed in a way the contract says is final" + detail(r))
}

func jobSuspended(r sim.Record) string {
	return sentence(contract(r) + " is on hold: " + tempAgency + " sends nobody and calls its temp workers back")
}

func jobResumed(r sim.Record) string {
	return sentence(contract(r) + " is back on: " + tempAgency + " starts sending temp workers again")
}

// jobTTLExpired: Facts.Duration is ttlSecondsAfterFinished.
func jobTTLExpired(r sim.Record) string {
	return sentence(headOffice + " shreds the paperwork of " + contract(r) + ", " + span(r.Facts.Duration) + " after it ended, and its temp workers' records with it")
}
