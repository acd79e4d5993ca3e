// Package metrics is the metrics-server: head office's time-and-motion
// clerk, who walks through every store every 15 seconds, notes how much
// work each employee (pod) has done and how much room each takes, and
// keeps only the latest figures.
//
// # Mental model
//
// The training department (package runtime) keeps, for each job it runs
// (a container), a running total of the CPU it has used since it started
// (usageCoreNanoSeconds: one CPU busy for a second is 10⁹) and its memory
// working set. Those totals are what the kubelet's summary API reports;
// metrics-server scrapes them every 15 seconds (its default
// --metric-resolution) and turns two samples of a running total into a
// rate: (total₂ − total₁) / (t₂ − t₁), stamped t₂ with a window of
// t₂ − t₁. A container seen only once has no rate yet, and a pod is
// reported only when every one of its running containers has one, so a
// freshly started pod appears after its second scrape. Memory needs no
// rate: the latest working set is reported as it is.
//
// [Server] is a pure state machine: [Server.Scrape] (or [Server.ScrapeSeq],
// for a round walked without a list) takes one round of samples and
// [Server.PodMetrics] and [Server.NodeMetrics] answer what the
// metrics.k8s.io API would (PodMetrics, NodeMetrics). Like a clerk who
// notes only each employee's counter and works out the rate when asked,
// the server keeps of each container its latest and previous totals, and
// turns them into a rate when it is read. The cluster package
// schedules the scrapes on the loop; the autoscaler, `nucleus top` and
// `nucleus serve` (whose Metrics API the real `kubectl top` reads) read the
// answers.
//
// Simplified: a node's figures are the sum of its pods' containers (a real
// node also counts its system daemons), and a container whose total went
// down (it restarted under the same id, which containerd never does) is
// dropped for one round, as metrics-server drops a negative rate.
package metrics
