package scenario

import (
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// verbs returns the names of the verbs the action sets, in schema order.
func (a Action) verbs() []string {
	var out []string
	add := func(set bool, name string) {
		if set {
			out = append(out, name)
		}
	}
	add(a.Apply != nil, "apply")
	add(a.ApplyFile != "", "applyFile")
	add(a.Update != nil, "update")
	add(a.Resize != nil, "resize")
	add(a.Delete != nil, "delete")
	add(a.Bind != nil, "bind")
	add(a.Scale != nil, "scale")
	add(a.KillContainer != nil, "killContainer")
	add(a.UseMemory != nil, "useMemory")
	add(a.Store != nil, "store")
	add(a.Customers != nil, "customers")
	add(a.Evict != nil, "evict")
	add(a.Drain != nil, "drain")
	return out
}

// allVerbs is every verb an action may name.
const allVerbs = "apply, applyFile, update, resize, delete, bind, scale, killContainer, useMemory, store, customers, evict, drain"

// validate checks one action: its instant, exactly one verb, and the
// verb's own fields.
func (a Action) validate(p *field.Path, duration Duration) field.ErrorList {
	errs := validateAt(p.Child("at"), a.At, duration)
	switch v := a.verbs(); len(v) {
	case 0:
		return append(errs, field.Required(p, "an action needs one verb: one of "+allVerbs))
	case 1:
	default:
		return append(errs, field.Forbidden(p, "an action has exactly one verb, this one has "+strings.Join(v, " and ")))
	}
	switch {
	case a.Delete != nil:
		errs = append(errs, a.Delete.validate(p.Child("delete"))...)
	case a.Bind != nil:
		errs = append(errs, required(p.Child("bind", "pod"), a.Bind.Pod)...)
		errs = append(errs, required(p.Child("bind", "store"), a.Bind.Store)...)
	case a.Scale != nil:
		switch n := a.Scale.names(); {
		case n == 2 && a.Scale.Deployment != "" && a.Scale.StatefulSet != "":
			errs = append(errs, field.Forbidden(p.Child("scale", "statefulSet"), "may not be set with deployment: scale one or the other"))
		case n > 1:
			errs = append(errs, field.Forbidden(p.Child("scale", "replicationController"), "may not be set with deployment or statefulSet: scale one of them"))
		case n == 0:
			errs = append(errs, required(p.Child("scale", "deployment"), a.Scale.Deployment)...)
		}
		if a.Scale.Replicas < 0 {
			errs = append(errs, field.Invalid(p.Child("scale", "replicas"), a.Scale.Replicas, "must be greater than or equal to 0"))
		}
	case a.KillContainer != nil:
		k := a.KillContainer
		errs = append(errs, required(p.Child("killContainer", "pod"), k.Pod)...)
		errs = append(errs, required(p.Child("killContainer", "container"), k.Container)...)
		if k.ExitCode != nil && (*k.ExitCode < 0 || *k.ExitCode > 255) {
			errs = append(errs, field.Invalid(p.Child("killContainer", "exitCode"), *k.ExitCode, "must be between 0 and 255, inclusive"))
		}
	case a.UseMemory != nil:
		u := a.UseMemory
		errs = append(errs, required(p.Child("useMemory", "pod"), u.Pod)...)
		errs = append(errs, required(p.Child("useMemory", "container"), u.Container)...)
		if u.Bytes.Sign() < 0 {
			errs = append(errs, field.Invalid(p.Child("useMemory", "bytes"), u.Bytes.String(), "must be greater than or equal to 0"))
		}
	case a.Store != nil:
		errs = append(errs, required(p.Child("store", "name"), a.Store.Name)...)
		faults := []string{PowerOff, PowerOn, CutOff, Reconnect, Cordon, Uncordon, Open}
		if !contains(faults, a.Store.Fault) {
			errs = append(errs, field.NotSupported(p.Child("store", "fault"), a.Store.Fault, faults))
		}
	case a.Customers != nil:
		errs = append(errs, a.Customers.validate(p.Child("customers"))...)
	case a.Evict != nil:
		errs = append(errs, required(p.Child("evict", "pod"), a.Evict.Pod)...)
		errs = append(errs, nonNegative(p.Child("evict", "gracePeriodSeconds"), a.Evict.GracePeriodSeconds)...)
	case a.Drain != nil:
		errs = append(errs, required(p.Child("drain", "store"), a.Drain.Store)...)
		errs = append(errs, nonNegative(p.Child("drain", "gracePeriodSeconds"), a.Drain.GracePeriodSeconds)...)
		if a.Drain.Timeout < 0 || a.Drain.Timeout.D() > maxDuration {
			errs = append(errs, field.Invalid(p.Child("drain", "timeout"), a.Drain.Timeout.String(), "must be between 0 and 24h"))
		}
	}
	return errs
}

// nonNegative refuses a count below 0.
func nonNegative(p *field.Path, v *int64) field.ErrorList {
	if v != nil && *v < 0 {
		return field.ErrorList{field.Invalid(p, *v, "must be greater than or equal to 0")}
	}
	return nil
}

func (d *DeleteAction) validate(p *field.Path) field.ErrorList {
	var errs field.ErrorList
	kinds := []string{"Pod", "Service", "Deployment", "ReplicaSet", "Job", "CronJob", "StatefulSet", "DaemonSet", "ReplicationController", "PersistentVolumeClaim", "PodDisruptionBudget", "HorizontalPodAutoscaler", "Namespace",
		"ConfigMap", "Secret", "Endpoints", "EndpointSlice", "PersistentVolume", "StorageClass"}
	if !contains(kinds, d.Kind) {
		errs = append(errs, field.NotSupported(p.Child("kind"), d.Kind, kinds))
	}
	errs = append(errs, required(p.Child("name"), d.Name)...)
	return append(errs, nonNegative(p.Child("gracePeriodSeconds"), d.GracePeriodSeconds)...)
}

func (c *CustomersAction) validate(p *field.Path) field.ErrorList {
	errs := required(p.Child("service"), c.Service)
	errs = append(errs, validRate(p.Child("rate"), c.Rate)...)
	if c.For <= 0 || c.For.D() > maxDuration {
		errs = append(errs, field.Invalid(p.Child("for"), c.For.String(), "must be greater than 0 and at most 24h"))
	}
	if c.Clients < 0 || c.Clients > 250 {
		errs = append(errs, field.Invalid(p.Child("clients"), c.Clients, "must be between 1 and 250"))
	}
	if c.Port != 0 {
		for _, msg := range validation.IsValidPortNum(int(c.Port)) {
			errs = append(errs, field.Invalid(p.Child("port"), c.Port, msg))
		}
	}
	return errs
}

// validate checks one expectation: its instant, exactly one subject, and
// at least one thing to check.
func (e Expectation) validate(p *field.Path, duration Duration) field.ErrorList {
	errs := append(validateAt(p.Child("at"), e.At, duration), e.validateSpecSubject(p)...)
	subjects := 0
	for _, set := range []bool{e.Pod != "", e.Customers != nil, e.Store != nil, e.Job != nil, e.Deployment != nil, e.Budget != nil, e.Autoscaler != nil, e.DaemonSet != nil, e.ReplicationController != nil, e.StatefulSet != nil, e.CronJob != nil} {
		if set {
			subjects++
		}
	}
	switch {
	case subjects == 0:
		return append(errs, field.Required(p, "an expectation is about one pod, customers, store, job, deployment, budget, autoscaler, daemonSet, replicationController, statefulSet or cronJob"))
	case subjects > 1:
		return append(errs, field.Forbidden(p, "an expectation is about exactly one of pod, customers, store, job, deployment, budget, autoscaler, daemonSet, replicationController, statefulSet and cronJob"))
	case e.Job != nil:
		return append(errs, e.Job.validate(p.Child("job"))...)
	case e.Deployment != nil:
		return append(errs, e.Deployment.validate(p.Child("deployment"))...)
	case e.Budget != nil:
		return append(errs, e.Budget.validate(p.Child("budget"))...)
	case e.Autoscaler != nil:
		return append(errs, e.Autoscaler.validate(p.Child("autoscaler"))...)
	case e.DaemonSet != nil:
		return append(errs, e.DaemonSet.validate(p.Child("daemonSet"))...)
	case e.StatefulSet != nil:
		return append(errs, e.StatefulSet.validate(p.Child("statefulSet"))...)
	case e.CronJob != nil:
		return append(errs, e.CronJob.validate(p.Child("cronJob"))...)
	case e.ReplicationController != nil:
		return append(errs, e.ReplicationController.validate(p.Child("replicationController"))...)
	case e.Pod != "":
		return append(errs, e.validatePod(p)...)
	case e.Customers != nil:
		return append(errs, e.Customers.validate(p.Child("customers"))...)
	}
	return append(errs, e.Store.validate(p.Child("store"))...)
}

// validatePod checks the pod fields of an expectation.
func (e Expectation) validatePod(p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if e.Phase == "" && e.Ready == nil && e.Restarts == nil && e.Status == "" && e.Image == "" && e.Liveness == "" && e.MemoryLimit == nil && e.Event == "" {
		errs = append(errs, field.Required(p, "a pod expectation checks phase, ready, restarts, status, image, liveness, memoryLimit or event"))
	}
	errs = append(errs, e.validateSpecChecks(p)...)
	phases := []string{string(corev1.PodPending), string(corev1.PodRunning), string(corev1.PodSucceeded), string(corev1.PodFailed), string(corev1.PodUnknown)}
	if e.Phase != "" && !contains(phases, e.Phase) {
		errs = append(errs, field.NotSupported(p.Child("phase"), e.Phase, phases))
	}
	return append(errs, validRange(p.Child("restarts"), e.Restarts)...)
}

func (c *CustomersExpect) validate(p *field.Path) field.ErrorList {
	errs := required(p.Child("service"), c.Service)
	if c.Served == nil && c.Failed == nil && c.Refused == nil && c.Dropped == nil {
		errs = append(errs, field.Required(p, "served, failed, refused or dropped"))
	}
	for _, r := range []struct {
		name string
		r    *Range
	}{{"served", c.Served}, {"failed", c.Failed}, {"refused", c.Refused}, {"dropped", c.Dropped}} {
		errs = append(errs, validRange(p.Child(r.name), r.r)...)
	}
	return errs
}

func (j *JobExpect) validate(p *field.Path) field.ErrorList {
	errs := required(p.Child("name"), j.Name)
	if j.Status == "" && j.Succeeded == nil && j.Failed == nil {
		errs = append(errs, field.Required(p, "a job expectation checks status, succeeded or failed"))
	}
	statuses := []string{"Running", "Complete", "Failed", "Suspended", "FailureTarget", "SuccessCriteriaMet", "Terminating"}
	if j.Status != "" && !contains(statuses, j.Status) {
		errs = append(errs, field.NotSupported(p.Child("status"), j.Status, statuses))
	}
	errs = append(errs, validRange(p.Child("succeeded"), j.Succeeded)...)
	return append(errs, validRange(p.Child("failed"), j.Failed)...)
}

func (d *DeploymentExpect) validate(p *field.Path) field.ErrorList {
	return validateReplicasReady(p, "a deployment", d.Name, d.Replicas, d.Ready)
}

// validateReplicasReady checks an expectation of what an object asks for
// and how many are ready: it names the object and checks one of the two.
func validateReplicasReady(p *field.Path, what, name string, replicas, ready *Range) field.ErrorList {
	errs := required(p.Child("name"), name)
	if replicas == nil && ready == nil {
		errs = append(errs, field.Required(p, what+" expectation checks replicas or ready"))
	}
	errs = append(errs, validRange(p.Child("replicas"), replicas)...)
	return append(errs, validRange(p.Child("ready"), ready)...)
}

func (b *BudgetExpect) validate(p *field.Path) field.ErrorList {
	errs := required(p.Child("name"), b.Name)
	if b.DisruptionsAllowed == nil && b.CurrentHealthy == nil {
		errs = append(errs, field.Required(p, "a budget expectation checks disruptionsAllowed or currentHealthy"))
	}
	errs = append(errs, validRange(p.Child("disruptionsAllowed"), b.DisruptionsAllowed)...)
	return append(errs, validRange(p.Child("currentHealthy"), b.CurrentHealthy)...)
}

func (s *StoreExpect) validate(p *field.Path) field.ErrorList {
	errs := required(p.Child("name"), s.Name)
	conds := []string{string(corev1.NodeReady), string(corev1.NodeMemoryPressure), string(corev1.NodeDiskPressure), string(corev1.NodePIDPressure), string(corev1.NodeNetworkUnavailable)}
	if !contains(conds, s.Condition) {
		errs = append(errs, field.NotSupported(p.Child("condition"), s.Condition, conds))
	}
	statuses := []string{string(corev1.ConditionTrue), string(corev1.ConditionFalse), string(corev1.ConditionUnknown)}
	if !contains(statuses, s.Status) {
		errs = append(errs, field.NotSupported(p.Child("status"), s.Status, statuses))
	}
	return errs
}

// required returns a Required error when value is empty.
func required(p *field.Path, value string) field.ErrorList {
	if value == "" {
		return field.ErrorList{field.Required(p, "")}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
