package simtest

import (
	"strconv"
	"strings"

	"github.com/nodenucleus/nucleus/runtime"
)

// checkStatefulSets: a StatefulSet never runs two pods with one ordinal,
// on one store or on two, even while a store is cut off from head office
// (the controller makes web-0 again only once the old web-0 is gone from
// the ledger, and the ledger lets it go only when its store manager says
// it has stopped). Looked at whenever a container starts.
// Reference: the StatefulSet docs, "Pod identity" and "Deployment and
// Scaling Guarantees" (at most one pod per identity);
// pkg/controller/statefulset/stateful_set_control.go.
func (k *checker) checkStatefulSets(st Step) *finding {
	if k.c.API().StatefulSets.Len() == 0 {
		return nil
	}
	started := false
	for _, r := range st.Records {
		if r.Reason == "Started" {
			started = true
			break
		}
	}
	if !started {
		return nil
	}
	running := map[string]string{} // namespace/pod -> store
	for _, s := range k.c.Stores() {
		for _, sb := range s.Runtime.ListPodSandbox() {
			if !k.ordinalPod(sb.Config.Namespace, sb.Config.Name) || !anyRunning(s.Runtime, sb.ID) {
				continue
			}
			key := sb.Config.Namespace + "/" + sb.Config.Name
			if other, ok := running[key]; ok {
				return found(StatefulSetOrdinalOnce, "pod %s of a StatefulSet runs twice, on %s and on %s", key, other, s.Name)
			}
			running[key] = s.Name
		}
	}
	return nil
}

// ordinalPod reports whether name is <set>-<ordinal> of a StatefulSet in
// namespace.
func (k *checker) ordinalPod(namespace, name string) bool {
	for _, s := range k.c.API().StatefulSets.ListShared() {
		if s.Namespace != namespace {
			continue
		}
		if rest, ok := strings.CutPrefix(name, s.Name+"-"); ok {
			if _, err := strconv.Atoi(rest); err == nil {
				return true
			}
		}
	}
	return false
}

// anyRunning reports whether a container of the sandbox is running.
func anyRunning(rt *runtime.Engine, sandbox string) bool {
	for _, c := range rt.ListContainers(sandbox) {
		if c.State == runtime.ContainerRunning {
			return true
		}
	}
	return false
}
