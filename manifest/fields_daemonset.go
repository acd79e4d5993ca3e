package manifest

// daemonSetPatterns are the simulated fields of an apps/v1 DaemonSet: the
// pod rules apply under spec.template.
func daemonSetPatterns() []string {
	out := MetadataFields("")
	out = append(out, under("spec",
		"selector", "updateStrategy.type", "updateStrategy.rollingUpdate.maxUnavailable",
		"updateStrategy.rollingUpdate.maxSurge", "minReadySeconds", "revisionHistoryLimit")...)
	return append(append(out, PodFields("spec.template")...), "status")
}
