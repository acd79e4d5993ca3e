//lint:file-ignore SA1019 v1 Endpoints is served on purpose

package cluster

import (
	"math/rand/v2"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/endpoints"
	"github.com/nodenucleus/nucleus/sim"
)

// endpointsController is head office's Endpoints controller: beside the
// EndpointSlice controller, it keeps each Service's older single-sheet
// roster (the v1 Endpoints of the Service's name) in line with the pods.
// Nothing in the chain reads that sheet (the desks read the slices); it
// is there for the clients that still ask for it (kubectl get
// endpoints). It narrates nothing: the slices' line already tells the
// change.
// Reference: pkg/controller/endpoint/endpoints_controller.go.
type endpointsController struct {
	api *apiserver.Server
	// uids is the stream the Endpoints' uids come from, so that adding
	// the controller left every other object's uid as it was.
	uids *rand.Rand
}

func newEndpointsController(loop *sim.Loop, api *apiserver.Server) *endpointsController {
	return &endpointsController{api: api, uids: loop.Rand("apiserver/endpoints-uid")}
}

// sync writes the Endpoints of the Service k as pods, its namespace's,
// now stand: it
// creates one that is missing, updates one that changed, and deletes one
// whose Service is gone. The Endpoints of a Service the controller does
// not manage (no selector: its owner writes them) are left alone.
func (ec *endpointsController) sync(k apiserver.Key, pods []*corev1.Pod) {
	cur, err := ec.api.Endpoints.Get(k.Namespace, k.Name)
	exists := err == nil
	svc, err := ec.api.Services.Get(k.Namespace, k.Name)
	if err != nil {
		if exists {
			_ = ec.api.Endpoints.Delete(k.Namespace, k.Name)
		}
		return
	}
	want := endpoints.Desired(svc, pods)
	switch {
	case want == nil:
	case !exists:
		want.UID = apiserver.UIDFrom(ec.uids)
		_, _ = ec.api.Endpoints.Create(want)
	case endpoints.Changed(cur, want):
		endpoints.Overwrite(cur, want)
		_, _ = ec.api.Endpoints.Update(cur)
	}
}
