package main

import (
	"io"

	"github.com/nodenucleus/nucleus/kubectl"
)

// replicationControllerDescribable is `nucleus describe
// replicationcontroller`.
func replicationControllerDescribable() describable {
	return describable{"replicationcontroller", []string{"replicationcontrollers", "rc"}, func(w *world, out io.Writer, ns, name string) error {
		rc, err := w.c.API().ReplicationControllers.Get(ns, name)
		if err != nil {
			return err
		}
		return kubectl.DescribeReplicationController(out, rc, w.c.Pods(), w.log.For("ReplicationController", ns, name), w.now())
	}}
}
