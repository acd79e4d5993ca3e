package picture

import (
	"cmp"
	"fmt"
	"slices"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/sim"
)

// Picture is the chain at one instant, as the drawing shows it.
type Picture struct {
	Title    string   // the scenario's name, or "" for none
	At       sim.Time // the instant
	Services int      // the counters (Services) head office knows
	Waiting  []Employee
	Stores   []Store
}

// Store is one store (node) and the employees (pods) at its posts.
type Store struct {
	Name      string
	Ready     bool // the node's Ready condition is True
	Employees []Employee
}

// Employee is one pod: its name and STATUS column, and how it is doing.
type Employee struct {
	Name   string // namespace/name outside the default namespace
	Status string // the STATUS and READY columns of `kubectl get pods`: "Running 1/1"
	Mood   Mood
}

// Mood is how an employee is doing, which chooses its colour.
type Mood int

const (
	// Serving: running and ready (green).
	Serving Mood = iota
	// Starting: pending, or running but not ready (amber).
	Starting
	// Failing: waiting after an error, or failed (red).
	Failing
	// Done: finished its work, or leaving (grey).
	Done
)

// String returns the mood's name: "serving", "starting", "failing" or
// "done".
func (m Mood) String() string {
	switch m {
	case Serving:
		return "serving"
	case Starting:
		return "starting"
	case Failing:
		return "failing"
	case Done:
		return "done"
	}
	return fmt.Sprintf("Mood(%d)", int(m))
}

// Take reads c as it stands now. title names the picture (the scenario).
func Take(c *cluster.Cluster, title string) *Picture {
	p := &Picture{Title: title, At: c.Now(), Services: len(c.Services())}
	byNode := map[string][]Employee{}
	pods := slices.Clone(c.Pods())
	slices.SortFunc(pods, func(a, b *corev1.Pod) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	for _, po := range pods {
		e := employee(po, c.Now())
		if po.Spec.NodeName == "" {
			p.Waiting = append(p.Waiting, e)
			continue
		}
		byNode[po.Spec.NodeName] = append(byNode[po.Spec.NodeName], e)
	}
	ready := map[string]bool{}
	for _, n := range c.Nodes() {
		for _, cond := range n.Status.Conditions {
			if cond.Type == corev1.NodeReady {
				ready[n.Name] = cond.Status == corev1.ConditionTrue
			}
		}
	}
	for _, s := range c.Stores() {
		p.Stores = append(p.Stores, Store{Name: s.Name, Ready: ready[s.Name], Employees: byNode[s.Name]})
	}
	return p
}

// employee is one pod as the picture shows it.
func employee(po *corev1.Pod, now sim.Time) Employee {
	name := po.Name
	if po.Namespace != corev1.NamespaceDefault {
		name = po.Namespace + "/" + po.Name
	}
	row := pod.PrintRow(po, now.Wall())
	return Employee{Name: name, Status: row.Status + " " + row.Ready, Mood: mood(po, row.Status)}
}

// mood says how a pod is doing from its phase, readiness and STATUS.
func mood(po *corev1.Pod, status string) Mood {
	switch {
	case po.DeletionTimestamp != nil || po.Status.Phase == corev1.PodSucceeded:
		return Done
	case po.Status.Phase == corev1.PodFailed:
		return Failing
	case po.Status.Phase == corev1.PodRunning && status == "Running" && podReady(po):
		return Serving
	case status == "Running" || status == "Pending" || status == "ContainerCreating" || status == "PodInitializing" ||
		len(status) > 5 && status[:5] == "Init:" && status != "Init:Error" && status != "Init:CrashLoopBackOff":
		return Starting
	}
	return Failing
}

func podReady(po *corev1.Pod) bool {
	for _, c := range po.Status.Conditions {
		if c.Type == corev1.PodReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}
