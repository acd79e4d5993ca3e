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
// # Virtual CPU
//
// Running code costs time, here as on a real node. Each step of a program
// (one simple command, or one turn of a loop) costs StepCPU, one
// microsecond, about what busybox's ash needs for a builtin such as `:`,
// `[` or `echo`; Step.CPU says how much CPU a Run used. Work beyond a
// step costs in proportion to its size: each KiB a command expands
// (`s="$s x"` copies s) costs one more step, about 1 GB/s, the pace of
// ash's byte-at-a-time copying into its stack string (a memcpy is ten
// times faster); joining 16 arguments of "$*" costs a step; an exec of sh
// costs 100 steps. So a loop whose turns do more work runs fewer turns in
// a second of CPU, and the clock, not the simulator, pays for the work. The engine gives
// each Run a budget (SetBudget): a process that has not blocked when it is
// spent is preempted (Step with neither Exited nor Sleep), and the engine
// runs it again once that CPU time has passed on the clock, or later when
// its container's CPU limit throttles it. So `while true; do :; done`
// advances the clock by a second for each second of CPU it burns, and a
// loop of a million turns ends seconds later, not at once.
//
// A program that runs a few steps and then sleeps or exits (most do) uses
// less than Instant, a millisecond: its steps happen at the instant it
// woke, and only the container's CPU account records them. Past Instant, a
// process yields after each command that others can see at once (a
// request, a file made or removed), so that what it does lands on the
// clock when it does it; `date` reads the instant its Run started plus the
// CPU used since. A log line needs no yield when the Host stamps lines
// itself (LogHost, as the container engine does): the line is stamped with
// the instant its Run started plus the CPU used when it was written. A
// write to stdout or stderr costs writeSteps (5 µs: the write(2) and the
// runtime's log shim), so `while true; do echo hello; done` logs 125,000
// lines a second of CPU; a larger write costs a step more for each line
// after its first and for each KiB, so that what one command writes (cat
// of a large file) takes virtual time in proportion, and no container
// logs more than about a million lines a second of CPU.
//
// Running a busy loop turn by turn would cost the simulator a million
// steps for each simulated second, so a loop that repeats itself is
// charged, not run: when a turn ends in the same state as the turn before
// (or, for a counter like `i=$((i+1))`, changes it by the same amount, and
// only +/- arithmetic and integer tests such as `[ $i -lt 1000000 ]` read
// it), every later turn in the budget would do the same, up to the turn
// where a test changes its answer, and the process charges them all at
// once (see cpu.go). Nothing else happens in the simulation during one
// Run, so this is exact: the tests and FuzzRun compare it with running
// every turn. A turn that logs the same lines as the turn before, at the
// same steps of the turn, repeats too: the turns carried forward give the
// LogHost their lines as one record (LogRepeat), stamped as running them
// would have stamped them (`while true; do echo hello; done`, `yes`). A turn
// whose only change to a file is the same bytes appended to it as the turn
// before (`while true; do echo x >> /tmp/f; done`, `yes >> /tmp/f`), and
// that does not read that file, repeats too: the turns carried forward
// append their bytes as one AppendRepeat, which the container engine keeps
// as a run (the bytes and a count) and spells out only when the file is
// read; they stop at the turn whose write would not fit (AppendRoom), which
// runs, and fails, for real. A write to a full disk fails as ash's does:
// "sh: write error: No space left on device", exit status 1. A loop
// whose counter another command reads (`echo $i`, `[ $((i % 7)) -eq 0 ]`),
// or a child process logs in, runs turn by turn.
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
// A command holds what it reads (cat too, where a real one streams it): a
// file of a MiB or more is read only if the process has room for it in
// memory, which the Host is asked before the bytes are spelled out
// (SizeHost), so a read of a file that a loop's appends grew to gigabytes
// OOM-kills the reader instead of swamping nucleus; ls -l, stat and test
// -s ask the size alone.
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
// test and [, read (-r, names or REPLY), mkdir, head (-n, -N, -c),
// tail (-n, -N, +N; -f and -F follow the file, looking again every
// second), wc (-l -w -c -m -L), sed (-n, -e, -E/-r; s///gp, p, d, q with a line, $ or /RE/
// address), date (-u, +FORMAT), hostname, env, printenv, export, unset,
// set, seq, yes, pwd, whoami, wait, ps, kill, readlink (through
// ProcessHost and LinkHost: the processes of the PID namespace and the
// links under /proc), nslookup, wget, nc (-z, a client that
// sends stdin, and -l -p PORT where the Host can listen), and sh itself;
// bash and curl where the image has them (ProgramHost). A utility refuses
// an option it does not know with busybox's message and usage, or GNU
// coreutils' where the image has bash. Input head, wc and sed read is
// held (charged as memory) until the command ends, and costs a step a KiB
// (sed two).
// Known reports whether a name is one of them.
//
// Simplifications, each one a sentence:
//   - `&` runs the command in the foreground; there are no background jobs.
//   - ( ... ) runs in the same shell, like { ...; }.
//   - A command substitution or nested `sh -c` runs to its end at once; the
//     time it sleeps is then slept by the command that contains it, and
//     its CPU is charged to the command. One that is still busy when the
//     budget of its Run is spent goes on at the next Run: the command that
//     contains it runs again, taking back the busy child and the results
//     of the substitutions it had finished (so what it expanded before
//     them is expanded again, and costs its CPU again). One in a for
//     loop's words, or still sleeping after 16 Runs, is cut short with
//     exit status 1. A nested `sh` that is the last command of a -c script
//     replaces the shell instead, as exec does.
//   - Every command costs the same StepCPU, plus what it copies (below):
//     starting a program (fork and exec), which real shells pay for
//     commands that are not builtins, is not charged apart (but an exec
//     of sh is); cat reads a file free, head, wc and sed pay for it.
//   - There is no pathname expansion (* and ? stay literal), no case, no
//     here-documents, no read, no local, and no set -e.
//   - Pipeline stages run one after the other, each to its end, in the same
//     process: a function called in a pipeline or with & recurses in it, so
//     a fork bomb written with a valid name (`b() { b | b & }; b`) ends as a
//     deep recursion (139) rather than in a flood of processes.
//   - wget, curl and nc do not model time-outs: a port with no listener
//     refuses at once; wget prints no progress bar and curl no progress
//     meter, as if --no-progress-meter were given. `nc -l` answers every
//     connection with its stdin until the container ends (a real one
//     serves one and exits, and the script's loop starts the next).
//   - bash is this shell: its error messages are busybox's ("sh: x: not
//     found"), and bashisms ([[ ]], arrays) are syntax errors.
//   - A whole script is parsed before it runs, so a syntax error late in a
//     script stops it before its first line (busybox runs the lines before).
package shell
