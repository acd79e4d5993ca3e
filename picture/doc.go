// Package picture draws the chain at one instant as the storefront
// analogy, in both vocabularies: head office (the control plane) above,
// with its ledger, staffing desk and staffing plan; below it each store
// (a node) with its manager (the kubelet), its customer service desk
// (kube-proxy), its training department (the container runtime) and its
// employees (pods) at their posts, each coloured by how it is doing.
//
// # Mental model
//
// [Take] reads a [cluster.Cluster] as it stands (its stores, pods and
// Services) into a [Picture], a plain value; [Picture.WriteSVG] draws it.
// Nothing is remembered between instants: a picture at 30s and one at 2m
// are two runs looked at twice. The drawing is deterministic: stores in
// the chain's order, employees by namespace and name.
//
//	+----------------- head office (control plane) -----------------+
//	| ledger (API server)  staffing desk (scheduler)  staffing plan |
//	+---------------------------------------------------------------+
//	+-- store-1 (node) ---------+  +-- store-2 (node) ---------+
//	| manager (kubelet)          |  | ...                       |
//	| service desk (kube-proxy)  |
//	| training dept. (runtime)   |
//	| [web Running] [db Pending] |  employees (pods)
//	+----------------------------+
package picture
