package controller

import (
	"cmp"
	"slices"

	appsv1 "k8s.io/api/apps/v1"
)

// cleanupDeployment deletes d's oldest ReplicaSets beyond
// revisionHistoryLimit, by revision, skipping any that still has replicas
// or pods or whose status is behind its spec (sync.go cleanupDeployment).
func (c *DeploymentController) cleanupDeployment(d *appsv1.Deployment, old []*appsv1.ReplicaSet) {
	if d.Spec.RevisionHistoryLimit == nil {
		return
	}
	var cleanable []*appsv1.ReplicaSet
	for _, rs := range old {
		if rs != nil && rs.DeletionTimestamp == nil {
			cleanable = append(cleanable, rs)
		}
	}
	diff := len(cleanable) - int(*d.Spec.RevisionHistoryLimit)
	if diff <= 0 {
		return
	}
	slices.SortStableFunc(cleanable, func(a, b *appsv1.ReplicaSet) int {
		return cmp.Or(cmp.Compare(revisionOf(a), revisionOf(b)), compareCreation(a, b))
	})
	for _, rs := range cleanable[:diff] {
		if rs.Status.Replicas != 0 || *rs.Spec.Replicas != 0 || rs.Generation > rs.Status.ObservedGeneration {
			continue
		}
		_ = c.api.ReplicaSets.Delete(rs.Namespace, rs.Name)
	}
}

// sortedKeys returns m's keys in order.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
