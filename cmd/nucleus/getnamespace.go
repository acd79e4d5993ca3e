package main

import (
	"io"

	"github.com/nodenucleus/nucleus/kubectl"
)

// namespaceDescribable is `nucleus describe namespace`.
func namespaceDescribable() describable {
	return describable{"namespace", []string{"namespaces", "ns"}, func(w *world, out io.Writer, _, name string) error {
		ns, err := w.c.API().Namespaces.Get("", name)
		if err != nil {
			return err
		}
		return kubectl.DescribeNamespace(out, ns)
	}}
}
