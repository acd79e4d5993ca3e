package scenario

import (
	"fmt"
	"strconv"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/pod"
)

// expect checks expectation i against the chain as it stands now, and
// returns one Outcome per field it checks.
func (s *Scenario) expect(r *Result, i int) []Outcome {
	e := s.Spec.Expect[i]
	path := fmt.Sprintf("spec.expect[%d]", i)
	var out []Outcome
	add := func(field, description, saw string, passed bool) {
		out = append(out, Outcome{Index: i, At: r.Cluster.Now(), Description: description,
			Passed: passed, Saw: saw, Line: s.line(joinPath(path, field)), Hint: e.Hint})
	}
	switch {
	case e.Pod != "":
		expectPod(r, e, add)
	case e.Customers != nil:
		expectCustomers(r, e.Customers, add)
	case e.Job != nil:
		expectJob(r.Cluster, e.Job, add)
	case e.Deployment != nil:
		expectDeployment(r.Cluster, e.Deployment, add)
	case e.Budget != nil:
		expectBudget(r.Cluster, e.Budget, add)
	case e.Autoscaler != nil:
		expectAutoscaler(r.Cluster, e.Autoscaler, add)
	case e.DaemonSet != nil:
		expectDaemonSet(r.Cluster, e.DaemonSet, add)
	case e.ReplicationController != nil:
		expectReplicationController(r.Cluster, e.ReplicationController, add)
	case e.StatefulSet != nil:
		expectStatefulSet(r.Cluster, e.StatefulSet, add)
	case e.CronJob != nil:
		expectCronJob(r.Cluster, e.CronJob, add)
	default:
		expectStore(r.Cluster, e.Store, add)
	}
	return out
}

// checker records one checked field: its path under the expectation,
// what was expected, what was seen and whether they agree.
type checker func(field, description, saw string, passed bool)

// expectPod checks a pod's phase, readiness, restarts and STATUS column.
func expectPod(r *Result, e Expectation, add checker) {
	c := r.Cluster
	name := "pod " + e.Pod
	if e.Namespace != "" && e.Namespace != corev1.NamespaceDefault {
		name = "pod " + e.Namespace + "/" + e.Pod
	}
	p, err := c.Pod(namespace(e.Namespace), e.Pod)
	if err != nil {
		p = nil
	}
	seen := func(f func(*corev1.Pod) string) string {
		if p == nil {
			return "no such pod"
		}
		return f(p)
	}
	if e.Phase != "" {
		saw := seen(func(p *corev1.Pod) string { return string(p.Status.Phase) })
		add("phase", name+" phase is "+e.Phase, saw, saw == e.Phase)
	}
	if e.Ready != nil {
		want := readyWord(*e.Ready)
		saw := seen(func(p *corev1.Pod) string { return readyWord(podReady(p)) })
		add("ready", name+" is "+want, saw, saw == want)
	}
	if e.Restarts != nil {
		saw := seen(func(p *corev1.Pod) string { return strconv.Itoa(restarts(c, p)) })
		n, err := strconv.ParseInt(saw, 10, 64)
		add("restarts", name+" restarts "+e.Restarts.String(), saw, err == nil && e.Restarts.Contains(n))
	}
	if e.Status != "" {
		saw := seen(func(p *corev1.Pod) string { return pod.PrintRow(p, c.Now().Wall()).Status })
		add("status", name+" status is "+e.Status, saw, saw == e.Status)
	}
	expectPodSpec(r, p, name, e, add)
}

func readyWord(ready bool) string {
	if ready {
		return "ready"
	}
	return "not ready"
}

// podReady reports whether the pod's Ready condition is True.
func podReady(p *corev1.Pod) bool {
	for _, cond := range p.Status.Conditions {
		if cond.Type == corev1.PodReady {
			return cond.Status == corev1.ConditionTrue
		}
	}
	return false
}

// restarts returns the RESTARTS column of `kubectl get pods`, without the
// "(10s ago)".
func restarts(c *cluster.Cluster, p *corev1.Pod) int {
	cell := pod.PrintRow(p, c.Now().Wall()).Restarts
	n, _ := strconv.Atoi(strings.Fields(cell + " ")[0])
	return n
}

// expectCustomers checks the customers sent so far to a Service.
func expectCustomers(r *Result, e *CustomersExpect, add checker) {
	ns := namespace(e.Namespace)
	var tally cluster.Tally
	for _, t := range r.Traffic {
		if t.Spec.Service == e.Service && t.Spec.Namespace == ns {
			tally.Served += t.Tally.Served
			tally.Failed += t.Tally.Failed
			tally.Refused += t.Tally.Refused
			tally.Dropped += t.Tally.Dropped
		}
	}
	for _, f := range []struct {
		name  string
		r     *Range
		count int
	}{{"served", e.Served, tally.Served}, {"failed", e.Failed, tally.Failed}, {"refused", e.Refused, tally.Refused}, {"dropped", e.Dropped, tally.Dropped}} {
		if f.r == nil {
			continue
		}
		desc := fmt.Sprintf("service %s customers %s %s", e.Service, f.name, f.r)
		add("customers."+f.name, desc, strconv.Itoa(f.count), f.r.Contains(int64(f.count)))
	}
}

// expectJob checks a Job's STATUS column and its pod counts.
func expectJob(c *cluster.Cluster, e *JobExpect, add checker) {
	name := "job " + e.Name
	j, err := c.API().Jobs.Get(namespace(e.Namespace), e.Name)
	if e.Status != "" {
		saw := "no such job"
		if err == nil {
			saw = kubectl.JobStatus(j)
		}
		add("job.status", name+" status is "+e.Status, saw, saw == e.Status)
	}
	expectCounts(add, "job", name, "no such job", err, []countCheck{
		{"succeeded", e.Succeeded, func() int32 { return j.Status.Succeeded }},
		{"failed", e.Failed, func() int32 { return j.Status.Failed }},
	})
}

// countCheck is one count of an object an expectation bounds: its field
// name, the bounds, and how to read it.
type countCheck struct {
	name string
	r    *Range
	n    func() int32
}

// expectCounts checks each bounded count of the object named subject
// (err: it could not be read, which fails every check with missing).
func expectCounts(add checker, field, subject, missing string, err error, checks []countCheck) {
	for _, f := range checks {
		if f.r == nil {
			continue
		}
		desc := fmt.Sprintf("%s %s %s", subject, f.name, f.r)
		if err != nil {
			add(field+"."+f.name, desc, missing, false)
			continue
		}
		n := f.n()
		add(field+"."+f.name, desc, strconv.Itoa(int(n)), f.r.Contains(int64(n)))
	}
}

// expectBudget checks a PodDisruptionBudget's disruptionsAllowed and
// currentHealthy.
func expectBudget(c *cluster.Cluster, e *BudgetExpect, add checker) {
	b, err := c.API().PodDisruptionBudgets.Get(namespace(e.Namespace), e.Name)
	expectCounts(add, "budget", "poddisruptionbudget "+e.Name, "no such poddisruptionbudget", err, []countCheck{
		{"disruptionsAllowed", e.DisruptionsAllowed, func() int32 { return b.Status.DisruptionsAllowed }},
		{"currentHealthy", e.CurrentHealthy, func() int32 { return b.Status.CurrentHealthy }},
	})
}

// expectDeployment checks how many pods a Deployment asks for and how
// many of them are ready.
func expectDeployment(c *cluster.Cluster, e *DeploymentExpect, add checker) {
	d, err := c.API().Deployments.Get(namespace(e.Namespace), e.Name)
	expectCounts(add, "deployment", "deployment "+e.Name, "no such deployment", err, []countCheck{
		{"replicas", e.Replicas, func() int32 { return replicasOr1(d.Spec.Replicas) }},
		{"ready", e.Ready, func() int32 { return d.Status.ReadyReplicas }},
	})
}

// replicasOr1 returns spec.replicas, which defaults to 1.
func replicasOr1(r *int32) int32 {
	if r == nil {
		return 1
	}
	return *r
}

// expectStore checks a condition of a store's Node.
func expectStore(c *cluster.Cluster, e *StoreExpect, add checker) {
	desc := fmt.Sprintf("store %s condition %s is %s", e.Name, e.Condition, e.Status)
	n, err := c.API().Nodes.Get("", e.Name)
	if err != nil {
		add("store", desc, "no such store", false)
		return
	}
	saw := "no " + e.Condition + " condition"
	for _, cond := range n.Status.Conditions {
		if string(cond.Type) == e.Condition {
			saw = string(cond.Status)
		}
	}
	add("store.status", desc, saw, saw == e.Status)
}

// Contains reports whether n is within the range.
func (r Range) Contains(n int64) bool {
	return (r.AtLeast == nil || n >= *r.AtLeast) && (r.AtMost == nil || n <= *r.AtMost)
}

// String returns "at least 1", "at most 3", "at least 1 and at most 3" or
// "exactly 2".
func (r Range) String() string {
	switch {
	case r.AtLeast != nil && r.AtMost != nil && *r.AtLeast == *r.AtMost:
		return fmt.Sprintf("exactly %d", *r.AtLeast)
	case r.AtLeast != nil && r.AtMost != nil:
		return fmt.Sprintf("at least %d and at most %d", *r.AtLeast, *r.AtMost)
	case r.AtLeast != nil:
		return fmt.Sprintf("at least %d", *r.AtLeast)
	case r.AtMost != nil:
		return fmt.Sprintf("at most %d", *r.AtMost)
	}
	return "any number"
}
