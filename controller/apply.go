package controller

import (
	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/api/equality"

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
	cur, err := api.Deployments.Get(d.Namespace, d.Name)
	if err != nil {
		return nil, err
	}
	d = d.DeepCopy()
	DefaultDeployment(d)
	if errs := ValidateDeployment(d); len(errs) > 0 {
		return nil, invalidError("deployment", d.Name, errs)
	}
	d.Status = cur.Status
	d.UID = cur.UID
	d.Generation = cur.Generation
	if !equality.Semantic.DeepEqual(cur.Spec, d.Spec) {
		d.Generation++
	}
	return api.Deployments.Update(d)
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
