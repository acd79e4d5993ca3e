package server

import (
	"bytes"
	"encoding/json"
	"net/http"

	jsonpatch "gopkg.in/evanphx/json-patch.v4"

	"github.com/nodenucleus/nucleus/scenario"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/strategicpatch"
)

// patchTypes are the patch media types the server takes.
var patchTypes = []string{string(types.JSONPatchType), string(types.MergePatchType), string(types.StrategicMergePatchType)}

// applyPatch applies a patch of media type mt to the JSON of an object
// whose Go type is like dataStruct.
// Reference: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go
// (jsonPatcher, smpPatcher; server-side apply, applyPatcher, is
// serverSideApply).
func applyPatch(mt string, original, patch []byte, dataStruct any) ([]byte, error) {
	switch types.PatchType(mt) {
	case types.JSONPatchType:
		p, err := jsonpatch.DecodePatch(patch)
		if err != nil {
			return nil, badRequest("the server rejected our request due to an error in our request: %v", err)
		}
		out, err := p.Apply(original)
		if err != nil {
			return nil, badRequest("the server rejected our request due to an error in our request: %v", err)
		}
		return out, nil
	case types.MergePatchType:
		out, err := jsonpatch.MergePatch(original, patch)
		if err != nil {
			return nil, badRequest("the server rejected our request due to an error in our request: %v", err)
		}
		return out, nil
	case types.StrategicMergePatchType:
		out, err := strategicpatch.StrategicMergePatch(original, patch, dataStruct)
		if err != nil {
			return nil, badRequest("the server rejected our request due to an error in our request: %v", err)
		}
		return out, nil
	case types.ApplyYAMLPatchType, types.ApplyCBORPatchType:
		return nil, unsupportedMediaType(mt+" (nucleus takes server-side apply of an object, not of its scale)", patchTypes)
	}
	return nil, unsupportedMediaType(mt, patchTypes)
}

// patch serves PATCH on an object or a Deployment's, a StatefulSet's or a
// ReplicationController's scale: the patch is
// applied to the stored object, and the result goes through the same
// strict decoding as a create and the kind's update rules, then to the
// chain as an update action (a scale action for the scale, a store's
// cordon or uncordon for a Node patch that changes spec.unschedulable
// alone, as kubectl cordon, uncordon and drain send).
func (s *Server) patch(w http.ResponseWriter, req *http.Request, rq request) error {
	r := rq.r
	isScale := rq.sub == "scale" && scalable(r)
	if !isScale {
		if rq.sub != "" && !isResize(rq) || rq.name == "" {
			return methodNotAllowed(r, "patch", "nucleus takes no patch of "+r.plural+"/"+rq.sub)
		}
		if err := writable(r, "patch"); err != nil {
			return err
		}
	}
	mt := mediaType(req)
	if !isScale && (mt == string(types.ApplyYAMLPatchType) || mt == string(types.ApplyCBORPatchType)) {
		return s.serverSideApply(w, req, rq)
	}
	v, err := validationOf(req)
	if err != nil {
		return err
	}
	body, err := readBody(w, req)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.catchUp()
	cur, err := r.find(rq.ns, rq.name)
	s.mu.Unlock()
	if err != nil {
		return err
	}
	if isScale {
		sc := scaleOf(cur)
		original, _ := json.Marshal(sc)
		out, err := applyPatch(mt, original, body, &autoscalingv1.Scale{})
		if err != nil {
			return err
		}
		var next autoscalingv1.Scale
		if err := json.Unmarshal(out, &next); err != nil {
			return badRequest("Scale in version \"v1\" cannot be handled as a Scale: %v", err)
		}
		return s.scaleTo(w, rq, next.Spec.Replicas, "", writer(req))
	}
	cp := served(r, cur, 0)
	original, err := json.Marshal(cp)
	if err != nil {
		return err
	}
	out, err := applyPatch(mt, original, body, r.newObject())
	if err != nil {
		return err
	}
	if n, ok := cp.(*corev1.Node); ok {
		if done, err := s.cordon(w, rq, n, out, writer(req).dryRun); done || err != nil {
			return err
		}
	}
	o := r.newObject()
	warnings, err := decodeInto(r, out, o, v)
	if err != nil {
		return err
	}
	if o.GetName() != rq.name || o.GetNamespace() != rq.ns {
		return badRequest("metadata.name and metadata.namespace cannot be changed by a patch")
	}
	// A patch applies to the version it was read against: the stored one,
	// unless the patch names another (a precondition), which is then a
	// Conflict if it is not the latest.
	// Reference: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go
	// (a resourceVersion in the patch is checked by the update).
	if o.GetResourceVersion() == cur.GetResourceVersion() {
		o.SetResourceVersion("")
	}

	if isResize(rq) {
		return s.resize(w, r, o.(*corev1.Pod), warnings, writer(req))
	}
	return s.replace(w, r, o, warnings, writer(req))
}

// cordon serves a patch of a Node that changes spec.unschedulable and
// nothing else, as `kubectl cordon`, `uncordon` and `drain` send: a store
// action (cordon, uncordon) at the current instant, which the narration
// tells as the store closing to new hires. A server dry run (kubectl
// cordon --dry-run=server) answers the Node as it would be and changes
// nothing. It reports whether the patch was one; any other change of a
// Node is an update.
func (s *Server) cordon(w http.ResponseWriter, rq request, cur *corev1.Node, patched []byte, dryRun bool) (bool, error) {
	var next corev1.Node
	if err := json.Unmarshal(patched, &next); err != nil {
		return false, nil // the strict decoding that follows says what is wrong
	}
	want := next.Spec.Unschedulable
	next.Spec.Unschedulable = cur.Spec.Unschedulable
	a, _ := json.Marshal(cur)
	b, _ := json.Marshal(&next)
	if !bytes.Equal(a, b) || want == cur.Spec.Unschedulable {
		return false, nil
	}
	fault := scenario.Uncordon
	if want {
		fault = scenario.Cordon
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.catchUp()
	if dryRun {
		n, err := rq.r.find("", rq.name)
		if err != nil {
			return true, err
		}
		would := n.(*corev1.Node).DeepCopy()
		would.Spec.Unschedulable = want
		writeJSON(w, http.StatusOK, served(rq.r, would, s.clock.offset(s.c.Now())))
		return true, nil
	}
	if _, err := s.act(scenario.Action{Store: &scenario.StoreAction{Name: rq.name, Fault: fault}}); err != nil {
		return true, asStatus(rq.r, rq.name, err)
	}
	n, err := rq.r.find("", rq.name)
	if err != nil {
		return true, err
	}
	writeJSON(w, http.StatusOK, served(rq.r, n, s.clock.offset(s.c.Now())))
	return true, nil
}
