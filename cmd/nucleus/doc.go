// Command nucleus runs the nucleus simulator from the command line: it reads
// the same manifests a learner would give `kubectl apply -f`, applies them to
// a simulated cluster in virtual time, and shows what happens.
//
// # Mental model
//
// Every command starts a fresh simulation, so every run is reproducible:
//
//	FILE...  ──decode──▶  objects + Scenario  ──apply at 00:00:00──▶  cluster
//	                      (seed, stores, actions,                       │ clock runs (--for, --at)
//	                       expectations)      narration (run, diff) ◀───┤
//	                           records, Events (events) ◀───────────────┤
//	                           objects as kubectl shows them ◀──────────┤ (get, describe, logs)
//	                           kube-proxy's rules (proxy) ◀─────────────┤
//	                           PASS / FAIL (check, run, diff) ◀─────────┤
//	                           containers over time (timeline) ◀────────┘
//
// Every simulating command reads its files through package scenario: a
// Scenario document among them sets the chain up (seed, stores, kube-proxy
// mode, images, watch delay) and its timed actions happen; files without
// one run with the defaults (seed 1, one store, five minutes). An explicit
// --seed overrides spec.seed, --mode and --scheduler override spec.proxy,
// and run, events and timeline last spec.duration unless --for is given.
// Scenario.Run runs a whole scenario; the commands stop it at any instant
// by running a copy whose duration is that instant.
//
// The same files, flags and --seed give byte-identical output on every run.
// The quiet commands (get, describe, logs, events) keep the Events in a
// logbook from time zero, so `describe` lists them as kubectl does.
//
// In the storefront: you hand head office a stack of work orders, watch the
// store for a while (the narration is the store's logbook read aloud), then
// look at the staff list, an employee's file (describe), what they said at
// work (logs), or the customer service desk's routing cards (proxy rules).
//
// # Commands
//
//	nucleus run [--seed N] [--for DURATION] [--voice store|kubernetes|both] [--narration auto|all|summary] [--pace 10x] [--progress] FILE...
//	nucleus get pods|services|endpointslices|nodes|deployments|replicasets|rc|events|jobs|cronjobs|hpa|namespaces|configmaps|secrets|
//	    statefulsets|daemonsets|pvc|pv|storageclasses|pdb (or several: pods,pvc; or all)
//	    [--seed N] [--at DURATION] [-o wide|json|yaml] [-n NAMESPACE | -A] FILE...
//	nucleus describe pod|service|endpointslice|node|deployment|replicaset|rc|job|cronjob|hpa|namespace|configmap|secret|
//	    statefulset|daemonset|pvc|pv|storageclass|pdb NAME
//	    [--seed N] [--at DURATION] [-n NAMESPACE] FILE...
//	nucleus logs POD [-c CONTAINER] [-p|--previous] [--timestamps] [--tail N] [--seed N] [--at DURATION] [-n NAMESPACE] FILE...
//	nucleus top pods|nodes [--seed N] [--at DURATION] [-n NAMESPACE] FILE...
//	nucleus events [-o jsonl] [--seed N] [--for DURATION] FILE...
//	nucleus proxy rules --store NAME [--mode iptables|nftables|ipvs] [--scheduler rr|lc|sh] [--seed N] [--at DURATION] FILE...
//	nucleus check [--seed N] FILE...
//	nucleus timeline [-o FILE.svg|FILE.md|FILE.txt|-] [--width N] [--for DURATION] [--seed N] FILE...
//	nucleus diff [--for DURATION] [--seed N] A.yaml B.yaml
//	nucleus scenarios [DIR]
//	nucleus export [-o FILE] FILE...
//	nucleus soak [--seeds N] [--from S] [--max-stores K] [--shard I/N] [--out DIR]
//	nucleus serve [--listen 127.0.0.1:8080] [--kubeconfig FILE] [--pace 1x] [--voice ...] [--record FILE] [FILE...]
//	nucleus version
//
// serve is the one command that runs without end: it paces the chain
// against the wall clock and serves the Kubernetes API (package server)
// until Ctrl-C; see docs/kubectl.md.
//
// export runs no simulation: it writes the files' Kubernetes objects as the
// files wrote them, for `kubectl apply -f` on a real cluster, and names on
// "warning: " lines the nucleus-only parts it leaves out (scripted images,
// objects that actions apply later, Nodes, status).
//
// --pace plays run's narration at a multiple of real speed, sleeping on the
// wall clock between records; the wall clock is read only here, in the
// command line, never by the simulation. An unpaced run writes a progress
// line to standard error every 2s of wall time with --progress, or when
// standard error is a terminal (never into a pipe or a file unless asked:
// a script that captures standard error gets only errors and warnings).
// Its standard output is buffered and flushed when the run ends.
//
// A large run (more than 100 stores, or more than 1,000 pods asked for) is
// narrated in summary: instead of one line per event (millions for
// scenarios/scale/largest-cluster.yaml, 150,000 pods on 5,000 stores), the
// chain's totals in both voices when every pod has a store, at each tenth
// of the pods Running, and at the end; then the Deployments as `kubectl get
// deployments -A` shows them instead of every pod; the progress line adds
// how many pods are Running. --narration all tells every event of any run;
// --narration summary sums up a small one.
//
// get and describe take kubectl's singular, plural and short names too
// (po, svc, no, deploy, rs, ev). FILE "-" reads standard input. Virtual time
// is limited to 24h per command.
//
// # Errors and exit codes
//
// As kubectl does, every error is one line on standard error starting with
// "error: ". A file that cannot be read, a manifest that does not decode (a
// typo such as spec.containerz) or an object the API server refuses exits
// with 1; the line names the file and the field path. A bad command line (an
// unknown command or flag, a flag value that does not parse, no FILE) exits
// with 2 and adds a line pointing at the command's --help. An object that
// is not there is kubectl's NotFound line (`error: pods "web" not found`),
// and `logs` refuses in the kubelet's words (`error: previous terminated
// container "app" in pod "web" not found`); both exit with 1. A real Kubernetes
// field that nucleus does not simulate is accepted and named on a
// "warning: " line. `check` exits with 1 when an expectation or an action
// failed, after printing its report.
//
// A failure of nucleus itself (a bug: a panic anywhere in the simulation)
// is caught at the command's edge and never prints a trace: one line,
// "error: internal: <what> (seed N); ... details in FILE; please report it
// at ...", and exit code 70 (sysexits.h's EX_SOFTWARE), distinct from 1
// and 2. FILE, in the system's temporary folder, holds the arguments, the
// seed, the panic and its stack.
//
// The command runs Go's garbage collector with GOGC=400 under a soft
// memory limit of 3 GiB (GOMEMLIMIT), for the largest runs, which keep
// gigabytes alive; a GOGC or GOMEMLIMIT set in the environment wins.
package main
