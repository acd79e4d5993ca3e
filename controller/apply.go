package controller

import (
	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/apiserver"
)

// CreateDeployment is the API server's side of creating a Deployment:
// it defaults and validates a copy of d, sets metadata.generation to 1 and
// stores it. It returns the stored Deployment, or an error naming the
// invalid fields.
func CreateDeployment(api *apiserver.Server, d *appsv1.Deployment) (*appsv1.Deployment, error) {
	d = d.DeepCopy()
	DefaultDeployment(d)
	if errs := ValidateDeployment(d); len(errs) > 0 {
		return nil, invalidError("deployment", d.Name, errs)
	}
	d.Generation = 1
	d.Status = appsv1.DeploymentStatus{}
	return api.Deployments.Create(d)
}

// UpdateDeployment is the API server's side of changing a Deployment's
// spec (kubectl apply, edit, scale, set image): it defaults and validates a
// copy of d, keeps the stored status, and bumps metadata.generation when
// the spec changed. It returns the stored Deployment.
func UpdateDeployment(api *apiserver.Server, d *appsv1.Deployment) (*appsv1.Deployment, error) {
	return updateSpec(api.Deployments, d, "deployment", DefaultDeployment,
		func(d, _ *appsv1.Deployment) field.ErrorList { return ValidateDeployment(d) },
		func(d, cur *appsv1.Deployment) bool {
			d.Status = cur.Status
			return !equality.Semantic.DeepEqual(cur.Spec, d.Spec)
		})
}

// updateSpec is the API server's side of changing an object's spec, for
// every kind whose status the change leaves alone: it defaults a copy of
// next with def, validates it as the replacement of the stored object,
// keeps the stored UID and generation, and lets keep copy the stored
// status over and say whether the spec changed, which bumps the
// generation. It returns the stored object, or an error naming the
// invalid fields.
func updateSpec[T apiserver.Object](store *apiserver.Store[T], next T, kind string, def func(T), validate func(next, cur T) field.ErrorList, keep func(next, cur T) (specChanged bool)) (T, error) {
	cur, err := store.Get(next.GetNamespace(), next.GetName())
	if err != nil {
		var none T
		return none, err
	}
	next = next.DeepCopyObject().(T)
	def(next)
	if errs := validate(next, cur); len(errs) > 0 {
		var none T
		return none, invalidError(kind, next.GetName(), errs)
	}
	next.SetUID(cur.GetUID())
	next.SetGeneration(cur.GetGeneration())
	if keep(next, cur) {
		next.SetGeneration(cur.GetGeneration() + 1)
	}
	return store.Update(next)
}

// CreateReplicaSet is the API server's side of creating a ReplicaSet:
// defaulting, validation, generation 1.
func CreateReplicaSet(api *apiserver.Server, rs *appsv1.ReplicaSet) (*appsv1.ReplicaSet, error) {
	rs = rs.DeepCopy()
	DefaultReplicaSet(rs)
	if errs := ValidateReplicaSet(rs); len(errs) > 0 {
		return nil, invalidError("replicaset", rs.Name, errs)
	}
	rs.Generation = 1
	return api.ReplicaSets.Create(rs)
}

// UpdateReplicaSet is the API server's side of changing a ReplicaSet:
// defaulting, validation, and a generation bump when the spec changed. The
// status is taken from rs, so a controller can write spec and status
// together; it returns the stored ReplicaSet.
func UpdateReplicaSet(api *apiserver.Server, rs *appsv1.ReplicaSet) (*appsv1.ReplicaSet, error) {
	cur, err := api.ReplicaSets.Get(rs.Namespace, rs.Name)
	if err != nil {
		return nil, err
	}
	rs = rs.DeepCopy()
	DefaultReplicaSet(rs)
	if errs := ValidateReplicaSet(rs); len(errs) > 0 {
		return nil, invalidError("replicaset", rs.Name, errs)
	}
	rs.Generation = cur.Generation
	if !equality.Semantic.DeepEqual(cur.Spec, rs.Spec) {
		rs.Generation++
	}
	return api.ReplicaSets.Update(rs)
}
