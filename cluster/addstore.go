package cluster

import (
	"fmt"

	"github.com/nodenucleus/nucleus/node"
)

// newStore makes the store sc describes, the next in the chain, and adds
// it to the chain's list. Its errors start with the field they are about
// (".name: Duplicate value: ...", ": ..."), for the caller to prefix.
func (c *Cluster) newStore(sc StoreConfig) (*node.Store, error) {
	if _, dup := c.Store(sc.Name); dup {
		return nil, fmt.Errorf(".name: Duplicate value: %q", sc.Name)
	}
	s, err := node.New(c.loop, c.api, node.Config{
		Name: sc.Name, Index: len(c.stores) + 1, Capacity: sc.Capacity, Labels: sc.Labels, Taints: sc.Taints,
		Bandwidth: sc.Bandwidth, Catalog: c.cfg.Catalog, Proxy: c.cfg.Proxy, WatchDelay: c.cfg.WatchDelay,
		Network: &network{c: c, store: sc.Name}, Claims: c.claims, NoUserNamespaces: sc.NoUserNamespaces,
	})
	if err != nil {
		return nil, fmt.Errorf(": %w", err)
	}
	c.stores = append(c.stores, s)
	return s, nil
}

// AddStore opens a new store in the running chain, as a new node joins a
// cluster: its Node registers with head office, and from then on the
// scheduler may place pods there and each DaemonSet hires its greeter.
func (c *Cluster) AddStore(sc StoreConfig) error {
	s, err := c.newStore(sc)
	if err != nil {
		return fmt.Errorf("store%w", err)
	}
	s.Start()
	return nil
}
