// Package endpointslice holds the rules of the EndpointSlice controller that
// runs at head office: for each counter (Service) it keeps the desk's roster
// (EndpointSlices) of which employees (pods) are on the floor, at which desk
// phone (pod IP) and extension (port), and whether they are ready to serve.
//
// Mental model, in three steps the controller repeats whenever a Service or a
// pod changes:
//
//  1. Select: the pods in the Service's namespace that match its selector,
//     minus those that are finished (Succeeded or Failed) or have no IP yet.
//     Terminating pods stay, marked terminating.
//  2. Describe: each pod becomes an Endpoint with conditions
//     serving = pod Ready, terminating = pod being deleted,
//     ready = publishNotReadyAddresses || (serving && !terminating),
//     and with the Service's ports resolved against that pod's containers
//     (a named targetPort is looked up per pod; a pod without it simply
//     lacks that port).
//  3. Pack: endpoints with the same resolved port set share slices of at most
//     100 endpoints; existing slices are kept whenever their content is
//     unchanged, so a sync rewrites as little as possible.
//
// Desired computes steps 1-3 from scratch; Reconcile compares with the slices
// that exist and returns what to create, update and delete. Neither touches an
// API server: the caller applies the result.
//
// Simplifications: no topology hints (trafficDistribution) are written, and
// endpoint order inside a slice is by address rather than informer order.
package endpointslice
