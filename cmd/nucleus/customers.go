package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/nodenucleus/nucleus/cluster"
)

// newCustomersCommand is `nucleus customers`: run the files and count the
// customers of every stream the scenario sent, by Service and by pod.
func newCustomersCommand(s streams) *cobra.Command {
	var seed seedFlag
	duration := 5 * time.Minute
	output := "table"
	cmd := &cobra.Command{
		Use:   "customers [--seed N] [--for DURATION] [-o table|json] FILE...",
		Short: "Count the customers served, failed, refused and dropped, by Service and pod",
		Long: "Run the files (a scenario's customers actions send the customers) and print how\n" +
			"every customer ended: served, failed (an HTTP error), refused (connection\n" +
			"refused) or dropped (no answer), by Service and by pod, and how many met a\n" +
			"stale rule at the desk.",
		Example: "  nucleus customers scenarios/readiness-desk.yaml\n  nucleus customers -o json scenarios/readiness-desk.yaml",
		Args:    requireFiles,
		RunE: func(cmd *cobra.Command, files []string) error {
			if output != "table" && output != "json" {
				return usagef("invalid argument %q for \"-o\" flag: supported values: table, json", output)
			}
			if err := checkDuration("for", duration); err != nil {
				return err
			}
			sc, err := loadScenario(files, s.in, s.errOut)
			if err != nil {
				return err
			}
			end, err := forOrDuration(sc, cmd.Flags().Changed("for"), duration)
			if err != nil {
				return err
			}
			r, err := play(seed.withSeed(sc), playOptions{end: end})
			if err != nil {
				return err
			}
			if output == "json" {
				return writeCustomersJSON(s.out, r.Traffic)
			}
			return writeCustomersTable(s.out, r.Traffic)
		},
	}
	f := cmd.Flags()
	f.Var(&seed, "seed", seedUsage)
	f.DurationVar(&duration, "for", duration, "how much virtual time to simulate (at most 24h; default: the scenario's spec.duration, or 5m)")
	f.StringVarP(&output, "output", "o", output, "output format: table or json")
	return cmd
}

// customerCounts is one row of the tally, and its JSON shape.
type customerCounts struct {
	Served  int `json:"served"`
	Failed  int `json:"failed"`
	Refused int `json:"refused"`
	Dropped int `json:"dropped"`
}

func counts(t cluster.Tally) customerCounts {
	return customerCounts{Served: t.Served, Failed: t.Failed, Refused: t.Refused, Dropped: t.Dropped}
}

type podCustomers struct {
	Pod string `json:"pod"`
	customerCounts
}

type serviceCustomers struct {
	Namespace string `json:"namespace"`
	Service   string `json:"service"`
	customerCounts
	Stale int            `json:"stale"`
	Pods  []podCustomers `json:"pods"`
}

// tally turns the streams into rows: one per stream, pods by name.
func tally(traffic []*cluster.Traffic) []serviceCustomers {
	out := make([]serviceCustomers, 0, len(traffic))
	for _, t := range traffic {
		row := serviceCustomers{Namespace: t.Spec.Namespace, Service: t.Spec.Service,
			customerCounts: counts(t.Tally), Stale: t.Stale, Pods: []podCustomers{}}
		pods := make([]string, 0, len(t.ByPod))
		for p := range t.ByPod {
			pods = append(pods, p)
		}
		slices.Sort(pods)
		for _, p := range pods {
			row.Pods = append(row.Pods, podCustomers{Pod: p, customerCounts: counts(*t.ByPod[p])})
		}
		out = append(out, row)
	}
	return out
}

// writeCustomersTable prints the tally as a kubectl-style table: a row
// per Service (all its customers) followed by a row per pod.
func writeCustomersTable(w io.Writer, traffic []*cluster.Traffic) error {
	rows := tally(traffic)
	if len(rows) == 0 {
		_, err := fmt.Fprintln(w, "No customers were sent.")
		return err
	}
	tw := tabwriter.NewWriter(w, 6, 4, 3, ' ', 0)
	fmt.Fprintln(tw, "NAMESPACE\tSERVICE\tPOD\tSERVED\tFAILED\tREFUSED\tDROPPED\tSTALE")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\n", r.Namespace, r.Service, "(all)",
			r.Served, r.Failed, r.Refused, r.Dropped, r.Stale)
		for _, p := range r.Pods {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%d\n", r.Namespace, r.Service, p.Pod,
				p.Served, p.Failed, p.Refused, p.Dropped)
		}
	}
	return tw.Flush()
}

// writeCustomersJSON prints the tally as JSON, for tools.
func writeCustomersJSON(w io.Writer, traffic []*cluster.Traffic) error {
	b, err := json.MarshalIndent(map[string]any{"services": tally(traffic)}, "", "    ")
	if err != nil {
		return fail(err)
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}
