package narrate

import "github.com/nodenucleus/nucleus/sim"

// storeroom is the storage controllers' word: head office's storeroom
// hands out lockers (PersistentVolumes) against locker requests
// (PersistentVolumeClaims), and the local-path provisioner builds a new
// locker when none fits.
const storeroom = "head office's storeroom"

// storageTeller returns the teller for what the volume controller and the
// provisioner record, or nil.
func storageTeller(reason string) teller {
	switch reason {
	case "WaitForFirstConsumer":
		return func(r sim.Record) string {
			return sentence(lockerRequest(r) + " waits: " + storeroom + " builds the locker only once an employee who needs it has a store")
		}
	case "ExternalProvisioning":
		return func(r sim.Record) string {
			return sentence(storeroom + " asks its locker builder for a locker for " + lockerRequest(r))
		}
	case "Provisioning":
		return func(r sim.Record) string {
			return sentence("The locker builder starts on a locker for " + lockerRequest(r))
		}
	case "ProvisioningSucceeded":
		return func(r sim.Record) string {
			return sentence("The locker builder has built locker " + orSomeone(r.Facts.To) + " for " + lockerRequest(r))
		}
	case "ProvisioningFailed", "FailedBinding":
		return func(r sim.Record) string {
			return sentence(storeroom + " has no locker for " + lockerRequest(r) + detail(r))
		}
	case "VolumeDelete":
		return func(r sim.Record) string {
			return sentence(storeroom + " empties and removes locker " + r.Object.Name + ": its request " + orSomeone(r.Facts.To) + " is gone")
		}
	}
	return nil
}

// lockerRequest names a claim: "locker request data".
func lockerRequest(r sim.Record) string { return "locker request " + r.Object.Name }
