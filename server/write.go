//lint:file-ignore SA1019 v1 Endpoints is served on purpose

package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	policyv1 "k8s.io/api/policy/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/controller"
	"github.com/nodenucleus/nucleus/endpoints"
	"github.com/nodenucleus/nucleus/endpointslice"
	"github.com/nodenucleus/nucleus/manifest"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/service"
	"github.com/nodenucleus/nucleus/sim"
)

// defaulted returns a copy of o with the defaults the ledger gives it,
// for the kinds whose defaults the server knows before the chain takes
// the object.
func defaulted(o apiserver.Object) apiserver.Object {
	cp := o.DeepCopyObject().(apiserver.Object)
	switch cp := cp.(type) {
	case *corev1.Pod:
		pod.Default(cp)
	case *corev1.Service:
		service.Default(cp)
	case *appsv1.Deployment:
		controller.DefaultDeployment(cp)
	case *appsv1.ReplicaSet:
		controller.DefaultReplicaSet(cp)
	case *policyv1.PodDisruptionBudget:
		controller.DefaultPodDisruptionBudget(cp)
	case *corev1.Namespace:
		apiserver.DefaultNamespace(cp)
	case *corev1.Endpoints:
		endpoints.Default(cp)
	case *discoveryv1.EndpointSlice:
		endpointslice.DefaultSlice(cp)
	}
	return cp
}

// validate defaults a copy of o and validates it as the ledger will, so a
// bad object is refused with Invalid and its field causes before it
// reaches the chain.
func validate(o apiserver.Object) field.ErrorList {
	switch o := defaulted(o).(type) {
	case *corev1.Pod:
		return pod.Validate(o)
	case *corev1.Service:
		return service.Validate(o)
	case *appsv1.Deployment:
		return controller.ValidateDeployment(o)
	case *appsv1.ReplicaSet:
		return controller.ValidateReplicaSet(o)
	case *policyv1.PodDisruptionBudget:
		return controller.ValidatePodDisruptionBudget(o)
	case *corev1.Namespace:
		return apiserver.ValidateNamespace(o)
	case *corev1.Endpoints:
		return endpoints.Validate(o)
	case *discoveryv1.EndpointSlice:
		return endpointslice.ValidateSlice(o)
	}
	return nil
}

// applied returns what the recording keeps of an object a client wrote,
// whatever its kind: its type, name, namespace, labels, annotations,
// owners, finalizers and every field but status (spec, or a ConfigMap's
// data); what head office fills in (uid, versions, timestamps, status)
// is left out, as a manifest leaves it out.
func applied(r *resource, o apiserver.Object) ([]byte, error) {
	data, err := json.Marshal(o)
	if err != nil {
		return nil, err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return nil, err
	}
	meta, err := json.Marshal(metav1.ObjectMeta{
		Name: o.GetName(), Namespace: o.GetNamespace(), Labels: o.GetLabels(), Annotations: o.GetAnnotations(),
		OwnerReferences: o.GetOwnerReferences(), Finalizers: o.GetFinalizers(),
	})
	if err != nil {
		return nil, err
	}
	fields["metadata"] = meta
	fields["apiVersion"], _ = json.Marshal(r.groupVersion())
	fields["kind"], _ = json.Marshal(r.kind)
	delete(fields, "status")
	return json.Marshal(fields) // keys sorted: apiVersion, kind, metadata, spec
}

// act makes a client's change as an action of the scenario, at the
// current instant, and returns the warnings to send. The caller holds the
// lock.
func (s *Server) act(a scenario.Action) ([]string, error) {
	if s.c.Now() >= sim.Time(scenario.MaxDuration-time.Second) {
		return nil, apierrors.NewServiceUnavailable(fmt.Sprintf("virtual time has reached %s, the longest a scenario runs: the chain stands still and takes no more changes, so that the recording replays; start nucleus serve again", scenario.MaxDuration))
	}
	s.settle()
	ws, err := s.sc.Act(s.run, a)
	msgs := make([]string, len(ws))
	for i, w := range ws {
		// The path inside the object, after spec.actions[N].apply. or
		// .update.
		path := w.Path
		if _, rest, ok := strings.Cut(path, "]."); ok {
			_, path, _ = strings.Cut(rest, ".")
		}
		msgs[i] = path + ": " + w.Message
	}
	return msgs, err
}

// writable reports whether r takes verb, or returns MethodNotAllowed.
func writable(r *resource, verb string) error {
	for _, v := range r.writable {
		if v == verb {
			return nil
		}
	}
	return methodNotAllowed(r, verb, "nucleus simulates this kind but does not take this change from a client")
}

// create serves POST on a collection: decode, default and validate, then
// apply the object to the chain as a scenario action.
func (s *Server) create(w http.ResponseWriter, req *http.Request, rq request) error {
	r := rq.r
	if err := writable(r, "create"); err != nil {
		return err
	}
	o, warnings, err := s.decodeRequest(w, req, r)
	if err != nil {
		return err
	}
	if err := placeIn(o, rq.ns); err != nil {
		return err
	}
	return s.createObject(w, r, o, warnings, writer(req))
}

// createObject makes o, validated, with the chain as a scenario apply
// action, records its field manager, and writes the stored object, 201.
func (s *Server) createObject(w http.ResponseWriter, r *resource, o apiserver.Object, warnings []string, ow owner) error {
	if o.GetName() == "" && o.GetGenerateName() != "" {
		o.SetName(o.GetGenerateName() + randomSuffix())
	}
	if errs := validate(o); len(errs) > 0 {
		return invalid(r, o.GetName(), errs)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.catchUp()
	return s.createLocked(w, r, o, warnings, ow)
}

// createLocked is createObject's write, o validated. The caller holds the
// lock.
func (s *Server) createLocked(w http.ResponseWriter, r *resource, o apiserver.Object, warnings []string, ow owner) error {
	if _, err := r.find(o.GetNamespace(), o.GetName()); err == nil {
		return apierrors.NewAlreadyExists(r.groupResource(), o.GetName())
	}
	if ow.dryRun {
		d := defaulted(o)
		d.SetCreationTimestamp(metav1.NewTime(s.c.Now().Wall()))
		warn(w, warnings)
		writeJSON(w, http.StatusCreated, served(r, d, s.clock.offset(s.c.Now())))
		return nil
	}
	stored, more, err := s.apply(r, o)
	if err != nil {
		return err
	}
	s.own(r, nil, o, stored, ow)
	warn(w, append(warnings, more...))
	writeJSON(w, http.StatusCreated, served(r, stored, s.clock.offset(s.c.Now())))
	return nil
}

// apply applies o as a scenario action and returns the stored object.
// The caller holds the lock.
func (s *Server) apply(r *resource, o apiserver.Object) (apiserver.Object, []string, error) {
	return s.write(r, o, func(raw *json.RawMessage) scenario.Action { return scenario.Action{Apply: raw} })
}

// change makes o the stored object of its name as a scenario update
// action and returns the stored object. The caller holds the lock.
func (s *Server) change(r *resource, o apiserver.Object) (apiserver.Object, []string, error) {
	return s.write(r, o, func(raw *json.RawMessage) scenario.Action { return scenario.Action{Update: raw} })
}

// write records o as the action verb makes of it, does it, and returns
// the stored object. The caller holds the lock.
func (s *Server) write(r *resource, o apiserver.Object, verb func(*json.RawMessage) scenario.Action) (apiserver.Object, []string, error) {
	raw, err := applied(r, o)
	if err != nil {
		return nil, nil, err
	}
	msg := json.RawMessage(raw)
	ws, err := s.act(verb(&msg))
	if err != nil {
		return nil, ws, asStatus(r, o.GetName(), err)
	}
	stored, err := r.find(o.GetNamespace(), o.GetName())
	return stored, ws, err
}

// unchanged reports whether o, written over cur, would change nothing
// that an update changes (labels, annotations, spec), so that a PUT or a
// patch of nothing (kubectl apply of the same manifest) is not recorded.
func unchanged(r *resource, cur, o apiserver.Object) bool {
	a, errA := applied(r, cur)
	b, errB := applied(r, o)
	return errA == nil && errB == nil && bytes.Equal(a, b)
}

// asStatus turns an action's error into an API status: an API status
// stays as it is, a manifest error (a field the decoder refused) is
// Invalid, anything else is a BadRequest.
func asStatus(r *resource, name string, err error) error {
	if _, ok := err.(apierrors.APIStatus); ok {
		return err
	}
	if me, ok := err.(*manifest.Error); ok {
		if detail, ok := strings.CutPrefix(me.Reason, "Invalid value: "); ok {
			// The reason names the value already (a scale past the
			// run's ceiling): say it once.
			return invalid(r, name, field.ErrorList{field.Invalid(field.NewPath(objectPath(me.Path)), field.OmitValueType{}, detail)})
		}
		return invalid(r, name, field.ErrorList{field.Invalid(field.NewPath(objectPath(me.Path)), nil, me.Reason)})
	}
	return badRequest("%v", err)
}

// objectPath returns the path of a field inside the object a client sent,
// for the path of an action that made it: spec.actions[N].apply.spec.replicas
// is the object's spec.replicas, and spec.actions[N].scale.replicas, the
// scale subresource's, the target's spec.replicas too.
func objectPath(p string) string {
	rest, ok := strings.CutPrefix(p, "spec.actions[")
	if !ok {
		return p
	}
	_, rest, ok = strings.Cut(rest, "].")
	if !ok {
		return p
	}
	verb, inside, _ := strings.Cut(rest, ".")
	if verb == "scale" {
		return "spec." + inside
	}
	return inside
}

// placeIn gives o the request's namespace, refusing a different one.
func placeIn(o apiserver.Object, ns string) error {
	switch {
	case o.GetNamespace() == "":
		o.SetNamespace(ns)
	case ns != "" && o.GetNamespace() != ns:
		return badRequest("the namespace of the provided object does not match the namespace sent on the request")
	}
	return nil
}

// randomSuffix is the five characters the API server adds to a
// generateName.
func randomSuffix() string {
	const alphabet = "bcdfghjklmnpqrstvwxz2456789"
	b := make([]byte, 5)
	for i := range b {
		b[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return string(b)
}

// decodeRequest reads and decodes a JSON body into a new object of r.
func (s *Server) decodeRequest(w http.ResponseWriter, req *http.Request, r *resource) (apiserver.Object, []string, error) {
	mt := mediaType(req)
	if mt != "application/json" && mt != "" && mt != protobufType {
		return nil, nil, unsupportedMediaType(mt, []string{"application/json", protobufType})
	}
	v, err := validationOf(req)
	if err != nil {
		return nil, nil, err
	}
	data, err := readBody(w, req)
	if err != nil {
		return nil, nil, err
	}
	if mt == protobufType {
		if data, err = protoToJSON(r, data); err != nil {
			return nil, nil, err
		}
	}
	o := r.newObject()
	ws, err := decodeInto(r, data, o, v)
	if err != nil {
		return nil, nil, err
	}
	_, offset := s.clock.servedNow()
	shiftTimes(o, -offset)
	return o, ws, nil
}

// update serves PUT on an object or its scale.
func (s *Server) update(w http.ResponseWriter, req *http.Request, rq request) error {
	r := rq.r
	if rq.sub == "scale" && scalable(r) {
		return s.updateScale(w, req, rq)
	}
	if rq.sub != "" && !isResize(rq) || rq.name == "" {
		return methodNotAllowed(r, "update", "nucleus takes no update of "+r.plural+"/"+rq.sub)
	}
	if err := writable(r, "update"); err != nil {
		return err
	}
	o, warnings, err := s.decodeRequest(w, req, r)
	if err != nil {
		return err
	}
	if err := placeIn(o, rq.ns); err != nil {
		return err
	}
	if o.GetName() != rq.name {
		return badRequest("the name of the object (%s) does not match the name on the URL (%s)", o.GetName(), rq.name)
	}
	if isResize(rq) {
		return s.resize(w, r, o.(*corev1.Pod), warnings, writer(req))
	}
	return s.replace(w, r, o, warnings, writer(req))
}

// replace puts o in place of the stored object of that name, as an
// update action, refusing a stale resourceVersion with Conflict and what
// the kind's update rules refuse with Invalid, records ow's field manager,
// and writes the stored result. An update that changes nothing is
// answered with the object as it is, and not recorded (its managedFields
// may still change, as a client may write them alone).
func (s *Server) replace(w http.ResponseWriter, r *resource, o apiserver.Object, warnings []string, ow owner) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.catchUp()
	return s.replaceLocked(w, r, o, warnings, ow)
}

// replaceLocked is replace with the lock held.
func (s *Server) replaceLocked(w http.ResponseWriter, r *resource, o apiserver.Object, warnings []string, ow owner) error {
	cur, err := r.find(o.GetNamespace(), o.GetName())
	if err != nil {
		return err
	}
	if rv := o.GetResourceVersion(); rv != "" && rv != cur.GetResourceVersion() {
		return conflict(r, o.GetName())
	}
	errs, err := s.c.ValidateUpdate(o)
	if err != nil {
		return asStatus(r, o.GetName(), err)
	}
	if len(errs) > 0 {
		return invalid(r, o.GetName(), errs)
	}
	if ow.dryRun {
		d := defaulted(o)
		d.SetUID(cur.GetUID())
		d.SetCreationTimestamp(cur.GetCreationTimestamp())
		d.SetResourceVersion(cur.GetResourceVersion())
		warn(w, warnings)
		writeJSON(w, http.StatusOK, served(r, d, s.clock.offset(s.c.Now())))
		return nil
	}
	if unchanged(r, cur, o) {
		s.own(r, cur, o, cur, ow)
		warn(w, warnings)
		writeJSON(w, http.StatusOK, served(r, cur, s.clock.offset(s.c.Now())))
		return nil
	}
	stored, more, err := s.change(r, o)
	if err != nil {
		return err
	}
	s.own(r, cur, o, stored, ow)
	warn(w, append(warnings, more...))
	writeJSON(w, http.StatusOK, served(r, stored, s.clock.offset(s.c.Now())))
	return nil
}

// conflict is the API server's optimistic-concurrency refusal.
func conflict(r *resource, name string) error {
	return apierrors.NewConflict(r.groupResource(), name,
		fmt.Errorf("the object has been modified; please apply your changes to the latest version and try again"))
}

// scaleOf returns the Scale of a Deployment, a StatefulSet or a
// ReplicationController.
// Reference: pkg/registry/apps/deployment/storage/storage.go and
// pkg/registry/apps/statefulset/storage/storage.go (scaleFromDeployment,
// scaleFromStatefulSet).
func scaleOf(o apiserver.Object) *autoscalingv1.Scale {
	if rc, ok := o.(*corev1.ReplicationController); ok {
		return rcScaleOf(rc)
	}
	var replicas *int32
	var current int32
	var selector *metav1.LabelSelector
	switch o := o.(type) {
	case *appsv1.Deployment:
		replicas, current, selector = o.Spec.Replicas, o.Status.Replicas, o.Spec.Selector
	case *appsv1.StatefulSet:
		replicas, current, selector = o.Spec.Replicas, o.Status.Replicas, o.Spec.Selector
	}
	sel, _ := metav1.LabelSelectorAsSelector(selector)
	sc := &autoscalingv1.Scale{
		TypeMeta: metav1.TypeMeta{Kind: "Scale", APIVersion: "autoscaling/v1"},
		ObjectMeta: metav1.ObjectMeta{Name: o.GetName(), Namespace: o.GetNamespace(), UID: o.GetUID(),
			ResourceVersion: o.GetResourceVersion(), CreationTimestamp: o.GetCreationTimestamp()},
		Status: autoscalingv1.ScaleStatus{Replicas: current},
	}
	if replicas != nil {
		sc.Spec.Replicas = *replicas
	}
	if sel != nil {
		sc.Status.Selector = sel.String()
	}
	return sc
}

// scalable reports whether r has a scale subresource.
func scalable(r *resource) bool {
	return r.kind == "Deployment" || r.kind == "StatefulSet" || r.kind == "ReplicationController"
}

// getScale serves GET on a Deployment's, a StatefulSet's or a
// ReplicationController's scale.
func (s *Server) getScale(w http.ResponseWriter, _ *http.Request, rq request) error {
	if !scalable(rq.r) {
		return s.unknownSubresource(rq)
	}
	s.mu.Lock()
	s.catchUp()
	o, err := rq.r.find(rq.ns, rq.name)
	offset := s.clock.offset(s.c.Now())
	s.mu.Unlock()
	if err != nil {
		return err
	}
	sc := scaleOf(o)
	shiftTimes(sc, offset)
	writeJSON(w, http.StatusOK, sc)
	return nil
}

// updateScale serves PUT on a Deployment's, a StatefulSet's or a
// ReplicationController's scale.
func (s *Server) updateScale(w http.ResponseWriter, req *http.Request, rq request) error {
	data, err := readBody(w, req)
	if err != nil {
		return err
	}
	var sc autoscalingv1.Scale
	if err := decodeLoose(mediaType(req), data, &sc, "Scale"); err != nil {
		return err
	}
	return s.scaleTo(w, rq, sc.Spec.Replicas, sc.ResourceVersion, writer(req))
}

// scaleTo sets a Deployment's, a StatefulSet's or a
// ReplicationController's replicas as a scale action, and records ow's
// manager as the owner of the replicas, through the scale subresource.
func (s *Server) scaleTo(w http.ResponseWriter, rq request, replicas int32, rv string, ow owner) error {
	if replicas < 0 {
		return apierrors.NewInvalid(autoscalingv1.SchemeGroupVersion.WithKind("Scale").GroupKind(), rq.name,
			field.ErrorList{field.Invalid(field.NewPath("spec", "replicas"), replicas, "must be greater than or equal to 0")})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.catchUp()
	cur, err := rq.r.find(rq.ns, rq.name)
	if err != nil {
		return err
	}
	if rv != "" && rv != cur.GetResourceVersion() {
		return conflict(rq.r, rq.name)
	}
	if ow.dryRun {
		// A server dry run answers the Scale as it would be, and changes
		// nothing.
		sc := scaleOf(cur)
		sc.Spec.Replicas = replicas
		shiftTimes(sc, s.clock.offset(s.c.Now()))
		writeJSON(w, http.StatusOK, sc)
		return nil
	}
	a := &scenario.ScaleAction{Deployment: rq.name, Namespace: rq.ns, Replicas: replicas}
	switch rq.r.kind {
	case "StatefulSet":
		a.Deployment, a.StatefulSet = "", rq.name
	case "ReplicationController":
		a.Deployment, a.ReplicationController = "", rq.name
	}
	if _, err := s.act(scenario.Action{Scale: a}); err != nil {
		return asStatus(rq.r, rq.name, err)
	}
	d, err := rq.r.find(rq.ns, rq.name)
	if err != nil {
		return err
	}
	if mf, err := s.owners.scaled(rq.r, served(rq.r, cur, 0), d, ow.manager, s.c.Now().Wall()); err == nil {
		s.owners.set(rq.r, d, mf)
	}
	sc := scaleOf(d)
	shiftTimes(sc, s.clock.offset(s.c.Now()))
	writeJSON(w, http.StatusOK, sc)
	return nil
}

// deleteOptions reads the DeleteOptions of a delete, from its body and
// its query, as the API server does.
func deleteOptions(w http.ResponseWriter, req *http.Request) (metav1.DeleteOptions, error) {
	var opts metav1.DeleteOptions
	data, err := readBody(w, req)
	if err != nil {
		return opts, err
	}
	if len(data) > 0 {
		if err := decodeLoose(mediaType(req), data, &opts, "DeleteOptions"); err != nil {
			return opts, err
		}
	}
	q := req.URL.Query()
	if g := q.Get("gracePeriodSeconds"); g != "" {
		n, err := strconv.ParseInt(g, 10, 64)
		if err != nil {
			return opts, badRequest("gracePeriodSeconds: Invalid value: %q", g)
		}
		opts.GracePeriodSeconds = &n
	}
	if d, ok := q["dryRun"]; ok {
		opts.DryRun = d
	}
	if err := checkDryRun(opts.DryRun, "DeleteOptions"); err != nil {
		return opts, err
	}
	if p := q.Get("propagationPolicy"); p != "" {
		pp := metav1.DeletionPropagation(p)
		opts.PropagationPolicy = &pp
	}
	if pp := opts.PropagationPolicy; pp != nil {
		switch *pp {
		case metav1.DeletePropagationOrphan, metav1.DeletePropagationBackground, metav1.DeletePropagationForeground:
		default:
			return opts, apierrors.NewInvalid(metav1.SchemeGroupVersion.WithKind("DeleteOptions").GroupKind(), "",
				field.ErrorList{field.NotSupported(field.NewPath("propagationPolicy"), *pp, []string{"Foreground", "Background", "Orphan", "nil"})})
		}
	}
	return opts, nil
}

// delete serves DELETE on a Pod (gracefully, as its store manager stops
// it) or a Service, as a scenario delete action. The answer is the pod
// as it stands, terminating, or a Success status once it is gone.
func (s *Server) delete(w http.ResponseWriter, req *http.Request, rq request) error {
	r := rq.r
	if rq.sub != "" {
		return methodNotAllowed(r, "delete", "")
	}
	if err := writable(r, "delete"); err != nil {
		return err
	}
	opts, err := deleteOptions(w, req)
	if err != nil {
		return err
	}
	if err := propagation(r, opts.PropagationPolicy); err != nil {
		return err
	}
	return s.remove(w, rq, opts.GracePeriodSeconds, opts.Preconditions, len(opts.DryRun) > 0)
}

// checkDryRun refuses a dryRun value other than All, the only one the
// API server knows, as it refuses it: Invalid, on the options of kind.
// Reference: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go
// (ValidateDryRun: supported values "All").
func checkDryRun(values []string, kind string) error {
	for _, v := range values {
		if v != metav1.DryRunAll {
			return apierrors.NewInvalid(metav1.SchemeGroupVersion.WithKind(kind).GroupKind(), "",
				field.ErrorList{field.NotSupported(field.NewPath("dryRun"), values, []string{metav1.DryRunAll})})
		}
	}
	return nil
}

// wouldStand returns cur as a server dry run of its delete (kubectl
// delete --dry-run=server) answers it: a pod a store manager would stop
// gracefully, its deletion stamped; nil for anything deleted at once,
// which the real delete answers with a Success status.
// Reference: https://kubernetes.io/docs/reference/using-api/api-concepts/#dry-run
// and pkg/registry/core/pod/strategy.go (CheckGracefulDelete: a pod not
// on a node, or already finished, is deleted with no grace).
func (s *Server) wouldStand(cur apiserver.Object, grace *int64) apiserver.Object {
	p, ok := cur.(*corev1.Pod)
	if !ok || p.DeletionTimestamp != nil {
		return nil
	}
	g := int64(corev1.DefaultTerminationGracePeriodSeconds)
	if p.Spec.TerminationGracePeriodSeconds != nil {
		g = *p.Spec.TerminationGracePeriodSeconds
	}
	if grace != nil {
		g = *grace
	}
	if g <= 0 || p.Spec.NodeName == "" || p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed {
		return nil
	}
	d := p.DeepCopy()
	at := metav1.NewTime(s.c.Now().Wall().Add(time.Duration(g) * time.Second))
	d.DeletionTimestamp, d.DeletionGracePeriodSeconds = &at, &g
	return d
}

// propagation refuses the propagation policies nucleus does not simulate
// for a kind whose objects have dependents (a Deployment's ReplicaSets, a
// ReplicaSet's pods): they always go after their owner, as with
// Background. Orphan and Foreground would leave them, or keep the owner
// until they are gone; rather than do Background silently, the server
// says so. For a kind without dependents every policy deletes the same.
// Reference: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go
// (deletionFinalizersForGarbageCollection: Orphan adds the orphan
// finalizer, Foreground the foregroundDeletion one).
func propagation(r *resource, pp *metav1.DeletionPropagation) error {
	if pp == nil || *pp == metav1.DeletePropagationBackground || (r.kind != "Deployment" && r.kind != "ReplicaSet") {
		return nil
	}
	return apierrors.NewBadRequest(fmt.Sprintf("propagationPolicy %s is not simulated by nucleus: a %s's dependents always go after it, as with Background (kubectl delete --cascade=background, the default)", *pp, r.kind))
}

// remove deletes rq's object as a scenario action (or, for a server dry
// run, deletes nothing) and answers with the object as it stands after
// the delete, or a Success status once it is gone.
func (s *Server) remove(w http.ResponseWriter, rq request, grace *int64, pre *metav1.Preconditions, dry bool) error {
	r := rq.r
	s.mu.Lock()
	defer s.mu.Unlock()
	s.catchUp()
	cur, err := r.find(rq.ns, rq.name)
	if err != nil {
		return err
	}
	if err := checkPreconditions(r, rq.name, cur, pre); err != nil {
		return err
	}
	var after apiserver.Object
	if dry {
		after = s.wouldStand(cur, grace)
	} else {
		if err := s.deleteNow(r, rq.ns, rq.name, grace); err != nil {
			return err
		}
		if o, err := r.find(rq.ns, rq.name); err == nil {
			after = o
		}
	}
	if after != nil {
		writeJSON(w, http.StatusOK, served(r, after, s.clock.offset(s.c.Now())))
		return nil
	}
	writeJSON(w, http.StatusOK, &metav1.Status{
		TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"},
		Status:   metav1.StatusSuccess,
		Details:  &metav1.StatusDetails{Name: rq.name, Group: r.group, Kind: r.plural, UID: cur.GetUID()},
	})
	return nil
}

// checkPreconditions refuses a write whose preconditions (uid,
// resourceVersion) the stored object does not meet, with Conflict.
func checkPreconditions(r *resource, name string, cur apiserver.Object, pre *metav1.Preconditions) error {
	if pre != nil && pre.UID != nil && *pre.UID != cur.GetUID() {
		return apierrors.NewConflict(r.groupResource(), name, fmt.Errorf("precondition failed: UID in precondition: %v, UID in object meta: %v", *pre.UID, cur.GetUID()))
	}
	if pre != nil && pre.ResourceVersion != nil && *pre.ResourceVersion != cur.GetResourceVersion() {
		return conflict(r, name)
	}
	return nil
}

// deleteNow deletes ns/name of r as a scenario delete action. The caller
// holds the lock.
func (s *Server) deleteNow(r *resource, ns, name string, grace *int64) error {
	if _, err := s.act(scenario.Action{Delete: &scenario.DeleteAction{Kind: r.kind, Name: name, Namespace: ns, GracePeriodSeconds: grace}}); err != nil {
		return asStatus(r, name, err)
	}
	return nil
}

// deleteCollection serves DELETE on a collection: every selected object
// is deleted, one delete action each, in the order of the list, and the
// answer is the list of them as they stand after their delete (a pod
// terminating, or as it was when it is gone).
// Reference: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go
// (DeleteCollection: list with the options' selectors, delete each).
func (s *Server) deleteCollection(w http.ResponseWriter, req *http.Request, rq request) error {
	r := rq.r
	if err := writable(r, "delete"); err != nil {
		return err
	}
	opts, err := deleteOptions(w, req)
	if err != nil {
		return err
	}
	if err := propagation(r, opts.PropagationPolicy); err != nil {
		return err
	}
	sel, err := selectionOf(req, rq)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.catchUp()
	var chosen []apiserver.Object
	for _, o := range r.list() {
		ok, err := sel.matches(r, o)
		if err != nil {
			return err
		}
		if ok {
			chosen = append(chosen, o)
		}
	}
	items := make([]json.RawMessage, 0, len(chosen))
	for _, o := range chosen {
		if len(opts.DryRun) > 0 {
			// A dry run lists what it would delete, as it stands.
			data, err := json.Marshal(served(r, o, s.clock.offset(s.c.Now())))
			if err != nil {
				return err
			}
			items = append(items, data)
			continue
		}
		if err := s.deleteNow(r, o.GetNamespace(), o.GetName(), opts.GracePeriodSeconds); err != nil {
			return err
		}
		if now, err := r.find(o.GetNamespace(), o.GetName()); err == nil {
			o = now
		}
		data, err := json.Marshal(served(r, o, s.clock.offset(s.c.Now())))
		if err != nil {
			return err
		}
		items = append(items, data)
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"kind": r.kind + "List", "apiVersion": r.groupVersion(),
		"metadata": map[string]string{"resourceVersion": s.versionOf(r)}, "items": items,
	})
	return nil
}

// bind serves POST on a pod's binding, as a scheduler of a client's own
// sends it: a bind action at the current instant. The answer is a
// Success status, 201, as the API server gives.
// Reference: pkg/registry/core/pod/storage/storage.go (BindingREST.Create).
func (s *Server) bind(w http.ResponseWriter, req *http.Request, rq request) error {
	if rq.r.kind != "Pod" {
		return s.unknownSubresource(rq)
	}
	data, err := readBody(w, req)
	if err != nil {
		return err
	}
	var b corev1.Binding
	if err := decodeLoose(mediaType(req), data, &b, "Binding"); err != nil {
		return err
	}
	if b.Name != "" && b.Name != rq.name {
		return badRequest("the name of the binding (%s) does not match the name of the pod (%s)", b.Name, rq.name)
	}
	dryRun := req.URL.Query()["dryRun"]
	if err := checkDryRun(dryRun, "CreateOptions"); err != nil {
		return err
	}
	if b.Target.Name == "" {
		return apierrors.NewInvalid(corev1.SchemeGroupVersion.WithKind("Binding").GroupKind(), rq.name,
			field.ErrorList{field.Required(field.NewPath("target", "name"), "")})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.catchUp()
	cur, err := rq.r.find(rq.ns, rq.name)
	if err != nil {
		return err
	}
	if node := cur.(*corev1.Pod).Spec.NodeName; node != "" {
		return apierrors.NewConflict(rq.r.groupResource(), rq.name, fmt.Errorf("pod %s is already assigned to node %q", rq.name, node))
	}
	if len(dryRun) > 0 {
		// A rehearsal: the same checks and answer, and the pod stays
		// unbound.
		writeJSON(w, http.StatusCreated, &metav1.Status{TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"}, Status: metav1.StatusSuccess})
		return nil
	}
	if _, err := s.act(scenario.Action{Bind: &scenario.BindAction{Pod: rq.name, Namespace: rq.ns, Store: b.Target.Name}}); err != nil {
		return asStatus(rq.r, rq.name, err)
	}
	writeJSON(w, http.StatusCreated, &metav1.Status{TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"}, Status: metav1.StatusSuccess})
	return nil
}

// evict serves POST on a pod's eviction: an evict action, which deletes
// the pod with the eviction's options unless that would break the pod's
// disruption budget; then the answer is the eviction API's 429 (or 500
// for a pod two budgets cover), which kubectl drain retries.
// Reference: pkg/registry/core/pod/storage/eviction.go (201 with a Success
// status; 429 TooManyRequests "Cannot evict pod as it would violate the
// pod's disruption budget.").
func (s *Server) evict(w http.ResponseWriter, req *http.Request, rq request) error {
	if rq.r.kind != "Pod" {
		return s.unknownSubresource(rq)
	}
	data, err := readBody(w, req)
	if err != nil {
		return err
	}
	var ev policyv1.Eviction
	if err := decodeLoose(mediaType(req), data, &ev, "Eviction"); err != nil {
		return err
	}
	if ev.Name != "" && ev.Name != rq.name {
		return badRequest("name in URL does not match name in Eviction object")
	}
	dryRun := req.URL.Query()["dryRun"]
	if ev.DeleteOptions != nil && len(ev.DeleteOptions.DryRun) > 0 {
		dryRun = ev.DeleteOptions.DryRun
	}
	if err := checkDryRun(dryRun, "DeleteOptions"); err != nil {
		return err
	}
	var grace *int64
	var pre *metav1.Preconditions
	if ev.DeleteOptions != nil {
		grace, pre = ev.DeleteOptions.GracePeriodSeconds, ev.DeleteOptions.Preconditions
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.catchUp()
	cur, err := rq.r.find(rq.ns, rq.name)
	if err != nil {
		return err
	}
	if err := checkPreconditions(rq.r, rq.name, cur, pre); err != nil {
		return err
	}
	if len(dryRun) > 0 {
		// A rehearsal: the budget's answer, and nothing changes.
		if err := s.c.EvictDryRun(rq.ns, rq.name); err != nil {
			return asStatus(rq.r, rq.name, err)
		}
		writeJSON(w, http.StatusCreated, &metav1.Status{TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"}, Status: metav1.StatusSuccess})
		return nil
	}
	if _, err := s.act(scenario.Action{Evict: &scenario.EvictAction{Pod: rq.name, Namespace: rq.ns, GracePeriodSeconds: grace}}); err != nil {
		return asStatus(rq.r, rq.name, err)
	}
	writeJSON(w, http.StatusCreated, &metav1.Status{TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"}, Status: metav1.StatusSuccess})
	return nil
}
