package scenario

import (
	"cmp"
	"fmt"
	"slices"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/manifest"
)

// The scale a run may ask for. Every pod costs the simulator memory (a
// few kilobytes in the ledger, the scheduler's queue and the logbook) and
// time (a scheduling attempt, a watch event to every store), and a
// Pending pod costs as much as a running one. So a run may ask for
// MinPodCeiling pods, or for as many as its stores can hold (spec.stores'
// capacity.pods, 110 a store by default) when that is more, and never for
// more than MaxPodCeiling: Kubernetes' own documented limit for one cluster
// (https://kubernetes.io/docs/setup/best-practices/cluster-large/: no more
// than 150,000 pods). A Deployment of a million replicas would take
// gigabytes and hours of one machine; it is refused before the run starts,
// naming the field.
const (
	MinPodCeiling = 10000
	MaxPodCeiling = 150000
	// defaultStorePods is a store's pod capacity when spec.stores does not
	// set one: the kubelet's maxPods default.
	defaultStorePods = 110
)

// PodCeiling returns the most pods a run of spec may ask for: the larger
// of MinPodCeiling and what its stores hold, at most MaxPodCeiling.
func (s Spec) PodCeiling() int64 {
	return min(max(MinPodCeiling, s.storePods()), MaxPodCeiling)
}

// storePods returns how many pods the chain's stores can hold together.
func (s Spec) storePods() int64 {
	if len(s.Stores) == 0 {
		return defaultStorePods
	}
	var n int64
	for _, st := range s.Stores {
		each := int64(defaultStorePods)
		if q, ok := st.Capacity[corev1.ResourcePods]; ok {
			each = min(max(q.Value(), 0), MaxPodCeiling) // clamped, so the sum cannot overflow
		}
		n += each * int64(max(st.Count, 1)) // a count over the chain's limit is refused on its own
	}
	return n
}

// demand is one source of pods a run asks for: a workload's largest
// replicas over the objects, the applies and the scale actions, or a bare
// pod.
type demand struct {
	pods  int64
	value int64           // the named field's own value (pods, but for a CronJob's template)
	where *manifest.Error // the field to name: File, Line, Path
}

// checkScale refuses a run that asks for more pods in all than
// PodCeiling: it sums, over every Deployment, ReplicaSet and
// StatefulSet, the largest
// replicas it is ever given, over every Job the pods it keeps (its
// completions, or its parallelism) and over every CronJob those of the
// Jobs it keeps, and over every autoscaled workload its maxReplicas when
// that is more (by the objects at time zero, by apply actions, by scale
// actions), plus one for each bare Pod, and names the
// field of the largest workload.
func (s *Scenario) checkScale() error {
	total, largest := s.podDemand()
	ceiling := s.Spec.PodCeiling()
	if total <= ceiling {
		return nil
	}
	where := &manifest.Error{File: s.File, Line: s.line(""), Path: "kind"}
	value := total
	if largest != nil {
		where, value = largest.where, largest.value
	}
	where.Reason = fmt.Sprintf("Invalid value: %d: the run asks for %d pods in all, more than the %d nucleus simulates for this chain "+
		"(%d, or what the stores hold when more, here %d; never over %d, Kubernetes' largest supported cluster): "+
		"every pod, Pending or not, costs the simulator memory and time, and a run this size would outgrow one machine",
		value, total, ceiling, MinPodCeiling, s.Spec.storePods(), MaxPodCeiling)
	return where
}

// Pods returns how many pods the run asks for in all, as checkScale
// counts them: what a summary of the run counts its Running pods
// against.
func (s *Scenario) Pods() int64 {
	total, _ := s.podDemand()
	return total
}

// podDemand returns the pods the run asks for in all (see checkScale),
// and its largest workload, nil when there is none.
func (s *Scenario) podDemand() (int64, *demand) {
	workloads := map[string]*demand{}
	var pods int64
	addValue := func(key string, replicas, value int64, where *manifest.Error) {
		if d := workloads[key]; d == nil || replicas > d.pods {
			workloads[key] = &demand{pods: replicas, value: value, where: where}
		}
	}
	add := func(key string, replicas int64, where *manifest.Error) { addValue(key, replicas, replicas, where) }
	object := func(d manifest.Document, path string, line func(string) int) {
		at := func(field string) *manifest.Error {
			p := joinPath(path, field)
			return &manifest.Error{File: d.File, Line: line(p), Path: p}
		}
		switch o := d.Object.(type) {
		case *appsv1.Deployment:
			add("Deployment/"+namespace(o.Namespace)+"/"+o.Name, replicasOf(o.Spec.Replicas), at("spec.replicas"))
		case *appsv1.ReplicaSet:
			add("ReplicaSet/"+namespace(o.Namespace)+"/"+o.Name, replicasOf(o.Spec.Replicas), at("spec.replicas"))
		case *corev1.ReplicationController:
			add("ReplicationController/"+namespace(o.Namespace)+"/"+o.Name, replicasOf(o.Spec.Replicas), at("spec.replicas"))
		case *appsv1.StatefulSet:
			add("StatefulSet/"+namespace(o.Namespace)+"/"+o.Name, replicasOf(o.Spec.Replicas), at("spec.replicas"))
		case *batchv1.Job:
			n, field := jobPods(o.Spec)
			add("Job/"+namespace(o.Namespace)+"/"+o.Name, n, at(field))
		case *batchv1.CronJob:
			// The Jobs a CronJob keeps: one running and its history.
			n, field := jobPods(o.Spec.JobTemplate.Spec)
			kept := 1 + int64(ptrValue(o.Spec.SuccessfulJobsHistoryLimit, 3)) + int64(ptrValue(o.Spec.FailedJobsHistoryLimit, 1))
			addValue("CronJob/"+namespace(o.Namespace)+"/"+o.Name, n*kept, n, at("spec.jobTemplate."+field))
		case *autoscalingv2.HorizontalPodAutoscaler:
			// An autoscaler may take its target up to maxReplicas.
			t := o.Spec.ScaleTargetRef
			add(t.Kind+"/"+namespace(o.Namespace)+"/"+t.Name, int64(o.Spec.MaxReplicas), at("spec.maxReplicas"))
		case *autoscalingv1.HorizontalPodAutoscaler:
			t := o.Spec.ScaleTargetRef
			add(t.Kind+"/"+namespace(o.Namespace)+"/"+t.Name, int64(o.Spec.MaxReplicas), at("spec.maxReplicas"))
		case *corev1.Pod:
			pods++
		}
	}
	for _, d := range s.Objects {
		object(d, "", func(p string) int { return cmp.Or(d.FieldLine(p), d.Line) })
	}
	for i, docs := range s.apply {
		path := fmt.Sprintf("spec.actions[%d].apply", i)
		if s.Spec.Actions[i].ApplyFile != "" {
			path = ""
		}
		for _, d := range docs {
			object(d, path, func(p string) int { return cmp.Or(s.line(p), d.FieldLine(p), d.Line) })
		}
	}
	for i, a := range s.Spec.Actions {
		if a.Scale != nil {
			p := fmt.Sprintf("spec.actions[%d].scale.replicas", i)
			kind, name := a.Scale.target()
			add(kind+"/"+namespace(a.Scale.Namespace)+"/"+name, int64(a.Scale.Replicas),
				&manifest.Error{File: s.File, Line: s.line(p), Path: p})
		}
	}
	total, largest := pods, (*demand)(nil)
	keys := make([]string, 0, len(workloads))
	for k := range workloads {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		d := workloads[k]
		total += d.pods
		if largest == nil || d.pods > largest.pods {
			largest = d
		}
	}
	return total, largest
}

// jobPods returns how many pods a Job keeps over its life, and the field
// that says so: spec.completions (each completion leaves its pod), or, for
// a work queue without completions, spec.parallelism (default 1).
func jobPods(spec batchv1.JobSpec) (int64, string) {
	if spec.Completions != nil {
		return max(int64(*spec.Completions), int64(ptrValue(spec.Parallelism, 1))), "spec.completions"
	}
	return int64(ptrValue(spec.Parallelism, 1)), "spec.parallelism"
}

// ptrValue returns *p, or def when p is nil.
func ptrValue(p *int32, def int32) int32 {
	if p == nil {
		return def
	}
	return *p
}

// replicasOf returns spec.replicas, defaulted to 1 as the API server does.
func replicasOf(r *int32) int64 {
	if r == nil {
		return 1
	}
	return int64(*r)
}
