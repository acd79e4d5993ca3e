package main

import (
	"io"

	"github.com/nodenucleus/nucleus/kubectl"
)

// replicationControllerResource is `nucleus get replicationcontrollers`.
func replicationControllerResource() resource {
	return resource{"replicationcontrollers", []string{"replicationcontroller", "rc"}, func(w *world, sc scope) shown {
		rcs := inScope(w.c.ReplicationControllers(), sc)
		return shown{apiVersion: "v1", kind: "ReplicationController", namespaced: true, items: objects(rcs),
			table: func(out io.Writer, wide, _ bool) error {
				return kubectl.PrintReplicationControllers(out, rcs, w.now(), wide)
			}}
	}}
}

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
