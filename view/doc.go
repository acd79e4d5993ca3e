// Package view holds what kubectl shows of a chain stopped at one
// instant, for every front end that shows it: the command line
// (cmd/nucleus) and the browser playground (package playground) call the
// same functions, so a pod's logs or description read the same in a
// terminal and in a page.
//
// # Mental model
//
// A view reads; it never moves the clock. The caller runs the chain to the
// instant it wants (quietly, with an events.Log subscribed from time zero
// when it wants Events), then asks for a view:
//
//	scenario run to t ──▶ *cluster.Cluster ──▶ view.Logs / view.DescribePod / view.Pods
//
// `get` of any type goes through one table, [Types]: each [Type] has
// kubectl's names for it and shows its objects in a [Scope] as a
// [Listing] (the objects and their table). [TypesNamed] reads a TYPE
// argument as kubectl does (pods,pvc; all), and [WriteTables] prints
// several listings as `kubectl get pods,svc` does, so `nucleus get` and
// the playground's `kubectl get` print the same tables.
//
// Errors are kubectl's and the kubelet's own words (`pods "web" not
// found`, `previous terminated container "app" in pod "web" not found`).
package view
