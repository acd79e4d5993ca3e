package server

import (
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	apiresource "k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/metrics"
	"github.com/nodenucleus/nucleus/sim"
)

// metricsGroup and metricsVersion are where metrics-server's Metrics API
// lives, which `kubectl top` and the autoscaler read.
const (
	metricsGroup   = "metrics.k8s.io"
	metricsVersion = "v1beta1"
)

// podMetrics is metrics.k8s.io/v1beta1 PodMetrics in its JSON shape (the
// types live in k8s.io/metrics, a module nucleus does not otherwise need):
// the pod's name, namespace and labels, when the rate ends, over what
// window, and each container's use.
// Reference: staging/src/k8s.io/metrics/pkg/apis/metrics/v1beta1/types.go.
type podMetrics struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Timestamp         metav1.Time        `json:"timestamp"`
	Window            metav1.Duration    `json:"window"`
	Containers        []containerMetrics `json:"containers"`
}

// containerMetrics is one container's use: cpu and memory quantities.
type containerMetrics struct {
	Name  string              `json:"name"`
	Usage corev1.ResourceList `json:"usage"`
}

// nodeMetrics is metrics.k8s.io/v1beta1 NodeMetrics in its JSON shape.
type nodeMetrics struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Timestamp         metav1.Time         `json:"timestamp"`
	Window            metav1.Duration     `json:"window"`
	Usage             corev1.ResourceList `json:"usage"`
}

func (p *podMetrics) DeepCopyObject() runtime.Object {
	cp := *p
	p.ObjectMeta.DeepCopyInto(&cp.ObjectMeta)
	cp.Containers = make([]containerMetrics, len(p.Containers))
	for i, c := range p.Containers {
		cp.Containers[i] = containerMetrics{Name: c.Name, Usage: c.Usage.DeepCopy()}
	}
	return &cp
}

func (n *nodeMetrics) DeepCopyObject() runtime.Object {
	cp := *n
	n.ObjectMeta.DeepCopyInto(&cp.ObjectMeta)
	cp.Usage = n.Usage.DeepCopy()
	return &cp
}

// usageList returns u as the Metrics API writes it: CPU in millicores,
// memory in bytes.
func usageList(u metrics.Usage) corev1.ResourceList {
	return corev1.ResourceList{
		corev1.ResourceCPU:    *apiresource.NewMilliQuantity(u.MilliCPU, apiresource.DecimalSI),
		corev1.ResourceMemory: *apiresource.NewQuantity(u.Memory, apiresource.BinarySI),
	}
}

// metricsTime returns a metrics figure's instant as a timestamp.
func metricsTime(t sim.Time) metav1.Time { return metav1.NewTime(t.Wall()) }

// metricsResources serve the chain's metrics-server as the Metrics API:
// PodMetrics (namespaced) and NodeMetrics, get and list only, from the
// latest scrape. A pod appears once it has been scraped twice, as
// package metrics tells; like metrics-server, each object carries its
// pod's or node's labels (so `kubectl top pods -l app=web` selects) and
// is made when it is read.
// Reference: sigs.k8s.io/metrics-server pkg/api/pod.go and node.go (the
// storage and its NotFound errors), pkg/api/table.go (the columns: Name,
// cpu, memory, Window).
func (s *Server) metricsResources() []*resource {
	m := s.c.Metrics()
	pods := &resource{
		group: metricsGroup, version: metricsVersion, kind: "PodMetrics", plural: "pods", namespaced: true,
		list: func() []apiserver.Object {
			now := metricsTime(s.c.Now())
			all := m.AllPodMetrics()
			out := make([]apiserver.Object, 0, len(all))
			for _, pm := range all {
				o := &podMetrics{
					ObjectMeta: metav1.ObjectMeta{Name: pm.Name, Namespace: pm.Namespace, CreationTimestamp: now},
					Timestamp:  metricsTime(pm.Timestamp), Window: metav1.Duration{Duration: pm.Window},
				}
				if p, err := s.api.Pods.Get(pm.Namespace, pm.Name); err == nil {
					o.Labels = p.Labels
				}
				for _, c := range pm.Containers {
					o.Containers = append(o.Containers, containerMetrics{Name: c.Name, Usage: usageList(c.Usage)})
				}
				out = append(out, o)
			}
			return out
		},
		table: func(objs []apiserver.Object, _ time.Time) (kubectl.Table, []bool, error) {
			t := kubectl.Table{Header: []string{"NAME", "CPU", "MEMORY", "WINDOW"}}
			for _, o := range objs {
				p := o.(*podMetrics)
				var cpu, mem apiresource.Quantity
				for _, c := range p.Containers {
					cpu.Add(c.Usage[corev1.ResourceCPU])
					mem.Add(c.Usage[corev1.ResourceMemory])
				}
				t.Rows = append(t.Rows, []string{p.Name, cpu.String(), mem.String(), p.Window.Duration.String()})
			}
			return t, lastWide(len(t.Header), 0), nil
		},
		newObject: func() apiserver.Object { return &podMetrics{} },
		fields:    metaFields,
		// A pod that does not exist is the pod's NotFound; one without
		// figures is the metrics' NotFound, named namespace/name.
		missing: func(ns, name string) error {
			if _, err := s.api.Pods.Get(ns, name); err != nil {
				return err
			}
			return apierrors.NewNotFound(schema.GroupResource{Group: metricsGroup, Resource: "pods"}, ns+"/"+name)
		},
	}
	nodes := &resource{
		group: metricsGroup, version: metricsVersion, kind: "NodeMetrics", plural: "nodes",
		list: func() []apiserver.Object {
			now := metricsTime(s.c.Now())
			var out []apiserver.Object
			for _, n := range s.api.Nodes.ListShared() {
				nm, ok := m.NodeMetrics(n.Name)
				if !ok {
					continue
				}
				out = append(out, &nodeMetrics{
					ObjectMeta: metav1.ObjectMeta{Name: n.Name, Labels: n.Labels, CreationTimestamp: now},
					Timestamp:  metricsTime(nm.Timestamp), Window: metav1.Duration{Duration: nm.Window},
					Usage: usageList(nm.Usage),
				})
			}
			return out
		},
		table: func(objs []apiserver.Object, _ time.Time) (kubectl.Table, []bool, error) {
			t := kubectl.Table{Header: []string{"NAME", "CPU", "MEMORY", "WINDOW"}}
			for _, o := range objs {
				n := o.(*nodeMetrics)
				cpu, mem := n.Usage[corev1.ResourceCPU], n.Usage[corev1.ResourceMemory]
				t.Rows = append(t.Rows, []string{n.Name, cpu.String(), mem.String(), n.Window.Duration.String()})
			}
			return t, lastWide(len(t.Header), 0), nil
		},
		newObject: func() apiserver.Object { return &nodeMetrics{} },
		fields:    metaFields,
		missing: func(_, name string) error {
			if _, err := s.api.Nodes.Get("", name); err != nil {
				return err
			}
			return apierrors.NewNotFound(schema.GroupResource{Group: metricsGroup, Resource: "nodes"}, name)
		},
	}
	return []*resource{pods, nodes}
}
