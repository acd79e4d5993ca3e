// Package starter is where you write exercise 10: a bin-packing score for
// head office's staffing desk. See ../README.md, and grade your work with:
//
//	go test -tags grade ./exercises/10-bin-packing/grade/
package starter

import "github.com/nodenucleus/nucleus/scheduler"

// Score returns how much the staffing desk likes a node for a pod, 0 to
// 100, from what the node's pods would request with the pod added
// (requested) and what the node offers (allocatable): the fuller, the
// better.
func Score(requested, allocatable scheduler.Resources) int64 {
	// TODO: this is LeastAllocated, the default, which spreads pods out.
	// Turn it around so that it packs them; read the contract in
	// ../README.md.
	if allocatable.MilliCPU == 0 {
		return 0
	}
	return (allocatable.MilliCPU - requested.MilliCPU) * scheduler.MaxNodeScore / allocatable.MilliCPU
}
