package narrate

import (
	"strings"

	"github.com/nodenucleus/nucleus/sim"
)

// Where a pod's configuration is kept, in the storefront voice.
const (
	noticeBoard  = "the notice board"  // ConfigMaps
	lockedDrawer = "the locked drawer" // Secrets
)

// configFailed tells a container that could not be configured
// (CreateContainerConfigError): the note it is to read is not on the
// notice board (a ConfigMap) or in the locked drawer (a Secret).
func configFailed(r sim.Record) string {
	place := "on " + noticeBoard
	if m := strings.ToLower(r.Message); strings.Contains(m, "secret") {
		place = "in " + lockedDrawer
	}
	return sentence(manager + " cannot find what " + employeesJob(r) + " is to read " + place + detail(r))
}

// failedMount tells a volume the kubelet could not set up (FailedMount):
// the employee cannot start until their lockers and the copies of the
// notices they need are ready.
func failedMount(r sim.Record) string {
	return sentence(manager + " cannot get " + employee(r) + "'s lockers ready, so no job starts yet" + detail(r))
}
