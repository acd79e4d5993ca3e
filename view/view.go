package view

import (
	"fmt"
	"io"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/pod"
)

// LogOptions are the flags of `kubectl logs` that nucleus follows.
type LogOptions struct {
	// Container names the container; empty means the pod's only one (or
	// its default-container annotation).
	Container string
	// Previous asks for the instance before the current one.
	Previous bool
	// Timestamps starts each line with its time, RFC3339 with nanoseconds.
	Timestamps bool
	// Tail keeps only the last Tail lines; a negative Tail keeps them all.
	Tail int64
}

// Logs writes what one container of pod ns/name wrote, as `kubectl logs`
// prints it at the chain's instant. The error is kubectl's or the
// kubelet's: a missing pod, an ambiguous container, no previous instance.
func Logs(w io.Writer, c *cluster.Cluster, ns, name string, o LogOptions) error {
	p, err := c.API().Pods.Get(ns, name)
	if err != nil {
		return err
	}
	container, err := kubectl.LogContainer(p, o.Container)
	if err != nil {
		return err
	}
	id, err := kubectl.LogContainerID(p, container, o.Previous)
	if err != nil {
		return err
	}
	store, ok := c.Store(p.Spec.NodeName)
	if !ok {
		return fmt.Errorf("container %q in pod %q is not available", container, p.Name)
	}
	lines, err := store.Runtime.Logs(id)
	if err != nil {
		return err
	}
	if o.Tail >= 0 && int64(len(lines)) > o.Tail {
		lines = lines[int64(len(lines))-o.Tail:]
	}
	for _, l := range lines {
		text := l.Text
		if o.Timestamps {
			text = l.Time.Wall().Format(time.RFC3339Nano) + " " + text
		}
		if _, err := fmt.Fprintln(w, text); err != nil {
			return err
		}
	}
	return nil
}

// DescribePod writes `kubectl describe pod` for ns/name at the chain's
// instant: the pod, its store's node, and evs, the Events about it. For a
// missing pod it returns the API server's NotFound error.
func DescribePod(w io.Writer, c *cluster.Cluster, evs []corev1.Event, ns, name string) error {
	p, err := c.API().Pods.Get(ns, name)
	if err != nil {
		return err
	}
	var node *corev1.Node
	if p.Spec.NodeName != "" {
		if n, err := c.API().Nodes.Get("", p.Spec.NodeName); err == nil {
			node = n
		}
	}
	return kubectl.DescribePod(w, p, node, evs, c.Now().Wall())
}

// Pods writes the pods of namespace ns as `kubectl get pods` prints them
// at the chain's instant, or kubectl's "No resources found in ns
// namespace." line when there are none.
func Pods(w io.Writer, c *cluster.Cluster, ns string) error {
	var pods []*corev1.Pod
	for _, p := range c.Pods() {
		if p.Namespace == ns {
			pods = append(pods, p)
		}
	}
	if len(pods) == 0 {
		_, err := fmt.Fprintf(w, "No resources found in %s namespace.\n", ns)
		return err
	}
	return pod.PrintTable(w, pods, c.Now().Wall(), false)
}
