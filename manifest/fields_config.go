package manifest

// configPatterns are the simulated fields of a v1 ConfigMap or Secret: all
// of them (a Secret's data is base64 in YAML, as Kubernetes reads it).
func configPatterns() []string {
	return append(MetadataFields(""), "data", "binaryData", "stringData", "type", "immutable")
}

// endpointsPatterns are the simulated fields of a v1 Endpoints a client
// writes by hand (for a Service without a selector): its metadata and
// every subset.
func endpointsPatterns() []string {
	return append(MetadataFields(""), "subsets")
}

// endpointSlicePatterns are the simulated fields of a hand-written
// EndpointSlice: its metadata, addressType, endpoints and ports.
func endpointSlicePatterns() []string {
	return append(MetadataFields(""), "addressType", "endpoints", "ports")
}

// namespacePatterns are the simulated fields of a v1 Namespace: its
// metadata; spec.finalizers and status are the API server's to set.
func namespacePatterns() []string {
	return append(MetadataFields(""), "spec", "status")
}
