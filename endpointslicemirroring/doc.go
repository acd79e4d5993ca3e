// Package endpointslicemirroring holds the rules of the EndpointSlice
// mirroring controller that runs at head office: for a counter (Service)
// without a selector, whose owner writes its single-sheet roster (a v1
// Endpoints) by hand, it copies that sheet into the desk's rosters
// (EndpointSlices), so that the customer service desk (kube-proxy, which
// reads only slices) sends the counter's customers to the addresses the
// owner listed.
//
// Mental model, in three steps the controller repeats whenever such an
// Endpoints or its Service changes:
//
//  1. Decide: mirror only when the Service exists and has no selector,
//     and the Endpoints carries neither the label
//     endpointslice.kubernetes.io/skip-mirror: "true" nor a
//     leader-election annotation; otherwise every slice it mirrored
//     for the name goes.
//  2. Convert: each subset becomes one slice per address family, with the
//     subset's ports; each address an endpoint (ready for addresses,
//     not ready for notReadyAddresses), at most 1000 per subset. An
//     address that is not an IP is skipped (an InvalidIPAddress event),
//     and so is every address past the 1000th (a TooManyAddressesToMirror
//     event).
//  3. Label: each slice copies the Endpoints' labels and annotations
//     (but the last-applied configuration and the trigger time), and is
//     labelled kubernetes.io/service-name: <name> and
//     endpointslice.kubernetes.io/managed-by:
//     endpointslicemirroring-controller.k8s.io, owned by the Endpoints.
//
// Desired computes the three steps; Reconcile compares with the slices
// the controller mirrored before and returns what to create, update and
// delete. Neither touches an API server: the caller applies the result.
//
// Simplifications: endpoints inside a slice are sorted by address rather
// than kept in set order, and the controller's own metrics are not kept.
//
// Reference: pkg/controller/endpointslicemirroring
// (endpointslicemirroring_controller.go syncEndpoints and shouldMirror,
// reconciler.go reconcile, utils.go newEndpointSlice and
// addressToEndpoint, events.go).
package endpointslicemirroring
