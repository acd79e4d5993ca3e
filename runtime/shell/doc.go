// Package shell is the small POSIX shell that busybox and alpine containers
// run in nucleus, executed in virtual time.
//
// # Mental model
//
// A container runs one process: its image's entrypoint, or its command and
// args. For busybox and alpine that process is usually a shell (`sh -c
// "..."`) or one of its commands (`sleep 3600`). This package is that process.
// In the storefront story the training department (the container runtime)
// hands an employee (the pod) a job card, and the shell is the employee
// working through the card line by line: "put the OPEN sign up, wait 30
// minutes, take it down, wait 10 hours".
//
// A Process is a state machine that the container engine drives:
//
//	p := shell.Start(argv, env, host) // nothing runs yet
//	st := p.Run()                     // runs until it exits or blocks
//	// st.Exited: the container's main process ended with st.ExitCode.
//	// otherwise: call p.Run() again after st.Sleep of virtual time.
//
// Parse turns the script text into a syntax tree, then flattens it into a
// list of instructions with jumps (see compile.go). A running process is a
// program counter and a few small stacks, so it can stop in the middle of a
// loop when `sleep` blocks and carry on at the next Run. Nothing here reads
// the wall clock, sleeps, or starts a goroutine; `date` reads Host.Now, the
// simulated clock.
//
// # Busy loops
//
// A loop without a sleep (`while true; do :; done`) would run for ever in
// one Run call. After 10,000 commands without sleeping, Run returns
// Step{Sleep: CPUSlice} (one millisecond): the process "used the CPU" for that
// long, the rest of the simulation moves, and the next Run goes on where it
// stopped.
//
// # Bounds
//
// A node bounds a program, and so does this shell (memory.go, depth.go):
// the bytes a process holds are asked of its Host (MemoryHost) before they
// are allocated, and the allocation that does not fit ends the process as
// the OOM killer does (SIGKILL, 137, no trap run); a host that does not
// count memory gets 16 MiB. A -c shell runs its last command in place, as
// ash's exec does; any other nested sh or $(...) is a fork that costs
// 128 KiB, and past 1,024 nested processes a fork fails as in a pod whose
// pids limit is reached ("sh: can't fork: Resource temporarily
// unavailable", exit 2). A script nested past 1,000 levels, or a function
// 1,000 calls deep, crashes the shell as it would overflow ash's stack:
// exit 139, nothing written. Exec'ing sh with an argument of 128 KiB or
// more fails as execve does (E2BIG): "sh: sh: Argument list too long",
// 126. A script over 64 KiB is parsed only if 128 bytes a byte of it fit
// in memory (ash parses a command at a time; this shell parses it whole).
//
// # Signals and PID 1
//
// The main process of a container is PID 1 of its PID namespace. Linux does
// not deliver a signal from outside to PID 1 unless the process installed a
// handler for it; SIGKILL is the exception. A shell installs a handler only
// for a signal named in `trap`. So:
//
//   - `kubectl delete` of a busybox pod running `sleep 3600` sends SIGTERM,
//     which PID 1 ignores; the pod waits the whole grace period (30 s by
//     default) until the kubelet's runtime sends SIGKILL, and the container
//     ends with 137 (128+9). That is the real reason such pods take 30 s to
//     go away.
//   - With `trap 'echo bye; exit 0' TERM`, the trap runs at once (a sleeping
//     process is woken; the interrupted sleep returns 143) and the container
//     ends with the trap's exit code, here 0.
//   - A process that is not PID 1 (SetPID1(false), e.g. one started by
//     exec) dies of an untrapped SIGTERM with 143 (128+15).
//
// Real shells run a trap only after a foreground child such as an external
// `sleep` has finished, which is why robust scripts write `sleep 3600 &
// wait`; this shell treats sleep as interruptible, as the engine expects.
//
// # Exit codes
//
// A shell exits with the status of its last command, or with N for `exit
// N` (`exit` alone uses $?). A command that does not exist gives 127 and
// `sh: NAME: not found`; a script that does not parse gives 2 and busybox's
// `sh: syntax error: ...` message; signals give 128+N.
//
// # What is simulated, and what is simplified
//
// The grammar: words with single and double quotes and backslashes; $VAR,
// ${VAR}, ${VAR:-word} (and -, :=, =, :+, +), ${#VAR}, $? $$ $# $0..$9 $@ $*;
// $(...) and `...`; $((...)) integer arithmetic; NAME=value and export;
// lists with ; & newlines && || !; if/elif/else, while, until, for, { }, ( );
// redirections > >> < 2>&1 >/dev/null; pipelines; comments; trap, break,
// continue, exit; functions (name() body) with return.
//
// The commands: sleep, echo, printf, exit, true, false, :, touch, rm, cat,
// test and [, mkdir, tail (-n, -f), date, hostname, env, printenv, export,
// unset, set, seq, pwd, whoami, wait, nslookup, wget, nc -z, and sh itself.
// Known reports whether a name is one of them.
//
// Simplifications, each one a sentence:
//   - `&` runs the command in the foreground; there are no background jobs.
//   - ( ... ) runs in the same shell, like { ...; }.
//   - A command substitution or nested `sh -c` runs to its end at once; the
//     time it sleeps is then slept by the command that contains it (a
//     nested `sh` that is the last command of a -c script replaces the
//     shell instead, as exec does).
//   - There is no pathname expansion (* and ? stay literal), no case, no
//     here-documents, no read, no local, and no set -e.
//   - Pipeline stages run one after the other, each to its end, in the same
//     process: a function called in a pipeline or with & recurses in it, so
//     a fork bomb written with a valid name (`b() { b | b & }; b`) ends as a
//     deep recursion (139) rather than in a flood of processes.
//   - wget and nc do not model time-outs: a port with no listener refuses
//     at once, and wget prints no progress bar.
//   - A whole script is parsed before it runs, so a syntax error late in a
//     script stops it before its first line (busybox runs the lines before).
package shell
