package cluster

import (
	"fmt"

	autoscalingv1 "k8s.io/api/autoscaling/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/nodenucleus/nucleus/controller"
	"github.com/nodenucleus/nucleus/metrics"
	"github.com/nodenucleus/nucleus/runtime"
)

// startMetrics opens the chain's metrics-server: it scrapes every store
// every metrics.Resolution, from the first instant on.
func (c *Cluster) startMetrics() {
	c.metrics = metrics.NewServer()
	var scrape func()
	scrape = func() {
		c.metrics.ScrapeSeq(c.samples)
		c.loop.After(metrics.Resolution, scrape)
	}
	c.loop.After(0, scrape)
}

// samples is one round of the kubelets' summary API: each running
// container of each ready sandbox of every store that answers, with its
// CPU total and memory working set from the training department, read
// from the runtime as it goes (a chain of 150,000 pods would otherwise
// build a list of 150,000 samples every scrape).
func (c *Cluster) samples(yield func(metrics.Sample) bool) {
	for _, s := range c.stores {
		if s.Kubelet.Down() {
			continue
		}
		more := true
		s.Runtime.RunningContainerStats(func(namespace, pod, container string, st runtime.ContainerStats) bool {
			more = yield(metrics.Sample{Namespace: namespace, Pod: pod, Container: container,
				Node: s.Name, ID: st.ID, Time: st.Timestamp, CPU: st.UsageCoreNanoSeconds, Memory: st.WorkingSetBytes})
			return more
		})
		if !more {
			return
		}
	}
}

// Metrics returns the chain's metrics-server: the latest CPU and memory
// use of every pod and store, as `kubectl top` shows them.
func (c *Cluster) Metrics() *metrics.Server { return c.metrics }

// applyHPA creates an autoscaler, or replaces the spec of the one of that
// name as `kubectl apply` does (labels and annotations set over the
// stored ones; a manifest that changes nothing is not written).
func (c *Cluster) applyHPA(h *autoscalingv2.HorizontalPodAutoscaler) error {
	ns := defaultNS(h.Namespace)
	cur, err := c.api.HPAs.Get(ns, h.Name)
	if apierrors.IsNotFound(err) {
		_, err = controller.CreateHPA(c.api, h)
		return err
	}
	if err != nil {
		return err
	}
	next := cur.DeepCopy()
	next.Spec = *h.Spec.DeepCopy()
	next.Labels = overlay(next.Labels, h.Labels)
	next.Annotations = overlay(next.Annotations, h.Annotations)
	next.ResourceVersion = ""
	controller.DefaultHPA(next)
	if appliesNothing(cur.Spec, next.Spec, cur, next) {
		return nil
	}
	_, err = controller.UpdateHPA(c.api, next)
	return err
}

// applyHPAv1 applies an autoscaling/v1 autoscaler, converted to v2 as the
// API server stores it.
func (c *Cluster) applyHPAv1(h *autoscalingv1.HorizontalPodAutoscaler) error {
	return c.applyHPA(controller.HPAFromV1(h))
}

// HPAs returns every HorizontalPodAutoscaler, sorted by namespace and name.
func (c *Cluster) HPAs() []*autoscalingv2.HorizontalPodAutoscaler { return c.api.HPAs.List() }

// DeleteHPA deletes an autoscaler, as `kubectl delete hpa` does; the
// count of its target stays where it was.
func (c *Cluster) DeleteHPA(namespace, name string) error {
	if err := c.api.HPAs.Delete(namespace, name); err != nil {
		return fmt.Errorf("horizontalpodautoscalers.autoscaling %q not found", name)
	}
	return nil
}
