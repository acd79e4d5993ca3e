package main

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/sim"
	"github.com/nodenucleus/nucleus/view"
)

// writeNarrationDiff writes where the narrations of a and b part, as a
// unified diff does: "--- A" and "+++ B" headers, a hunk header naming
// the instant and the line, up to diffContext shared lines before, and up
// to diffShown lines of each side from the first that differs. Narrations
// that never part get one line saying so.
func writeNarrationDiff(w *bytes.Buffer, a, b *side) {
	i := 0
	for i < len(a.lines) && i < len(b.lines) && a.lines[i].text == b.lines[i].text {
		i++
	}
	if i == len(a.lines) && i == len(b.lines) {
		fmt.Fprintf(w, "The narrations of %s and %s are the same (%d lines).\n", a.file, b.file, i)
		return
	}
	fmt.Fprintf(w, "--- %s\n+++ %s\n", a.file, b.file)
	from := max(0, i-diffContext)
	fmt.Fprintf(w, "@@ the narrations part at %s, line %d @@\n", partingInstant(a.lines, b.lines, i), i+1)
	for _, l := range a.lines[from:i] {
		fmt.Fprintf(w, " %s\n", l.text)
	}
	for _, sd := range []struct {
		sign  string
		lines []narrated
	}{{"-", a.lines}, {"+", b.lines}} {
		for _, l := range sd.lines[i:min(len(sd.lines), i+diffShown)] {
			fmt.Fprintf(w, "%s%s\n", sd.sign, l.text)
		}
	}
}

// partingInstant returns the instant of the earlier of the two lines at
// index i (one side may have ended).
func partingInstant(a, b []narrated, i int) sim.Time {
	switch {
	case i >= len(a):
		return b[i].at
	case i >= len(b):
		return a[i].at
	}
	return min(a[i].at, b[i].at)
}

// podCells are the cells `diff` shows for one pod of one side at the end.
type podCells struct{ phase, restarts, status string }

// writePodsSideBySide writes each pod of either run with its phase,
// restarts and STATUS column (as `kubectl get pods` shows them) at the end
// of each run, side by side, "-" where a run has no such pod. Pods outside
// the default namespace are named NAMESPACE/NAME.
func writePodsSideBySide(w *bytes.Buffer, a, b *side) error {
	cells := []map[string]podCells{podTable(a), podTable(b)}
	var names []string
	for _, m := range cells {
		for n := range m {
			if !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	slices.Sort(names)
	if len(names) == 0 {
		fmt.Fprintln(w, "No pods in either run.")
		return nil
	}
	tw := tabwriter.NewWriter(w, 6, 4, view.TablePadding, ' ', 0)
	fmt.Fprintln(tw, "POD\tPHASE (A)\tRESTARTS (A)\tSTATUS (A)\tPHASE (B)\tRESTARTS (B)\tSTATUS (B)")
	for _, n := range names {
		row := []string{n}
		for _, m := range cells {
			c, ok := m[n]
			if !ok {
				c = podCells{"-", "-", "-"}
			}
			row = append(row, c.phase, c.restarts, c.status)
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "(A is %s, B is %s)\n", a.file, b.file)
	return nil
}

// podTable returns the cells of every pod of a side's chain at its end,
// by name.
func podTable(sd *side) map[string]podCells {
	c := sd.result.Cluster
	out := map[string]podCells{}
	for _, p := range c.Pods() {
		row := pod.PrintRow(p, c.Now().Wall())
		out[podName(p)] = podCells{phase: cmp.Or(string(p.Status.Phase), "-"), restarts: row.Restarts, status: row.Status}
	}
	return out
}

// podName returns NAME for a pod in the default namespace, else
// NAMESPACE/NAME.
func podName(p *corev1.Pod) string {
	if p.Namespace == "" || p.Namespace == corev1.NamespaceDefault {
		return p.Name
	}
	return p.Namespace + "/" + p.Name
}
