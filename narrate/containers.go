package narrate

import "github.com/nodenucleus/nucleus/sim"

// containerTeller returns the teller for a kubelet event about a pod's
// containers (the employee's jobs), or nil.
func containerTeller(reason string) teller {
	switch reason {
	case "Created":
		return created
	case "Started":
		return started
	case "Killing":
		return killing
	case "Unhealthy":
		return unhealthy
	case "ProbeWarning":
		return probeWarning
	case "Evicted":
		return evicted
	case "Preempting":
		return preempting
	case "OOMKilling":
		return oomKilling
	case "SandboxChanged":
		return sandboxChanged
	case "FailedCreatePodSandBox":
		return failedCreatePodSandBox
	case "FailedPreStopHook":
		return failedPreStopHook
	case "FailedPostStartHook":
		return failedPostStartHook
	case "FailedMount":
		return failedMount
	}
	return nil
}

func created(r sim.Record) string {
	return sentence(training + " prepares " + job(r) + " for " + employee(r))
}

func started(r sim.Record) string {
	return sentence(employee(r) + " starts " + job(r))
}

// killing: Facts.Duration is the grace period the container is given.
func killing(r sim.Record) string {
	s := manager + " asks " + employee(r) + " to stop " + job(r)
	if r.Facts.From == "Resize" {
		s += ", to rehire them on the new desk budget as the job's resize policy says,"
	}
	if r.Facts.Duration > 0 {
		s += " and gives them " + span(r.Facts.Duration) + " to finish"
	}
	return sentence(s)
}

// probeName returns the storefront name of a probe, from Facts.From
// (Liveness, Readiness or Startup).
func probeName(kind string) string {
	switch kind {
	case "Liveness":
		return "the manager's " + livenessQ + " check"
	case "Readiness":
		return "the " + readinessQ + " check"
	case "Startup":
		return "the new-hire check"
	}
	return "a check"
}

// unhealthy: a probe failed; Facts.From says which probe.
func unhealthy(r sim.Record) string {
	switch r.Facts.From {
	case "Liveness":
		return sentence(employee(r) + " did not answer " + probeName("Liveness") + " for " + job(r))
	case "Readiness":
		return sentence(employee(r) + " is not ready to serve customers: " + job(r) +
			" did not pass " + probeName("Readiness"))
	case "Startup":
		return sentence(employee(r) + " is still settling in: " + job(r) +
			" did not pass " + probeName("Startup") + " yet")
	}
	return sentence(employeesJob(r) + " did not pass " + probeName(r.Facts.From))
}

// probeWarning: a probe passed, but with a warning (for example a redirect).
func probeWarning(r sim.Record) string {
	return sentence(employeesJob(r) + " passed " + probeName(r.Facts.From) +
		", with a warning noted in " + logbook)
}

// evicted: the kubelet evicted the pod under node pressure; Facts.From names
// the resource that ran short ("memory"), if known.
func evicted(r sim.Record) string {
	short := "overcrowded"
	if r.Facts.From != "" {
		short = "short of " + r.Facts.From
	}
	return sentence("the store is " + short + ", so " + manager + " sends " + employee(r) + " home")
}

// preempting: the kubelet evicts a pod to admit a critical one.
func preempting(r sim.Record) string {
	return sentence(manager + " sends " + employee(r) + " home to make room for a more important employee")
}

// oomKilling: the kernel's out-of-memory killer stopped a process.
func oomKilling(r sim.Record) string {
	if r.Object.Kind == "Node" || r.Facts.Container == "" {
		return sentence(store(r) + " ran out of memory, and a job was stopped")
	}
	return sentence(employeesJob(r) + " used more memory than it may, and " + training + " stopped it")
}

// sandboxChanged: the pod sandbox (the employee's desk and phone) is gone and
// will be made again, with every container restarted.
func sandboxChanged(r sim.Record) string {
	return sentence(employee(r) + "'s desk and phone are gone; " + manager +
		" sets up new ones and starts " + employee(r) + "'s jobs again")
}

func failedCreatePodSandBox(r sim.Record) string {
	return sentence(training + " could not set up a desk and phone for " + employee(r) + detail(r))
}

// failedPreStopHook: the preStop hook failed; termination goes on.
func failedPreStopHook(r sim.Record) string {
	return sentence(employee(r) + "'s wrap-up task for " + job(r) + " failed; " +
		manager + " lets them go anyway")
}

// failedPostStartHook: the postStart hook failed; the kubelet kills the
// container.
func failedPostStartHook(r sim.Record) string {
	return sentence(employee(r) + "'s first task in " + job(r) + " failed, so " +
		manager + " stops the job")
}
