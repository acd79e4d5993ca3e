// Package kubectl prints what `kubectl get` and `kubectl describe` show for
// Pods (describe; package pod prints the `get pods` table) and the objects
// around them: Services, EndpointSlices, Nodes, Deployments and
// ReplicaSets.
//
// # Mental model
//
// These are the views an operator reads. A real cluster's API server turns
// each object into a table row (pkg/printers/internalversion printers.go)
// and kubectl aligns the rows and writes the long `describe` form
// (staging/src/k8s.io/kubectl/pkg/describe describe.go). The functions here
// take the same Kubernetes API objects and print the same text, column for
// column and space for space, so what a learner reads here is what kubectl
// shows on the real thing:
//
//	get services        NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE [SELECTOR]
//	get endpointslices  NAME ADDRESSTYPE PORTS ENDPOINTS AGE
//	get nodes           NAME STATUS ROLES AGE VERSION [INTERNAL-IP ...]
//	get deployments     NAME READY UP-TO-DATE AVAILABLE AGE [CONTAINERS IMAGES SELECTOR]
//	get replicasets     NAME DESIRED CURRENT READY AGE [CONTAINERS IMAGES SELECTOR]
//	describe pod | service | endpointslice | node | deployment | replicaset
//
// As in kubectl, one container block serves `describe pod` and the Pod
// Template of `describe deployment` and `describe replicaset` (a template
// has no status and no pod to resolve downward-API values from), and one
// Events table ends every description.
//
// Time is the caller's: every function takes now, the simulation's virtual
// clock, and prints ages as kubectl does (HumanDuration: 90s, 5m30s, 3d4h).
//
// # The storefront
//
// In the store's words: `describe pod` is an employee's file: the jobs
// they perform, how each went (running, waiting to be called back, walked
// out with an exit code), the manager's checks, and the store logbook's
// entries about them; `get services` is the list of counters customers
// ask for by name; `get endpointslices` is the customer service desk's
// roster of who is on the floor for each counter (a not-ready employee
// stays on the roster but gets no customers, which is why `describe
// service` leaves them out of Endpoints); `get nodes` is head office's list
// of stores, NotReady for a store that stopped calling in and
// SchedulingDisabled for one closed to new hires; `describe node` adds the
// floor space each employee takes; `get deployments` and `describe
// deployment` are the staffing plan mid-change, with the old and the new
// team (ReplicaSets) side by side.
//
// # Simplifications
//
// `describe node` leaves out the node's Lease block, which kubectl reads
// from the API server separately. Bad input (a nil object, an unset
// spec.replicas the API server would have defaulted) returns an error
// naming the field instead of the panic kubectl would hit.
package kubectl
