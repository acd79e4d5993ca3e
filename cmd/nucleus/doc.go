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
//	                           pods, as kubectl get shows them ◀┘
//
// The same files, flags and --seed give byte-identical output on every run.
//
// In the storefront: you hand head office a stack of work orders, watch the
// store for a while (the narration is the store's logbook read aloud), then
// look at the staff list.
//
// # Commands
//
//	nucleus run [--seed N] [--for DURATION] [--voice store|kubernetes|both] FILE...
//	nucleus get pods [--seed N] [--at DURATION] [-o wide|json|yaml] [-n NAMESPACE] FILE...
//	nucleus version
//
// FILE "-" reads standard input. Virtual time is limited to 24h per command.
//
// # Errors and exit codes
//
// As kubectl does, every error is one line on standard error starting with
// "error: ". A file that cannot be read, a manifest that does not decode (a
// typo such as spec.containerz) or an object the API server refuses exits
// with 1; the line names the file and the field path. A bad command line (an
// unknown command or flag, a flag value that does not parse, no FILE) exits
// with 2 and adds a line pointing at the command's --help. A real Kubernetes
// field that nucleus does not simulate is accepted and named on a
// "warning: " line.
package main
