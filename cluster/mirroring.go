//lint:file-ignore SA1019 v1 Endpoints is mirrored on purpose

package cluster

import (
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/endpointslicemirroring"
	"github.com/nodenucleus/nucleus/sim"
)

// mirrorControllerName is the managed-by label of mirrored slices.
const mirrorControllerName = endpointslicemirroring.ControllerName

// mirrorController is head office's EndpointSlice mirroring controller:
// for a counter without a selector, whose owner writes its single-sheet
// roster (Endpoints) by hand, it copies the sheet into the desk's rosters
// (EndpointSlices), which are all the desk reads.
// Reference: pkg/controller/endpointslicemirroring.
type mirrorController struct {
	loop *sim.Loop
	api  *apiserver.Server
	// generateName names new slices, as the API server's generateName
	// (shared with the EndpointSlice controller: one API server).
	generateName func(prefix string) string
	// mirrored holds, per Endpoints the controller mirrored, that
	// Endpoints' uid, which owns its slices: the controller finds them by
	// it after the Endpoints is gone, as the real one's slice tracker
	// does.
	mirrored map[apiserver.Key]types.UID
}

func newMirrorController(loop *sim.Loop, api *apiserver.Server, generateName func(string) string) *mirrorController {
	return &mirrorController{loop: loop, api: api, generateName: generateName, mirrored: map[apiserver.Key]types.UID{}}
}

// sync brings the mirrored slices of the Endpoints k in line with it:
// made, rewritten or deleted, and a Warning event on the Endpoints for
// the addresses it could not mirror.
// Reference: endpointslicemirroring_controller.go (syncEndpoints).
func (mc *mirrorController) sync(k apiserver.Key, _ []*corev1.Pod) {
	ep, err := mc.api.Endpoints.GetShared(k.Namespace, k.Name)
	if err != nil {
		ep = nil
	}
	svc, err := mc.api.Services.GetShared(k.Namespace, k.Name)
	if err != nil {
		svc = nil
	}
	uid, tracked := mc.mirrored[k]
	mirrors := endpointslicemirroring.Mirrors(svc, ep)
	if !tracked && !mirrors {
		return // nothing mirrored, nothing to mirror: the common case
	}
	var existing []*discoveryv1.EndpointSlice
	if tracked {
		existing = endpointslicemirroring.Mirrored(k.Namespace, k.Name, mc.api.EndpointSlices.ListSharedByController(k.Namespace, uid))
	}
	var want []*discoveryv1.EndpointSlice
	var events []endpointslicemirroring.Event
	if mirrors {
		want, events = endpointslicemirroring.Desired(ep)
		mc.mirrored[k] = ep.UID
	} else {
		delete(mc.mirrored, k)
	}
	for _, e := range events {
		mc.loop.Record(sim.Record{
			Type: sim.Warning, Source: sim.Source{Component: "endpointslice-mirroring-controller"},
			Object: sim.ObjectRef{Kind: "Endpoints", Namespace: ep.Namespace, Name: ep.Name, UID: string(ep.UID)},
			Reason: e.Reason, Message: e.Message,
		})
	}
	applySliceChanges(mc.api, endpointslicemirroring.Reconcile(want, existing, mc.generateName))
}
