package main

import (
	"io"
	"time"

	policyv1 "k8s.io/api/policy/v1"

	"github.com/nodenucleus/nucleus/kubectl"
)

// budgetResources are the disruption budgets `nucleus get` knows.
func budgetResources() []resource {
	return []resource{
		{"poddisruptionbudgets", []string{"poddisruptionbudget", "pdb"}, func(w *world, sc scope) shown {
			return showBudgets(inScope(w.c.API().PodDisruptionBudgets.List(), sc), w.now())
		}},
	}
}

// showBudgets returns budgets as `kubectl get pdb` shows them at now.
func showBudgets(budgets []*policyv1.PodDisruptionBudget, now time.Time) shown {
	return shown{apiVersion: "policy/v1", kind: "PodDisruptionBudget", namespaced: true, items: objects(budgets),
		table: func(w io.Writer, _, _ bool) error { return kubectl.PrintPodDisruptionBudgets(w, budgets, now) }}
}

// budgetDescribables are the disruption budgets `nucleus describe` knows.
func budgetDescribables() []describable {
	return []describable{
		{"poddisruptionbudget", []string{"poddisruptionbudgets", "pdb"}, func(w *world, out io.Writer, ns, name string) error {
			b, err := w.c.API().PodDisruptionBudgets.Get(ns, name)
			if err != nil {
				return err
			}
			return kubectl.DescribePodDisruptionBudget(out, b, w.log.For("PodDisruptionBudget", ns, name), w.now())
		}},
	}
}
