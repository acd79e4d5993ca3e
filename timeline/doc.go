// Package timeline draws what each pod's containers did over a run: a
// picture for a slide (SVG), a chart for a Markdown page (Mermaid) and a
// text version for a terminal.
//
// # Mental model
//
// A [Recorder] sits beside a running cluster like a teacher with a
// stopwatch. It reads head office's ledger (a pod watch with no delay, the
// way `kubectl get pods -w` does) for each container's state, waiting,
// running or terminated, with its reason, its readiness and its restart
// count, and for the pod's Ready condition; and it reads the record for the
// instants the ledger does not keep: probe failures (Unhealthy events, by
// probe kind), kills (Killing events) and the customers the service desks
// sent to each pod.
//
//	cluster ──pod watch──▶ Recorder ──Timeline(end)──▶ Timeline ──▶ WriteSVG
//	        ──record─────▶                              (plain data) ─▶ WriteMermaid
//	                                                                 ─▶ WriteText
//
// [Recorder.Timeline] freezes what was seen into a [Timeline]: plain data,
// pods sorted by name, init containers first, each container a run of
// [Segment]s end to end plus [Mark]s. The renderers read only that, so a
// test (or a teacher) can build a Timeline by hand.
//
// The picture shows a state from the instant head office's ledger shows
// it: a container whose process exits at 5.2s, noticed by the kubelet's
// next relist at 6s, turns terminated at 6s. A container that exits and is
// started again at once is terminated for no time at all; the pictures
// still show that instant (a sliver, a milestone, an x).
//
// # In the store
//
// The timeline is the store's staff rota drawn after the fact: one line per
// job each employee performs, coloured by whether they were waiting to
// start (orange), at work and ready for customers (green), at work but not
// ready (hatched), or gone home (red for walking out, blue for a finished
// job); a triangle where the manager called someone back, a dot for each
// failed "are you still with us?" check, a cross where the manager sent
// them home.
package timeline
