package narrate

import (
	"strings"

	"github.com/nodenucleus/nucleus/sim"
)

// imageTeller returns the teller for a kubelet event about images
// (training manuals from the warehouse), or nil. BackOff and Failed are
// shared with containers; the teller tells them apart by Facts.Image.
func imageTeller(reason string) teller {
	switch reason {
	case "Pulling":
		return pulling
	case "Pulled":
		return pulled
	case "Failed":
		return failed
	case "BackOff":
		return backOff
	case "ErrImageNeverPull":
		return errImageNeverPull
	case "InspectFailed":
		return inspectFailed
	}
	return nil
}

func pulling(r sim.Record) string {
	return sentence(manager + " sends to " + warehouse + " for " + manual(r))
}

// pulled: Facts.Duration is how long the pull took; zero with a message
// saying the image is already present means there was no pull at all.
func pulled(r sim.Record) string {
	switch {
	case r.Facts.Duration > 0:
		return sentence(manager + " has " + manual(r) + ": fetched from " +
			warehouse + " in " + span(r.Facts.Duration))
	case strings.Contains(r.Message, "already present"):
		return sentence(manual(r) + " is already on the shelf")
	}
	return sentence(manager + " has " + manual(r) + ", fetched from " + warehouse)
}

// failed: with Facts.Image set, an image pull failed (Facts.To may carry the
// resulting waiting reason); otherwise some other step of starting the
// container failed and the message says which.
func failed(r sim.Record) string {
	if r.Facts.To == "CreateContainerConfigError" {
		return configFailed(r)
	}
	if r.Facts.Image == "" {
		return sentence(training + " could not get " + employeesJob(r) + " going" + detail(r))
	}
	switch r.Facts.To {
	case "RegistryUnavailable":
		return sentence(manager + " cannot reach " + warehouse + " for " + manual(r))
	case "InvalidImageName":
		return sentence(manual(r) + " has a name " + warehouse + " cannot read")
	}
	return sentence(warehouse + " has no such manual: " + manual(r) + " could not be fetched")
}

// backOff: with Facts.Image set, the kubelet waits before pulling again;
// otherwise a container keeps exiting and the kubelet waits before
// restarting it (CrashLoopBackOff). Facts.Duration is the wait, if known.
func backOff(r sim.Record) string {
	wait := ""
	if r.Facts.Duration > 0 {
		wait = " " + span(r.Facts.Duration)
	}
	if r.Facts.Image != "" {
		return sentence(manager + " will wait" + wait + " before sending to " +
			warehouse + " again for " + manual(r))
	}
	return sentence(employee(r) + " keeps walking out of " + job(r) +
		"; the manager will wait" + wait + " before calling them back")
}

// errImageNeverPull: imagePullPolicy Never and the image is absent.
func errImageNeverPull(r sim.Record) string {
	return sentence(manual(r) + " is not on the shelf, and the work order says never to send to " +
		warehouse + " for it")
}

// inspectFailed: the kubelet could not check the image (an invalid name,
// or the runtime could not inspect it).
func inspectFailed(r sim.Record) string {
	return sentence(manager + " cannot check the shelf for " + manual(r) + detail(r))
}
