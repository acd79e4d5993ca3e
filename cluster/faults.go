package cluster

import (
	"fmt"

	"github.com/nodenucleus/nucleus/node"
)

// The faults a scenario can inject into a store. Each names the store and
// fails with an error naming it when there is no such store.

// PowerOff cuts a store's power: every container on it stops at once, and
// its store manager falls silent.
func (c *Cluster) PowerOff(store string) error {
	s, err := c.store(store)
	if err != nil {
		return err
	}
	return s.PowerOff()
}

// PowerOn brings a store back after PowerOff: its store manager starts
// afresh and syncs the pods head office still has for it.
func (c *Cluster) PowerOn(store string) error {
	s, err := c.store(store)
	if err != nil {
		return err
	}
	return s.PowerOn()
}

// CutOff cuts a store off from head office: its pods keep running, but its
// heartbeats and status reports no longer arrive, and it hears of no
// changes.
func (c *Cluster) CutOff(store string) error {
	s, err := c.store(store)
	if err != nil {
		return err
	}
	return s.CutOff()
}

// Reconnect ends a CutOff: the store calls in again and catches up.
func (c *Cluster) Reconnect(store string) error {
	s, err := c.store(store)
	if err != nil {
		return err
	}
	return s.Reconnect()
}

func (c *Cluster) store(name string) (*node.Store, error) {
	s, ok := c.Store(name)
	if !ok {
		return nil, fmt.Errorf("store %q: Not found", name)
	}
	return s, nil
}

// Cordon closes a store to new hires, as `kubectl cordon` does: its Node's
// spec.unschedulable is set, so the staffing desk (the scheduler) places
// no new pod there; the pods already there stay. Uncordon (unschedulable
// false) opens it again.
// Reference: staging/src/k8s.io/kubectl/pkg/drain/cordon.go.
func (c *Cluster) Cordon(store string, unschedulable bool) error {
	if _, err := c.store(store); err != nil {
		return err
	}
	n, err := c.api.Nodes.Get("", store)
	if err != nil {
		return err
	}
	if n.Spec.Unschedulable == unschedulable {
		return nil
	}
	n.Spec.Unschedulable = unschedulable
	_, err = c.api.Nodes.Update(n)
	return err
}
