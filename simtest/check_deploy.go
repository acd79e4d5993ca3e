package simtest

import (
	"strconv"

	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/apiserver"
)

// revisionAnnotation holds a ReplicaSet's revision of its Deployment.
const revisionAnnotation = "deployment.kubernetes.io/revision"

// checkDeployments looks at each Deployment whose staffing plan the event
// changed (a ScalingReplicaSet record).
func (k *checker) checkDeployments(st Step) *finding {
	seen := map[apiserver.Key]bool{}
	for _, r := range st.Records {
		key := apiserver.Key{Namespace: r.Object.Namespace, Name: r.Object.Name}
		if r.Reason != "ScalingReplicaSet" || r.Object.Kind != "Deployment" || seen[key] {
			continue
		}
		seen[key] = true
		d, err := k.c.API().Deployments.Get(key.Namespace, key.Name)
		if err != nil {
			continue
		}
		if f := k.checkDeployment(d); f != nil {
			return f
		}
	}
	return nil
}

// checkDeployment: a Deployment's ReplicaSets never ask for more than
// replicas + maxSurge pods; and an old ReplicaSet is never scaled down so
// far that fewer than replicas − maxUnavailable pods stay available
// (unless fewer were available already; not checked while a store is
// down or cut off, or just after the Deployment was scaled).
// Reference: Kubernetes Deployment docs, "Max Surge" and "Max
// Unavailable" (pkg/controller/deployment/rolling.go).
func (k *checker) checkDeployment(d *appsv1.Deployment) *finding {
	key := apiserver.KeyOf(d)
	replicas := *d.Spec.Replicas
	surge, unavailable := resolveFenceposts(d)
	sets := k.ownedSets(d)
	var total, available int32
	newest := int64(-1)
	for _, rs := range sets {
		total += *rs.Spec.Replicas
		available += rs.Status.AvailableReplicas
		if rev, err := strconv.ParseInt(rs.Annotations[revisionAnnotation], 10, 64); err == nil && rev > newest {
			newest = rev
		}
	}
	defer func() {
		k.replicas[key] = replicas
		for _, rs := range sets {
			k.rs[apiserver.KeyOf(rs)] = *rs.Spec.Replicas
		}
	}()
	if total > replicas+surge {
		return found(DeploymentSurge, "deployment %s's ReplicaSets ask for %d pods; replicas %d + maxSurge %d allow %d",
			d.Name, total, replicas, surge, replicas+surge)
	}
	if prev, ok := k.replicas[key]; !ok || prev != replicas || k.anyStoreDown() {
		return nil
	}
	floor := min(available, replicas-unavailable)
	for _, rs := range sets {
		prev, ok := k.rs[apiserver.KeyOf(rs)]
		rev, _ := strconv.ParseInt(rs.Annotations[revisionAnnotation], 10, 64)
		now := *rs.Spec.Replicas
		if !ok || now >= prev || rev == newest {
			continue
		}
		lost := max(0, rs.Status.AvailableReplicas-now)
		if available-lost < floor {
			return found(DeploymentAvailable, "deployment %s scaled old replica set %s from %d to %d with %d of %d pods available; replicas %d − maxUnavailable %d need %d",
				d.Name, rs.Name, prev, now, available, total, replicas, unavailable, replicas-unavailable)
		}
	}
	return nil
}

// ownedSets returns the ReplicaSets the Deployment owns.
func (k *checker) ownedSets(d *appsv1.Deployment) []*appsv1.ReplicaSet {
	var out []*appsv1.ReplicaSet
	for _, rs := range k.c.API().ReplicaSets.List() {
		for _, o := range rs.OwnerReferences {
			if o.UID == d.UID && rs.Spec.Replicas != nil {
				out = append(out, rs)
				break
			}
		}
	}
	return out
}

// resolveFenceposts returns maxSurge (rounded up) and maxUnavailable
// (rounded down) as pod counts; if both are 0, maxUnavailable is 1, as
// the Deployment controller resolves them.
func resolveFenceposts(d *appsv1.Deployment) (int32, int32) {
	ru := d.Spec.Strategy.RollingUpdate
	if ru == nil {
		return 0, *d.Spec.Replicas // Recreate
	}
	n := int(*d.Spec.Replicas)
	zero := intstr.FromInt32(0)
	s, u := &zero, &zero
	if ru.MaxSurge != nil {
		s = ru.MaxSurge
	}
	if ru.MaxUnavailable != nil {
		u = ru.MaxUnavailable
	}
	surge, err1 := intstr.GetScaledValueFromIntOrPercent(s, n, true)
	unavailable, err2 := intstr.GetScaledValueFromIntOrPercent(u, n, false)
	if err1 != nil || err2 != nil {
		return 0, 0
	}
	if surge == 0 && unavailable == 0 {
		unavailable = 1
	}
	return int32(surge), int32(unavailable)
}
