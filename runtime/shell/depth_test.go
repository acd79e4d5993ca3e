package shell

import (
	"strings"
	"testing"
)

// A shell's nesting ends the way it ends busybox's sh, never in a Go stack
// overflow: a -c shell's last command replaces it (exec), other nested
// shells are forks bounded at maxProcesses (then ash's "can't fork", exit
// 2), and a script nested past maxNesting crashes the parser (SIGSEGV,
// 139, nothing written).
// Reference: busybox shell/ash.c (evalstring(minusc, EV_EXIT): the last
// command of -c is exec'd; forkshell: "can't fork" then an EXERROR, exit
// 2); signal(7) (SIGSEGV = 11, so 128+11).
func TestNestingBounds(t *testing.T) {
	rec := `sh -c "$0" "$0" || exit $?`
	checkScripts(t, []scriptCase{
		// 1024 forks of 128 KiB pass the fake host's 16 MiB first; with a
		// larger memory, the catalogue's depth-recursive-sh-c-fork shows
		// the pids bound.
		{"fork recursion ends OOM-killed", `sh -c '` + rec + `' '` + rec + `'`, 137, ""},
		{"an exec replaces the shell", `A=1; export B=2; sh -c 'echo "$A-$B" $0' zero`, 0, "stdout: -2 zero"},
		{"nesting past maxNesting crashes", strings.Repeat("(", maxNesting+1) + "echo hi" + strings.Repeat(")", maxNesting+1), 139, ""},
		{"nesting up to maxNesting runs", strings.Repeat("(", maxNesting-1) + "echo hi" + strings.Repeat(")", maxNesting-1), 0, "stdout: hi"},
		{"substitutions past maxNesting crash", "echo " + strings.Repeat("$(echo ", maxNesting+1) + "hi" + strings.Repeat(")", maxNesting+1), 139, ""},
	})
}

// A shell whose recursion is its last command replaces itself for ever, in
// constant memory, as ash's exec does: it keeps running.
func TestRecursiveExecRunsInConstantMemory(t *testing.T) {
	rec := `sh -c "$0" "$0"`
	p := Start([]string{"sh", "-c", rec, rec}, nil, newFakeHost())
	for i := 0; i < 50; i++ {
		if st := p.Run(); st.Exited {
			t.Fatalf("Run %d: exited with %d; a recursive exec runs for ever", i, st.ExitCode)
		}
	}
	if p.depth != 0 || p.held > 1<<10 || len(p.frames) != 1 {
		t.Errorf("after 50 Runs: depth %d, held %d bytes, %d frames; want 0, < 1 KiB, 1", p.depth, p.held, len(p.frames))
	}
}

// Without a host that counts memory, a shell still never holds more than
// unhostedMemory: a string doubling ends as the OOM killer ends it.
func TestUnhostedMemoryIsBounded(t *testing.T) {
	code, _, _ := runScript(`s=x; while :; do s="$s$s"; done`)
	if code != 137 {
		t.Errorf("string doubling = exit %d, want 137 (SIGKILL)", code)
	}
}

// Functions: defined with name(), called with arguments, ended by return;
// a recursion without end dies as ash does of its C stack (139); a name
// that is a special builtin (the classic fork bomb's ":") is refused.
// Reference: POSIX Shell Command Language §2.9.5; busybox shell/ash.c
// (simplecmd: "bad function name"; evalfun).
func TestFunctions(t *testing.T) {
	checkScripts(t, []scriptCase{
		{"call with arguments", `greet() { echo "hi $1 ($#)"; }; greet you me; echo "[$1]"`, 0, "stdout: hi you (2)|stdout: []"},
		{"return with a status", `f() { return 3; echo no; }; f; echo $?`, 0, "stdout: 3"},
		{"return from inside a loop", `f() { while :; do return 4; done; }; f; echo $?`, 0, "stdout: 4"},
		{"recursion that ends", `down() { if [ $1 -gt 0 ]; then down $(($1 - 1)); else echo bottom; fi; }; down 50`, 0, "stdout: bottom"},
		{"redirection of a call", `f() { echo in; }; f > /tmp/out; cat /tmp/out`, 0, "stdout: in"},
		{"a substitution sees functions", `f() { echo x; }; echo "$(f)y"`, 0, "stdout: xy"},
		{"recursion without end", `f() { f; }; f`, 139, ""},
		{"the fork bomb's name", `:(){ :|:& };:`, 2, "stderr: sh: syntax error: bad function name"},
		{"a fork bomb by another name", `bomb() { bomb | bomb & }; bomb`, 139, ""},
	})
}

// A command substitution's output is read whole into the shell's memory,
// as ash reads it, with no cut (the runtime's TestShellRunawayIsOOMKilled
// shows an output that does not fit).
// Reference: POSIX Shell Command Language §2.6.3 (command substitution:
// the output of the command, trailing newlines removed).
func TestSubstitutionOutputIsWhole(t *testing.T) {
	kib := strings.Repeat("0123456789abcdef", 64)
	checkScripts(t, []scriptCase{
		{"100 KiB", `s=` + kib + `; x=$(for i in $(seq 100); do echo $s; done); echo ${#x}`, 0, "stdout: 102499"},
	})
}

// Exec'ing sh with an argument of 128 KiB or more fails as execve fails,
// E2BIG: ash prints the error and the command's status is 126. (The
// runtime's TestShellRunawayIsOOMKilled shows a huge script file, parsed
// only if its parse fits in memory.)
// Reference: linux include/uapi/linux/binfmts.h (MAX_ARG_STRLEN = 32
// pages); busybox shell/ash.c (shellexec: 126).
func TestHugeScripts(t *testing.T) {
	grow := `s=":;"; while [ ${#s} -lt 200000 ]; do s="$s$s"; done; `
	checkScripts(t, []scriptCase{
		{"sh -c of a 256 KiB script", grow + `sh -c "$s"; echo $?`, 0, "stderr: sh: sh: Argument list too long|stdout: 126"},
		{"a -c shell's last command", grow + `sh -c "$s"`, 126, "stderr: sh: sh: Argument list too long"},
		{"an exported variable of 256 KiB", grow + `export s; sh -c 'echo no'; echo $?`, 0, "stderr: sh: sh: Argument list too long|stdout: 126"},
	})
}

// Variables made by the thousand (export "v$i=1" in a loop) are found
// through an index, so each lookup costs the same however many there are;
// unset keeps the rest right.
func TestManyVariables(t *testing.T) {
	checkScripts(t, []scriptCase{
		{"5000 exported", `i=0; while [ $i -lt 5000 ]; do export "v$i=$i"; i=$((i+1)); done; unset v10; echo "$v4999 [$v10] $v11"; v12=twelve; echo $v12 $v13`, 0, "stdout: 4999 [] 11|stdout: twelve 13"},
	})
}
