package main

import (
	"io"

	"github.com/nodenucleus/nucleus/kubectl"
)

// configDescribables are the ConfigMaps and Secrets `nucleus describe`
// shows.
func configDescribables() []describable {
	return []describable{
		{"configmap", []string{"configmaps", "cm"}, func(w *world, out io.Writer, ns, name string) error {
			cm, err := w.c.API().ConfigMaps.Get(ns, name)
			if err != nil {
				return err
			}
			return kubectl.DescribeConfigMap(out, cm, w.log.For("ConfigMap", ns, name), w.now())
		}},
		{"secret", []string{"secrets"}, func(w *world, out io.Writer, ns, name string) error {
			s, err := w.c.API().Secrets.Get(ns, name)
			if err != nil {
				return err
			}
			return kubectl.DescribeSecret(out, s)
		}},
	}
}
