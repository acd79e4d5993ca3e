package manifest

// configPatterns are the simulated fields of a v1 ConfigMap or Secret: all
// of them (a Secret's data is base64 in YAML, as Kubernetes reads it).
func configPatterns() []string {
	return append(MetadataFields(""), "data", "binaryData", "stringData", "type", "immutable")
}

// namespacePatterns are the simulated fields of a v1 Namespace: its
// metadata; spec.finalizers and status are the API server's to set.
func namespacePatterns() []string {
	return append(MetadataFields(""), "spec", "status")
}
