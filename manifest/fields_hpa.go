package manifest

// hpaPatterns are the simulated fields of an autoscaling/v2
// HorizontalPodAutoscaler: its target, bounds, metrics (validation names
// the metric types it does not simulate) and behavior; its status is
// accepted whole, so that `kubectl get hpa -o yaml` output can be fed back.
func hpaPatterns() []string {
	out := MetadataFields("")
	out = append(out, under("spec", "scaleTargetRef", "minReplicas", "maxReplicas", "metrics", "behavior")...)
	return append(out, "status")
}

// hpaV1Patterns are the simulated fields of an autoscaling/v1
// HorizontalPodAutoscaler.
func hpaV1Patterns() []string {
	out := MetadataFields("")
	out = append(out, under("spec", "scaleTargetRef", "minReplicas", "maxReplicas", "targetCPUUtilizationPercentage")...)
	return append(out, "status")
}
