package shell

import (
	"strconv"
	"strings"
)

// cmdTest is `test EXPR` and `[ EXPR ]`: 0 when true, 1 when false, 2 on a
// usage error. It follows the POSIX rules by argument count, then a
// recursive parse (with -a, -o, ! and parentheses) for longer expressions.
func cmdTest(p *Process, argv []string) int {
	args := argv[1:]
	// [ ... ] is test; busybox ash's [[ ... ]] is too, for the
	// expressions test knows.
	if open := baseName(argv[0]); open == "[" || open == "[[" {
		closing := strings.ReplaceAll(open, "[", "]")
		if len(args) == 0 || args[len(args)-1] != closing {
			p.write(2, "sh: "+open+": missing "+closing+"\n")
			return 2
		}
		args = args[:len(args)-1]
	}
	t := &tester{p: p, args: args}
	ok := t.byCount()
	if t.err != "" {
		p.write(2, "sh: "+t.err+"\n")
		return 2
	}
	return boolStatus(ok)
}

// tester evaluates one test expression.
type tester struct {
	p    *Process
	args []string
	pos  int
	err  string
}

// byCount applies the POSIX rules for 0 to 4 arguments.
func (t *tester) byCount() bool {
	a := t.args
	switch {
	case len(a) == 0:
		return false
	case len(a) == 1:
		return a[0] != ""
	case len(a) == 2 && a[0] == "!":
		return a[1] == ""
	case len(a) == 2 && isUnary(a[0]):
		return t.unary(a[0], a[1])
	case len(a) == 2:
		t.err = a[0] + ": unknown operand"
		return false
	case len(a) == 3 && isBinary(a[1]):
		return t.binary(a[0], a[1], a[2])
	case len(a) == 3 && a[0] == "!":
		sub := &tester{p: t.p, args: a[1:]}
		ok := sub.byCount()
		t.err = sub.err
		return !ok
	case len(a) == 3 && a[0] == "(" && a[2] == ")":
		return a[1] != ""
	case len(a) == 4 && a[0] == "!" && isBinary(a[2]):
		return !t.binary(a[1], a[2], a[3])
	}
	ok := t.or()
	if t.err == "" && t.pos < len(t.args) {
		t.err = t.args[t.pos] + ": unknown operand"
	}
	return ok
}

func (t *tester) peek() string {
	if t.pos < len(t.args) {
		return t.args[t.pos]
	}
	return ""
}

func (t *tester) or() bool {
	ok := t.and()
	for t.err == "" && t.peek() == "-o" {
		t.pos++
		r := t.and()
		ok = ok || r
	}
	return ok
}

func (t *tester) and() bool {
	ok := t.not()
	for t.err == "" && t.peek() == "-a" {
		t.pos++
		r := t.not()
		ok = ok && r
	}
	return ok
}

func (t *tester) not() bool {
	if t.peek() == "!" && t.pos+1 < len(t.args) {
		t.pos++
		return !t.not()
	}
	return t.primary()
}

func (t *tester) primary() bool {
	a := t.args[t.pos:]
	switch {
	case len(a) == 0:
		t.err = "argument expected"
		return false
	case a[0] == "(" && len(t.args) < 2*maxNesting:
		t.pos++
		ok := t.or()
		if t.peek() != ")" {
			t.err = "closing paren expected"
			return false
		}
		t.pos++
		return ok
	case len(a) >= 3 && isBinary(a[1]):
		t.pos += 3
		return t.binary(a[0], a[1], a[2])
	case len(a) >= 2 && isUnary(a[0]):
		t.pos += 2
		return t.unary(a[0], a[1])
	}
	t.pos++
	return a[0] != ""
}

func isUnary(op string) bool {
	switch op {
	case "-e", "-f", "-d", "-s", "-r", "-w", "-x", "-z", "-n", "-h", "-L":
		return true
	}
	return false
}

func isBinary(op string) bool {
	switch op {
	case "=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge":
		return true
	}
	return false
}

// unary evaluates -e -f -d -s -r -w -x (files) and -z -n (strings).
func (t *tester) unary(op, arg string) bool {
	switch op {
	case "-z":
		return arg == ""
	case "-n":
		return arg != ""
	case "-h", "-L":
		return false // no symbolic links in the simulated file system
	}
	isDir, ok := t.p.host.Stat(arg)
	switch op {
	case "-f":
		return ok && !isDir
	case "-d":
		return ok && isDir
	case "-s":
		t.p.noteRead(arg)
		return ok && (isDir || t.p.fileSize(arg) > 0)
	}
	return ok // -e, -r, -w, -x: the shell runs as root
}

// binary evaluates string and integer comparisons.
func (t *tester) binary(l, op, r string) bool {
	switch op {
	case "=", "==":
		return l == r
	case "!=":
		return l != r
	}
	a, b := t.number(l), t.number(r)
	switch op {
	case "-eq":
		return a == b
	case "-ne":
		return a != b
	case "-lt":
		return a < b
	case "-le":
		return a <= b
	case "-gt":
		return a > b
	}
	return a >= b
}

func (t *tester) number(s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil && t.err == "" {
		t.err = "invalid number '" + s + "'"
	}
	return n
}
