package manifest

// replicationControllerPatterns are the simulated fields of a v1
// ReplicationController: the pod rules apply under spec.template.
func replicationControllerPatterns() []string {
	out := MetadataFields("")
	out = append(out, under("spec", "replicas", "selector", "minReadySeconds")...)
	return append(append(out, PodFields("spec.template")...), "status")
}
