package controller

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/metrics"
	"github.com/nodenucleus/nucleus/sim"
)

// The replica calculator's settings, at kube-controller-manager's defaults
// (--horizontal-pod-autoscaler-tolerance, -cpu-initialization-period,
// -initial-readiness-delay).
const (
	hpaTolerance              = 0.1
	cpuInitializationPeriod   = 5 * time.Minute
	initialReadinessDelay     = 30 * time.Second
	defaultCPUUtilizationGoal = 80 // autoscaling.DefaultCPUUtilization
)

// podUsage is one pod's use of a resource as the replica calculator sees
// it: the sum over its containers, in millicores for CPU.
type podUsage struct {
	value     int64
	timestamp sim.Time
	window    time.Duration
}

// podGroups sorts a target's pods as groupPods does: ready pods with a
// metric count, unready ones and ones without a metric are set aside, and
// deleted or failed ones are ignored.
type podGroups struct {
	ready            int
	unready, missing []string
}

// groupPods follows replica_calculator.go groupPods for CPU.
func groupPods(pods []*corev1.Pod, usage map[string]podUsage, now sim.Time) podGroups {
	var g podGroups
	for _, p := range pods {
		if p.DeletionTimestamp != nil || p.Status.Phase == corev1.PodFailed {
			delete(usage, p.Name)
			continue
		}
		if p.Status.Phase == corev1.PodPending {
			g.unready = append(g.unready, p.Name)
			continue
		}
		m, ok := usage[p.Name]
		if !ok {
			g.missing = append(g.missing, p.Name)
			continue
		}
		if cpuSampleUnready(p, m, now) {
			g.unready = append(g.unready, p.Name)
			continue
		}
		g.ready++
	}
	for _, name := range g.unready {
		delete(usage, name)
	}
	return g
}

// cpuSampleUnready reports whether a pod's CPU sample must not count:
// during the first five minutes of a pod, while it is not ready or when
// the sample's window began before it last changed readiness; after
// that, only when it has never been ready since shortly after its start.
func cpuSampleUnready(p *corev1.Pod, m podUsage, now sim.Time) bool {
	cond := readyCondition(p)
	if cond == nil || p.Status.StartTime == nil {
		return true
	}
	start := sim.At(p.Status.StartTime.Time)
	changed := sim.At(cond.LastTransitionTime.Time)
	if start.Add(cpuInitializationPeriod) > now {
		return cond.Status == corev1.ConditionFalse || m.timestamp < changed.Add(m.window)
	}
	return cond.Status == corev1.ConditionFalse && start.Add(initialReadinessDelay) > changed
}

// podCPURequests returns each pod's CPU request in millicores: the sum of
// its containers' (and sidecars'); a container without one is an error,
// as calculatePodRequests says.
func podCPURequests(pods []*corev1.Pod) (map[string]int64, error) {
	out := make(map[string]int64, len(pods))
	for _, p := range pods {
		var sum int64
		cs := slices.Clone(p.Spec.Containers)
		for _, c := range p.Spec.InitContainers {
			if c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways {
				cs = append(cs, c)
			}
		}
		for _, c := range cs {
			q, ok := c.Resources.Requests[corev1.ResourceCPU]
			if !ok {
				return nil, fmt.Errorf("missing request for %s in container %s of Pod %s", corev1.ResourceCPU, c.Name, p.Name)
			}
			sum += q.MilliValue()
		}
		out[p.Name] = sum
	}
	return out, nil
}

// utilizationRatio returns the pods' use as a percentage of their
// requests (rounded down, as an int32), its ratio to the target, and the
// average use per pod (GetResourceUtilizationRatio). Only pods with a
// request count.
func utilizationRatio(usage map[string]podUsage, requests map[string]int64, target int32) (ratio float64, utilization int32, average int64, err error) {
	var used, requested int64
	n := 0
	for name, u := range usage {
		r, ok := requests[name]
		if !ok {
			continue
		}
		used += u.value
		requested += r
		n++
	}
	if requested == 0 {
		return 0, 0, 0, errors.New("no metrics returned matched known pods")
	}
	utilization = int32(used * 100 / requested)
	return float64(utilization) / float64(target), utilization, used / int64(n), nil
}

// cpuReplicas is the replica calculator's answer for a CPU utilization
// target: the replica count it proposes, the current utilization and
// average use, and the time of the metrics.
type cpuReplicas struct {
	replicas    int32
	utilization int32
	average     int64
	timestamp   sim.Time
}

// errNoPods and errNoMetrics are the replica calculator's errors when it
// has nothing to go on.
var (
	errNoPods    = errors.New("no pods returned by selector while calculating replica count")
	errNoMetrics = errors.New("did not receive metrics for targeted pods (pods might be unready)")
)

// calcCPUReplicas is GetResourceReplicas for CPU utilization
// (replica_calculator.go): desired = ceil(ready pods × use/target), left
// alone within the tolerance; pods without a metric count as using their
// whole request on a scale-down and nothing on a scale-up, unready pods
// as using nothing on a scale-up, and a proposal those assumptions turn
// around (or bring within the tolerance) keeps the current count.
func calcCPUReplicas(current int32, target int32, pods []*corev1.Pod, pm map[string]metrics.PodMetrics, now sim.Time) (cpuReplicas, error) {
	if len(pods) == 0 {
		return cpuReplicas{}, errNoPods
	}
	usage := map[string]podUsage{}
	var ts sim.Time
	for _, p := range pods {
		if m, ok := pm[p.Name]; ok {
			usage[p.Name] = podUsage{value: m.Total().MilliCPU, timestamp: m.Timestamp, window: m.Window}
			ts = max(ts, m.Timestamp)
		}
	}
	if len(usage) == 0 {
		return cpuReplicas{}, errors.New("unable to get metrics for resource cpu: no metrics returned from resource metrics API")
	}
	g := groupPods(pods, usage, now)
	if len(usage) == 0 {
		return cpuReplicas{}, errNoMetrics
	}
	requests, err := podCPURequests(pods)
	if err != nil {
		return cpuReplicas{}, err
	}
	ratio, utilization, average, err := utilizationRatio(usage, requests, target)
	if err != nil {
		return cpuReplicas{}, err
	}
	out := cpuReplicas{replicas: current, utilization: utilization, average: average, timestamp: ts}
	withUnready := len(g.unready) > 0 && ratio > 1.0
	if !withUnready && len(g.missing) == 0 {
		if math.Abs(1.0-ratio) > hpaTolerance {
			out.replicas = int32(math.Ceil(ratio * float64(g.ready)))
		}
		return out, nil
	}
	for _, name := range g.missing {
		switch {
		case ratio < 1.0:
			usage[name] = podUsage{value: requests[name] * int64(max(100, target)) / 100}
		case ratio > 1.0:
			usage[name] = podUsage{}
		}
	}
	if withUnready {
		for _, name := range g.unready {
			usage[name] = podUsage{}
		}
	}
	newRatio, _, _, err := utilizationRatio(usage, requests, target)
	if err != nil {
		return cpuReplicas{}, err
	}
	if math.Abs(1.0-newRatio) <= hpaTolerance || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0) {
		return out, nil
	}
	proposed := int32(math.Ceil(newRatio * float64(len(usage))))
	if (newRatio < 1.0 && proposed > current) || (newRatio > 1.0 && proposed < current) {
		return out, nil
	}
	out.replicas = proposed
	return out, nil
}
