package main

import (
	"io"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/kubectl"
)

// namespaceResource is the namespaces `nucleus get` shows: the four every
// cluster starts with and those the manifests create (cluster-scoped, so
// -n and -A change nothing).
func namespaceResource() resource {
	return resource{"namespaces", []string{"namespace", "ns"}, func(w *world, _ scope) shown {
		return showNamespaces(w.c.Namespaces(), w.now())
	}}
}

// showNamespaces returns nss as `kubectl get namespaces` shows them at now.
func showNamespaces(nss []*corev1.Namespace, now time.Time) shown {
	return shown{apiVersion: "v1", kind: "Namespace", items: objects(nss),
		table: func(w io.Writer, _, _ bool) error { return kubectl.PrintNamespaces(w, nss, now) }}
}

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
