package kubectl

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/metrics"
)

// PrintHPAs writes autoscalers to w as `kubectl get hpa` prints them at
// time now: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE, where
// TARGETS is "cpu: <current>/<target>" for each metric (<unknown> until
// the controller has measured it). It returns an error naming a nil
// autoscaler, and the first error from writing to w.
// Reference: pkg/printers/internalversion/printers.go
// printHorizontalPodAutoscaler and formatHPAMetrics.
func PrintHPAs(w io.Writer, hpas []*autoscalingv2.HorizontalPodAutoscaler, now time.Time) error {
	t, err := HPATable(hpas, now)
	if err != nil {
		return err
	}
	return t.Write(w)
}

// HPATable returns the table `kubectl get hpa` shows (it has no -o wide
// columns); the errors are PrintHPAs's.
func HPATable(hpas []*autoscalingv2.HorizontalPodAutoscaler, now time.Time) (Table, error) {
	header := []string{"NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"}
	return makeTable(header, nil, false, len(hpas), func(i int) ([]string, error) {
		h := hpas[i]
		if h == nil {
			return nil, missing(field.NewPath("hpas").Index(i), "HorizontalPodAutoscaler")
		}
		minPods := "<unset>"
		if h.Spec.MinReplicas != nil {
			minPods = strconv.Itoa(int(*h.Spec.MinReplicas))
		}
		ref := h.Spec.ScaleTargetRef.Kind + "/" + h.Spec.ScaleTargetRef.Name
		return []string{h.Name, ref, HPATargets(h), minPods, strconv.Itoa(int(h.Spec.MaxReplicas)),
			strconv.Itoa(int(h.Status.CurrentReplicas)), since(h.CreationTimestamp, now)}, nil
	})
}

// HPATargets returns the TARGETS cell: each resource utilization metric
// as "cpu: 45%/50%", current before target, "<none>" without metrics.
func HPATargets(h *autoscalingv2.HorizontalPodAutoscaler) string {
	var list []string
	for i, m := range h.Spec.Metrics {
		if m.Resource == nil {
			list = append(list, "<unknown type>")
			continue
		}
		current := "<unknown>"
		if i < len(h.Status.CurrentMetrics) {
			if s := h.Status.CurrentMetrics[i].Resource; s != nil && s.Current.AverageUtilization != nil {
				current = fmt.Sprintf("%d%%", *s.Current.AverageUtilization)
			}
		}
		target := "<auto>"
		if u := m.Resource.Target.AverageUtilization; u != nil {
			target = fmt.Sprintf("%d%%", *u)
		}
		list = append(list, fmt.Sprintf("%s: %s/%s", m.Resource.Name, current, target))
	}
	if len(list) == 0 {
		return "<none>"
	}
	return strings.Join(list, ", ")
}

// PrintTopPods writes pod metrics as `kubectl top pods` prints them:
// NAME CPU(cores) MEMORY(bytes), CPU in millicores and memory in MiB.
// Reference: kubectl pkg/metricsutil/metrics_printer.go
// (PrintPodMetrics, printAllResourceUsages).
func PrintTopPods(w io.Writer, pods []metrics.PodMetrics) error {
	t, err := makeTable([]string{"NAME", "CPU(cores)", "MEMORY(bytes)"}, nil, false, len(pods), func(i int) ([]string, error) {
		u := pods[i].Total()
		return []string{pods[i].Name, milliCores(u.MilliCPU), mebibytes(u.Memory)}, nil
	})
	if err != nil {
		return err
	}
	return t.Write(w)
}

// PrintTopNodes writes node metrics as `kubectl top nodes` prints them:
// NAME CPU(cores) CPU(%) MEMORY(bytes) MEMORY(%), the percentages of each
// node's allocatable; a node without metrics shows <unknown>.
// Reference: kubectl pkg/metricsutil/metrics_printer.go (PrintNodeMetrics).
func PrintTopNodes(w io.Writer, nodes []*corev1.Node, m *metrics.Server) error {
	header := []string{"NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"}
	t, err := makeTable(header, nil, false, len(nodes), func(i int) ([]string, error) {
		n := nodes[i]
		nm, ok := m.NodeMetrics(n.Name)
		if !ok {
			return []string{n.Name, "<unknown>", "<unknown>", "<unknown>", "<unknown>"}, nil
		}
		cpu := n.Status.Allocatable[corev1.ResourceCPU]
		mem := n.Status.Allocatable[corev1.ResourceMemory]
		return []string{n.Name, milliCores(nm.MilliCPU), usagePercent(nm.MilliCPU, cpu.MilliValue()),
			mebibytes(nm.Memory), usagePercent(nm.Memory, mem.Value())}, nil
	})
	if err != nil {
		return err
	}
	return t.Write(w)
}

func milliCores(m int64) string { return strconv.FormatInt(m, 10) + "m" }

func mebibytes(b int64) string { return strconv.FormatInt(b/(1<<20), 10) + "Mi" }

func usagePercent(used, of int64) string {
	if of <= 0 {
		return "<unknown>"
	}
	return strconv.FormatInt(used*100/of, 10) + "%"
}
