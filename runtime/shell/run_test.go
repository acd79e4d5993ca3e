package shell

import (
	"errors"
	"strings"
	"testing"
)

// scriptCase is one `sh -c` script with the exit code and log it must give.
type scriptCase struct {
	name   string
	script string
	code   int
	log    string // the log lines joined by "|"
}

func checkScripts(t *testing.T, cases []scriptCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, lines, _ := runScript(tc.script)
			got := strings.Join(lines, "|")
			if code != tc.code || got != tc.log {
				t.Errorf("sh -c %q = exit %d, log %q; want exit %d, log %q", tc.script, code, got, tc.code, tc.log)
			}
		})
	}
}

// Reference: POSIX Shell Command Language §2.2 (quoting), §2.6 (word
// expansions), §2.6.5 (field splitting); busybox ash behaves the same.
func TestQuotingAndExpansion(t *testing.T) {
	checkScripts(t, []scriptCase{
		{"plain echo", "echo hello world", 0, "stdout: hello world"},
		{"single quotes keep $", `echo '$HOME is literal'`, 0, "stdout: $HOME is literal"},
		{"double quotes expand", `echo "home=$HOME"`, 0, "stdout: home=/root"},
		{"braces", `A=x; echo "${A}y"`, 0, "stdout: xy"},
		{"backslash escapes", `echo a\ b \$HOME`, 0, "stdout: a b $HOME"},
		{"unset is empty", `echo "[$NOPE]"`, 0, "stdout: []"},
		{"default value", `echo ${NOPE:-fallback} ${HOME:-x}`, 0, "stdout: fallback /root"},
		{"length", `A=hello; echo ${#A}`, 0, "stdout: 5"},
		{"field splitting", `A="1   2"; for x in $A; do echo $x; done`, 0, "stdout: 1|stdout: 2"},
		{"no splitting in quotes", `A="1   2"; for x in "$A"; do echo "$x"; done`, 0, "stdout: 1   2"},
		{"empty quotes are an argument", `set -- "" b; echo $#`, 0, "stdout: 2"},
		{"status", `false; echo $?; true; echo $?`, 0, "stdout: 1|stdout: 0"},
		{"pid of PID 1", `echo $$`, 0, "stdout: 1"},
		{"command substitution", `echo "host is $(hostname)"`, 0, "stdout: host is web-0"},
		{"backticks", "echo `echo hi`", 0, "stdout: hi"},
		{"arithmetic", `i=3; echo $((i * 2 + 1)) $(( (1+2)*3 )) $((7 % 4))`, 0, "stdout: 7 9 3"},
		{"arithmetic error exits 2", `echo $((1/0)); echo after`, 2, "stderr: sh: divide by zero"},
		{"comment", "echo a # not this\n# nor this\necho b", 0, "stdout: a|stdout: b"},
		{"line continuation", "echo a \\\nb", 0, "stdout: a b"},
		{"prefix assignment is temporary", `A=1; A=2 env | grep -q x; echo $A`, 0, "stderr: sh: grep: not found|stdout: 1"},
		{"export", `export GREETING=hi; env`, 0, "stdout: PATH=/bin|stdout: HOME=/root|stdout: GREETING=hi"},
	})
}

// Reference: POSIX Shell Command Language §2.9 (lists, pipelines, compound
// commands) and §2.8.2 (exit status); busybox ash.
func TestControlFlow(t *testing.T) {
	checkScripts(t, []scriptCase{
		{"and-or", `true && echo yes || echo no; false && echo yes || echo no`, 0, "stdout: yes|stdout: no"},
		{"bang", `! false && echo negated`, 0, "stdout: negated"},
		{"if elif else", `X=2; if [ $X = 1 ]; then echo one; elif [ $X = 2 ]; then echo two; else echo many; fi`, 0, "stdout: two"},
		{"if without branch is 0", `if false; then echo no; fi; echo $?`, 0, "stdout: 0"},
		{"while counts", `i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done`, 0, "stdout: 0|stdout: 1|stdout: 2"},
		{"until", `i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i`, 0, "stdout: 2"},
		{"for", `for x in a b c; do echo -n $x; done; echo`, 0, "stdout: abc"},
		{"for over args", `set -- p q; for a; do echo $a; done`, 0, "stdout: p|stdout: q"},
		{"break", `for x in 1 2 3; do if [ $x = 2 ]; then break; fi; echo $x; done`, 0, "stdout: 1"},
		{"continue", `for x in 1 2 3; do [ $x = 2 ] && continue; echo $x; done`, 0, "stdout: 1|stdout: 3"},
		{"break 2", `for a in 1 2; do for b in 1 2; do echo $a$b; break 2; done; done`, 0, "stdout: 11"},
		{"group", `{ echo a; echo b; } > /tmp/out; cat /tmp/out`, 0, "stdout: a|stdout: b"},
		{"subshell as group", `(echo in)`, 0, "stdout: in"},
		{"last status is exit code", `echo a; false`, 1, "stdout: a"},
		{"exit N", `exit 3; echo never`, 3, ""},
		{"exit uses $?", `false; exit`, 1, ""},
		{"exit masks to 8 bits", `exit 257`, 1, ""},
		{"not found is 127", `nosuchcmd arg`, 127, "stderr: sh: nosuchcmd: not found"},
		{"loop status", `for x in a; do false; done`, 1, ""},
	})
}

// Reference: POSIX Shell Command Language §2.7 (redirection) and §2.9.2
// (pipelines: the status is the last command's).
func TestRedirectionsAndPipes(t *testing.T) {
	checkScripts(t, []scriptCase{
		{"write and append", `echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f`, 0, "stdout: one|stdout: two"},
		{"truncate", `echo one > /tmp/f; echo two > /tmp/f; cat /tmp/f`, 0, "stdout: two"},
		{"stderr to stdout", `cat /nope 2>&1`, 1, "stdout: cat: can't open '/nope': No such file or directory"},
		{"devnull", `echo quiet >/dev/null; cat /nope 2>/dev/null; echo $?`, 0, "stdout: 1"},
		{"stdin from file", `echo data > /tmp/in; cat < /tmp/in`, 0, "stdout: data"},
		{"missing stdin file", `cat < /tmp/nope`, 1, "stderr: sh: can't open '/tmp/nope': No such file or directory"},
		{"bad directory", `echo x > /no/dir/f`, 1, "stderr: sh: can't create /no/dir/f: nonexistent directory"},
		{"pipe", `echo piped | cat`, 0, "stdout: piped"},
		{"pipe status is last", `false | true`, 0, ""},
		{"pipe negated", `! echo x | cat >/dev/null`, 1, ""},
		{"three stages", `printf 'a\nb\nc\n' | tail -n 2 | cat`, 0, "stdout: b|stdout: c"},
		{"loop into pipe", `for x in 1 2; do echo $x; done | tail -n 1`, 0, "stdout: 2"},
		{"stderr in pipe", `cat /nope 2>&1 | cat > /tmp/err; cat /tmp/err`, 0, "stdout: cat: can't open '/nope': No such file or directory"},
		{"partial line flushed at exit", `echo -n no-newline`, 0, "stdout: no-newline"},
	})
}

// Reference: POSIX Shell Command Language §2.10 (grammar); busybox ash prints
// syntax errors as `sh: syntax error: ...` and exits 2.
func TestSyntaxErrors(t *testing.T) {
	checkScripts(t, []scriptCase{
		{"stray fi", `echo a; fi`, 2, `stderr: sh: syntax error: unexpected "fi"`},
		{"missing fi", `if true; then echo a`, 2, `stderr: sh: syntax error: unexpected end of file (expecting "fi")`},
		{"missing done", `while true; do echo a`, 2, `stderr: sh: syntax error: unexpected end of file (expecting "done")`},
		{"open quote", `echo "abc`, 2, `stderr: sh: syntax error: unterminated quoted string`},
		{"empty then", `if true; then fi`, 2, `stderr: sh: syntax error: unexpected "fi"`},
		{"double semicolon", `echo a;; echo b`, 2, `stderr: sh: syntax error: unexpected ";;"`},
		{"dangling pipe", `echo a |`, 2, `stderr: sh: syntax error: unexpected end of file`},
		{"unexpected paren", `echo a )`, 2, `stderr: sh: syntax error: unexpected ")"`},
	})
}

// Reference: POSIX §2.6.2 (parameter expansion forms) and §2.5.2 ("$@").
func TestParameterForms(t *testing.T) {
	checkScripts(t, []scriptCase{
		{"assign default", `echo ${A:=set}; echo $A`, 0, "stdout: set|stdout: set"},
		{"alternative", `A=1; echo "[${A:+alt}][${B:+alt}]"`, 0, "stdout: [alt][]"},
		{"dash keeps empty", `A=; echo "[${A-d}][${A:-d}]"`, 0, "stdout: [][d]"},
		{"quoted at keeps fields", `set -- "a b" c; for x in "$@"; do echo "$x"; done`, 0, "stdout: a b|stdout: c"},
		{"unquoted star splits", `set -- "a b" c; for x in $*; do echo $x; done`, 0, "stdout: a|stdout: b|stdout: c"},
		{"background runs in foreground", `echo a & echo b`, 0, "stdout: a|stdout: b"},
		{"substitution status", `A=$(false); echo $?`, 0, "stdout: 1"},
		{"substitution sleep is owed", `A=$(sleep 5; echo x); echo $A`, 0, "stdout: x"},
	})
}

// Reference: Parse reports busybox's message as a *SyntaxError.
func TestParseError(t *testing.T) {
	cases := map[string]string{
		"fi":                     `sh: syntax error: unexpected "fi"`,
		"for 1 in a; do :; done": "sh: syntax error: bad for loop variable",
		"cat <<EOF":              "sh: syntax error: here-documents (<<) are not simulated",
		"echo ${A%x}":            "sh: syntax error: ${A%x}: bad substitution",
		"do":                     `sh: syntax error: unexpected "do"`,
		"{ echo a":               `sh: syntax error: unexpected end of file (expecting "}")`,
	}
	for src, want := range cases {
		_, err := Parse(src)
		var se *SyntaxError
		if !errors.As(err, &se) || err.Error() != want {
			t.Errorf("Parse(%q) error = %v, want %q", src, err, want)
		}
	}
}
