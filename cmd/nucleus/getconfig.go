package main

import (
	"io"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/kubectl"
)

// configResources are the ConfigMaps and Secrets `nucleus get` shows.
func configResources() []resource {
	return []resource{
		{"configmaps", []string{"configmap", "cm"}, func(w *world, sc scope) shown {
			return showConfigMaps(inScope(w.c.API().ConfigMaps.List(), sc), w.now())
		}},
		{"secrets", []string{"secret"}, func(w *world, sc scope) shown {
			return showSecrets(inScope(w.c.API().Secrets.List(), sc), w.now())
		}},
	}
}

// showConfigMaps returns cms as `kubectl get configmaps` shows them at now.
func showConfigMaps(cms []*corev1.ConfigMap, now time.Time) shown {
	return shown{apiVersion: "v1", kind: "ConfigMap", namespaced: true, items: objects(cms),
		table: func(w io.Writer, _, _ bool) error { return kubectl.PrintConfigMaps(w, cms, now) }}
}

// showSecrets returns ss as `kubectl get secrets` shows them at now; -o
// yaml shows data base64-encoded, as kubectl does.
func showSecrets(ss []*corev1.Secret, now time.Time) shown {
	return shown{apiVersion: "v1", kind: "Secret", namespaced: true, items: objects(ss),
		table: func(w io.Writer, _, _ bool) error { return kubectl.PrintSecrets(w, ss, now) }}
}

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
