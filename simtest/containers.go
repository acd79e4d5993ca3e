package simtest

import (
	"fmt"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/sim"
)

// runningContainer finds the running container of a pod, on the store
// the pod is bound to.
func runningContainer(c *cluster.Cluster, ns, podName, container string) (*runtime.Engine, string, error) {
	p, err := c.Pod(ns, podName)
	if err != nil {
		return nil, "", fmt.Errorf("pod %q: Not found", podName)
	}
	store, ok := c.Store(p.Spec.NodeName)
	if !ok {
		return nil, "", fmt.Errorf("pod %q is not on a store yet", podName)
	}
	rt := store.Runtime
	for _, sb := range rt.ListPodSandbox() {
		if sb.Config.UID != string(p.UID) || sb.State != runtime.SandboxReady {
			continue
		}
		cs := rt.ListContainers(sb.ID)
		for j := len(cs) - 1; j >= 0; j-- {
			if cs[j].Name == container && cs[j].State == runtime.ContainerRunning {
				return rt, cs[j].ID, nil
			}
		}
	}
	return nil, "", fmt.Errorf("container %q of pod %q is not running", container, podName)
}

func killContainer(c *cluster.Cluster, k *scenario.ContainerAction) (sim.ObjectRef, string, error) {
	ref := sim.ObjectRef{Kind: "Pod", Namespace: namespace(k.Namespace), Name: k.Pod, FieldPath: "spec.containers{" + k.Container + "}"}
	code := int32(137)
	if k.ExitCode != nil {
		code = *k.ExitCode
	}
	what := fmt.Sprintf("container %s of pod %s exits with code %d", k.Container, k.Pod, code)
	rt, id, err := runningContainer(c, ref.Namespace, k.Pod, k.Container)
	if err != nil {
		return ref, what, err
	}
	return ref, what, rt.Crash(id, int(code))
}

func useMemory(c *cluster.Cluster, u *scenario.UseMemoryAction) (sim.ObjectRef, string, error) {
	ref := sim.ObjectRef{Kind: "Pod", Namespace: namespace(u.Namespace), Name: u.Pod, FieldPath: "spec.containers{" + u.Container + "}"}
	what := fmt.Sprintf("container %s of pod %s uses %s of memory", u.Container, u.Pod, u.Bytes.String())
	rt, id, err := runningContainer(c, ref.Namespace, u.Pod, u.Container)
	if err != nil {
		return ref, what, err
	}
	return ref, what, rt.UseMemory(id, u.Bytes.Value())
}

func storeFault(c *cluster.Cluster, st *scenario.StoreAction) (sim.ObjectRef, string, error) {
	ref := sim.ObjectRef{Kind: "Node", Name: st.Name}
	what := st.Fault + " store " + st.Name
	switch st.Fault {
	case scenario.PowerOff:
		return ref, what, c.PowerOff(st.Name)
	case scenario.PowerOn:
		return ref, what, c.PowerOn(st.Name)
	case scenario.CutOff:
		return ref, what, c.CutOff(st.Name)
	}
	return ref, what, c.Reconnect(st.Name)
}
