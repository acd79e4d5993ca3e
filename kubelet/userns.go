package kubelet

import (
	"math/rand/v2"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/nodenucleus/nucleus/runtime"
)

// User namespaces (hostUsers: false). The kubelet gives each such pod a
// range of 65,536 user and group IDs of its own on the store, so that the
// container's root (ID 0 inside) is an unprivileged ID outside. The
// ranges are whole multiples of 65,536 from 65,536 (ID 0, the store's
// root, is never mapped) up to 2^32: the kubelet's default mapping when
// no "kubelet" user is in /etc/subuid. A pod keeps its range for its whole
// life, over sandbox re-creations, and gives it back when it goes.
//
// In the store: an employee who works under a badge number that means
// nothing outside their own office, so that whatever they do as "the
// boss" inside stays there.
//
// Reference: pkg/kubelet/userns/userns_manager.go (allocateOne,
// GetOrCreateUserNamespaceMappings); pkg/kubelet/kubelet_getters.go
// (GetKubeletMappings' default first ID and length).
const (
	userNSLength = 1 << 16
	userNSFirst  = 1 << 16
	userNSSlots  = (1<<32 - userNSFirst) / userNSLength
)

// usernsManager hands out the ranges.
type usernsManager struct {
	rand   *rand.Rand
	usedBy map[types.UID]uint32 // pod -> the first ID of its range
	used   map[uint32]bool      // the slots taken
}

func newUsernsManager(r *rand.Rand) *usernsManager {
	return &usernsManager{rand: r, usedBy: map[types.UID]uint32{}, used: map[uint32]bool{}}
}

// mapping returns the pod's range, allocating one on first use. The slot
// is found as the kubelet's allocation bitmap finds one: from a random
// slot, the first free one on, wrapping round. ok is false when every
// slot is taken.
func (m *usernsManager) mapping(uid types.UID) (runtime.IDMapping, bool) {
	if first, ok := m.usedBy[uid]; ok {
		return runtime.IDMapping{HostID: first, Length: userNSLength}, true
	}
	start := m.rand.Uint32N(userNSSlots)
	for i := uint32(0); i < userNSSlots; i++ {
		slot := (start + i) % userNSSlots
		if m.used[slot] {
			continue
		}
		m.used[slot] = true
		first := (slot + 1) * userNSLength
		m.usedBy[uid] = first
		return runtime.IDMapping{HostID: first, Length: userNSLength}, true
	}
	return runtime.IDMapping{}, false
}

// release gives back the pod's range.
func (m *usernsManager) release(uid types.UID) {
	if first, ok := m.usedBy[uid]; ok {
		delete(m.usedBy, uid)
		delete(m.used, first/userNSLength-1)
	}
}

// wantsUserNamespace reports whether the pod asks for a user namespace
// of its own (hostUsers: false).
func wantsUserNamespace(p *corev1.Pod) bool {
	return p.Spec.HostUsers != nil && !*p.Spec.HostUsers
}

// userNamespaceSupported reports whether the store's runtime supports
// user namespaces for the default handler.
func (k *Kubelet) userNamespaceSupported() bool {
	for _, h := range k.rt.RuntimeHandlers() {
		if h.Name == "" {
			return h.UserNamespaces
		}
	}
	return false
}

// runtimeHandlers returns the handlers the Node reports in
// status.runtimeHandlers, from the runtime's.
// Reference: pkg/kubelet/nodestatus/setters.go (RuntimeHandlers).
func (k *Kubelet) runtimeHandlers() []corev1.NodeRuntimeHandler {
	var out []corev1.NodeRuntimeHandler
	for _, h := range k.rt.RuntimeHandlers() {
		rro, userns := h.RecursiveReadOnlyMounts, h.UserNamespaces
		out = append(out, corev1.NodeRuntimeHandler{Name: h.Name, Features: &corev1.NodeRuntimeHandlerFeatures{
			RecursiveReadOnlyMounts: &rro, UserNamespaces: &userns,
		}})
	}
	return out
}
