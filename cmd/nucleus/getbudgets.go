package main

import (
	"io"

	"github.com/nodenucleus/nucleus/kubectl"
)

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
