// Package endpoints holds the rules of the Endpoints controller that runs
// at head office beside the EndpointSlice controller: for each counter
// (Service) it keeps the older, single-sheet roster (a v1 Endpoints object
// of the same name) of which employees (pods) are on the floor, at which
// desk phone (pod IP) and extension (port), split into those ready to
// serve and those not.
//
// Kubernetes deprecated v1 Endpoints in v1.33 in favour of
// discovery.k8s.io/v1 EndpointSlice, and kube-proxy reads only the
// slices; the Endpoints object is still written for every Service with a
// selector, because scripts, tutorials and `kubectl get endpoints` still
// read it. nucleus keeps it for the same reason: its desks (kube-proxy)
// never read it.
//
// Mental model, in three steps the controller repeats whenever a Service
// or a pod changes:
//
//  1. Select: the pods in the Service's namespace that match its selector,
//     minus those that are finished (Succeeded or Failed), have no IP yet,
//     or are being deleted (unless the Service publishes not-ready
//     addresses).
//  2. Describe: each pod becomes an EndpointAddress (IP, node, the pod as
//     targetRef, its hostname when its subdomain is the Service's name),
//     listed under addresses when the pod is Ready (or the Service
//     publishes not-ready addresses) and under notReadyAddresses
//     otherwise, once per Service port its containers offer.
//  3. Pack: addresses that offer the same ports share one subset, as the
//     API's RepackSubsets does; addresses sorted by IP, ports by name.
//
// Desired computes the three steps; the caller compares with what is
// stored and writes only a change.
//
// Over 1000 addresses, the roster is cut to 1000 (ready addresses kept
// first, each subset keeping its share) and annotated
// endpoints.kubernetes.io/over-capacity: truncated; the annotation goes
// again when the Service drops back to 1000 or fewer. The slices, which
// the desks read, are never cut.
//
// Simplifications: subsets are ordered by their port list rather than by
// a hash of it; the endpoints.kubernetes.io/last-change-trigger-time
// annotation is not written.
//
// Reference: pkg/controller/endpoint/endpoints_controller.go (syncService,
// addEndpointSubset); pkg/api/v1/endpoints/util.go (RepackSubsets).
package endpoints
