package shell

import (
	"strconv"
	"strings"
)

// arithmetic evaluates $((expr)) with shell integer rules: decimal integers,
// variables (with or without $), + - * / %, comparisons, && || ! and
// parentheses. An error is remembered in expandErr; the command does not run
// and the shell exits with 2, as a non-interactive shell does.
func (p *Process) arithmetic(expr string) string {
	a := arith{src: expr, p: p}
	v := a.binary(0)
	a.skip()
	if a.err == "" && a.pos < len(a.src) {
		a.err = "arithmetic syntax error"
	}
	if a.err != "" {
		if p.expandErr == "" {
			p.expandErr = a.err
		}
		return "0"
	}
	return strconv.FormatInt(v, 10)
}

// arith is a precedence-climbing evaluator over the expression text.
type arith struct {
	src   string
	pos   int
	p     *Process
	err   string
	depth int
}

// arithOps lists binary operators by precedence level, lowest first.
func arithLevel(op string) int {
	switch op {
	case "||":
		return 1
	case "&&":
		return 2
	case "==", "!=":
		return 3
	case "<", "<=", ">", ">=":
		return 4
	case "+", "-":
		return 5
	case "*", "/", "%":
		return 6
	}
	return 0
}

func (a *arith) skip() {
	for a.pos < len(a.src) && strings.IndexByte(" \t\n", a.src[a.pos]) >= 0 {
		a.pos++
	}
}

// peekOp returns the binary operator at the current position, if any.
func (a *arith) peekOp() string {
	a.skip()
	rest := a.src[a.pos:]
	for _, op := range []string{"||", "&&", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%"} {
		if strings.HasPrefix(rest, op) {
			return op
		}
	}
	return ""
}

// binary parses operators of at least level minLevel+1.
func (a *arith) binary(minLevel int) int64 {
	left := a.unary()
	for a.err == "" {
		op := a.peekOp()
		level := arithLevel(op)
		if level <= minLevel {
			return left
		}
		a.pos += len(op)
		right := a.binary(level)
		left = a.apply(op, left, right)
	}
	return left
}

func (a *arith) apply(op string, l, r int64) int64 {
	b := func(ok bool) int64 {
		if ok {
			return 1
		}
		return 0
	}
	switch op {
	case "||":
		return b(l != 0 || r != 0)
	case "&&":
		return b(l != 0 && r != 0)
	case "==":
		return b(l == r)
	case "!=":
		return b(l != r)
	case "<":
		return b(l < r)
	case "<=":
		return b(l <= r)
	case ">":
		return b(l > r)
	case ">=":
		return b(l >= r)
	case "+":
		return l + r
	case "-":
		return l - r
	case "*":
		return l * r
	}
	if r == 0 {
		a.err = "divide by zero"
		return 0
	}
	if op == "/" {
		return l / r
	}
	return l % r
}

func (a *arith) unary() int64 {
	a.skip()
	if a.depth++; a.depth > maxNesting {
		a.err = "arithmetic syntax error"
		return 0
	}
	defer func() { a.depth-- }()
	if a.pos >= len(a.src) {
		a.err = "arithmetic syntax error"
		return 0
	}
	switch c := a.src[a.pos]; {
	case c == '-' || c == '+' || c == '!':
		a.pos++
		v := a.unary()
		if c == '-' {
			return -v
		} else if c == '!' {
			return a.apply("==", v, 0)
		}
		return v
	case c == '(':
		a.pos++
		v := a.binary(0)
		a.skip()
		if a.pos >= len(a.src) || a.src[a.pos] != ')' {
			a.err = "arithmetic syntax error"
			return 0
		}
		a.pos++
		return v
	}
	return a.primary()
}

// primary reads a number or a variable, whose value is read as a number.
func (a *arith) primary() int64 {
	start := a.pos
	if a.src[a.pos] == '$' {
		a.pos++
		start++
	}
	for a.pos < len(a.src) && isNameChar(a.src[a.pos]) {
		a.pos++
	}
	tok := a.src[start:a.pos]
	switch {
	case tok == "":
		a.err = "arithmetic syntax error"
		return 0
	case allDigits(tok):
		v, err := strconv.ParseInt(tok, 10, 64)
		if err != nil {
			a.err = "number out of range"
		}
		return v
	case !validName(tok):
		a.err = "arithmetic syntax error"
		return 0
	}
	s, _ := a.p.param(tok)
	if s == "" {
		return 0
	}
	v, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		a.err = "arithmetic syntax error"
	}
	return v
}
