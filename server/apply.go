package server

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	metavalidation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/yaml"

	"github.com/nodenucleus/nucleus/apiserver"
)

// owner says how a write records its field manager: an Update by
// manager, or an apply whose result already carries its managedFields,
// the entries it touched stamped at. A dry run (dryRun=All, as kubectl
// diff and --dry-run=server send) is validated and answered with the
// object it would store, and changes nothing.
type owner struct {
	manager string
	sub     string // the subresource written, if any (resize)
	applied bool
	at      time.Time
	dryRun  bool
}

// writer returns the owner of a non-apply write: the fieldManager
// parameter or the client's User-Agent.
func writer(req *http.Request) owner {
	q := req.URL.Query()
	return owner{manager: managerOf(q.Get("fieldManager"), req.UserAgent()), dryRun: q.Get("dryRun") == metav1.DryRunAll}
}

// own keeps the managedFields of stored, the object a write left: an
// apply's, or those of an Update by ow's manager over cur (nil for a
// create), starting from the entries the client sent in sent, if any. A
// failure keeps the entries there were, as the API server does
// (UpdateNoErrors).
func (s *Server) own(r *resource, cur, sent, stored apiserver.Object, ow owner) {
	mf := sent.GetManagedFields()
	now := s.c.Now().Wall()
	if ow.applied {
		// The write came a moment after the merge (the chain moved
		// to the instant of the change): the entries carry that. (The
		// merged object came through JSON, in whole seconds.)
		// An apply to a subresource (resize) is recorded with it.
		for i := range mf {
			if mf[i].Time != nil && mf[i].Time.Unix() == ow.at.Unix() {
				mf[i].Time = &metav1.Time{Time: now}
				if mf[i].Operation == metav1.ManagedFieldsOperationApply && mf[i].Manager == ow.manager {
					mf[i].Subresource = ow.sub
				}
			}
		}
	} else {
		live := r.newObject()
		if cur != nil {
			live = served(r, cur, 0)
		}
		next := stored.DeepCopyObject().(apiserver.Object)
		next.SetManagedFields(mf)
		var err error
		if mf, err = s.owners.update(r, live, next, ow.manager, ow.sub, now); err != nil {
			return
		}
	}
	s.owners.set(r, stored, mf)
}

// serverSideApply serves PATCH with application/apply-patch+yaml: the
// body, a partial object in YAML (or JSON), is merged into the stored
// object by field ownership, or makes the object when there is none; a
// field another manager owns with another value is a Conflict unless
// force is set. The result goes to the chain as an update (or a create)
// like any other write.
// Reference: https://kubernetes.io/docs/reference/using-api/server-side-apply/
// and staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go
// (applyPatcher: createNewObject, applyPatchToCurrentObject).
func (s *Server) serverSideApply(w http.ResponseWriter, req *http.Request, rq request) error {
	r := rq.r
	q := req.URL.Query()
	opts := metav1.PatchOptions{FieldManager: q.Get("fieldManager"), FieldValidation: q.Get("fieldValidation"), DryRun: q["dryRun"]}
	if f := q.Get("force"); f != "" {
		force, err := strconv.ParseBool(f)
		if err != nil {
			return badRequest("force: Invalid value: %q", f)
		}
		opts.Force = &force
	}
	if errs := metavalidation.ValidatePatchOptions(&opts, types.ApplyYAMLPatchType); len(errs) > 0 {
		return apierrors.NewInvalid(metav1.SchemeGroupVersion.WithKind("PatchOptions").GroupKind(), "", errs)
	}
	v, err := validationOf(req)
	if err != nil {
		return err
	}
	body, err := readBody(w, req)
	if err != nil {
		return err
	}
	data, err := yaml.YAMLToJSON(body)
	if err != nil {
		return badRequest("error decoding YAML: %v", err)
	}
	patch := &unstructured.Unstructured{Object: map[string]any{}}
	if err := json.Unmarshal(data, &patch.Object); err != nil {
		return badRequest("error decoding YAML: %v", err)
	}
	if n := patch.GetName(); n != "" && n != rq.name {
		return badRequest("the name of the object (%s) does not match the name on the URL (%s)", n, rq.name)
	}
	if ns := patch.GetNamespace(); ns != "" && ns != rq.ns {
		return badRequest("the namespace of the provided object does not match the namespace sent on the request")
	}

	// The merge and the write are made at one instant, under the lock,
	// so that nothing comes between them.
	s.mu.Lock()
	defer s.mu.Unlock()
	s.catchUp()
	cur, err := r.find(rq.ns, rq.name)
	create := apierrors.IsNotFound(err)
	var live apiserver.Object
	switch {
	case create && isResize(rq):
		return err
	case create:
		if err := writable(r, "create"); err != nil {
			return err
		}
		live = r.newObject()
		live.SetName(rq.name)
		live.SetNamespace(rq.ns)
	case err != nil:
		return err
	default:
		live = served(r, cur, 0)
	}
	at := s.c.Now().Wall()
	out, err := s.owners.apply(r, live, patch, opts.FieldManager, opts.Force != nil && *opts.Force, at)
	if err != nil {
		return asStatus(r, rq.name, err)
	}
	// The body is checked strictly after the merge, as the API server
	// does: an error of the merge is answered first.
	warnings, err := strictYAML(body, v)
	if err != nil {
		return err
	}
	merged, err := json.Marshal(out)
	if err != nil {
		return err
	}
	o := r.newObject()
	if err := json.Unmarshal(merged, o); err != nil {
		return badRequest("%v", err)
	}
	if create {
		if errs := validate(o); len(errs) > 0 {
			return invalid(r, o.GetName(), errs)
		}
		return s.createLocked(w, r, o, warnings, owner{applied: true, at: at, dryRun: len(opts.DryRun) > 0})
	}
	if o.GetResourceVersion() == cur.GetResourceVersion() {
		o.SetResourceVersion("")
	}
	if isResize(rq) {
		return s.resizeLocked(w, r, o.(*corev1.Pod), warnings, owner{manager: opts.FieldManager, applied: true, at: at, dryRun: len(opts.DryRun) > 0})
	}
	return s.replaceLocked(w, r, o, warnings, owner{applied: true, at: at, dryRun: len(opts.DryRun) > 0})
}

// strictYAML checks an apply body for keys given twice, as fieldValidation
// asks: Strict refuses them with BadRequest ("error strict decoding YAML:
// ..."), Warn returns a warning per line of the decoder's error ("line 7:
// key \"a\" already set in map"), Ignore does not look.
// Reference: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go
// (applyPatcher.applyPatchToCurrentObject, parseYAMLWarnings).
func strictYAML(body []byte, v fieldValidation) ([]string, error) {
	if v == validationIgnore {
		return nil, nil
	}
	err := yaml.UnmarshalStrict(body, &map[string]any{})
	if err == nil {
		return nil, nil
	}
	if v == validationStrict {
		return nil, badRequest("error strict decoding YAML: %v", err)
	}
	msg := err.Error()
	for _, prefix := range []string{"error converting YAML to JSON: yaml: unmarshal errors:\n", "yaml: unmarshal errors:\n"} {
		if rest, ok := strings.CutPrefix(msg, prefix); ok {
			lines := strings.Split(rest, "\n")
			for i := range lines {
				lines[i] = strings.TrimSpace(lines[i])
			}
			return lines, nil
		}
	}
	return []string{msg}, nil
}
