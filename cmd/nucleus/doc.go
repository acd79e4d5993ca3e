// Command nucleus runs the nucleus simulator from the command line: it reads
// the same manifests a learner would give `kubectl apply -f`, applies them to
// a simulated cluster in virtual time, and shows what happens.
//
// # Mental model
//
// Every command starts a fresh simulation, so every run is reproducible:
//
//	FILE...  ──decode──▶  objects  ──apply at 00:00:00──▶  cluster
//	                                                          │ clock runs (--for, --at)
//	                           narration (run)  ◀─────────────┤
//	                           records, Events (events) ◀─────┤
//	                           objects as kubectl shows them ◀┤ (get, describe, logs)
//	                           kube-proxy's rules (proxy) ◀───┘
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
//	nucleus run [--seed N] [--for DURATION] [--voice store|kubernetes|both] FILE...
//	nucleus get pods|services|endpointslices|nodes|deployments|replicasets|events
//	    [--seed N] [--at DURATION] [-o wide|json|yaml] [-n NAMESPACE | -A] FILE...
//	nucleus describe pod|service|endpointslice|node|deployment|replicaset NAME
//	    [--seed N] [--at DURATION] [-n NAMESPACE] FILE...
//	nucleus logs POD [-c CONTAINER] [-p|--previous] [--timestamps] [--seed N] [--at DURATION] [-n NAMESPACE] FILE...
//	nucleus events [-o jsonl] [--seed N] [--for DURATION] FILE...
//	nucleus proxy rules --store NAME [--mode iptables|nftables|ipvs] [--scheduler rr|lc|sh] [--seed N] [--at DURATION] FILE...
//	nucleus version
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
// "warning: " line.
package main
