package shell

// Script is a parsed shell script, ready to run. It holds the syntax tree and
// the flat instruction list compiled from it; a Script is never modified after
// Parse, so many processes may share one.
type Script struct {
	root *list
	code []instr
}

// Parse parses a script in the POSIX shell grammar that busybox sh accepts
// (the subset this package simulates). It returns a *SyntaxError whose text is
// what busybox prints, e.g. `sh: syntax error: unexpected "fi"`.
func Parse(script string) (*Script, error) {
	return parse(script, 0)
}

func parse(src string, depth int) (*Script, error) {
	p := &parser{lex: lexer{src: src, depth: depth}, depth: depth}
	if err := p.advance(); err != nil {
		return nil, err
	}
	root, err := p.list()
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tokEOF {
		return nil, p.unexpected()
	}
	s := &Script{root: root}
	s.code = compile(root)
	return s, nil
}

// parser is a recursive-descent parser with one token of look-ahead.
type parser struct {
	lex   lexer
	tok   token
	depth int
}

func (p *parser) advance() error {
	t, err := p.lex.next()
	if err != nil {
		return err
	}
	p.tok = t
	return nil
}

func (p *parser) unexpected() error {
	return syntaxErrorf("unexpected %s", p.tok.describe())
}

// keyword returns the reserved word the current token spells, if any.
func (p *parser) keyword() string {
	if p.tok.kind != tokWord {
		return ""
	}
	s, ok := p.tok.word.literal()
	if !ok {
		return ""
	}
	switch s {
	case "if", "then", "elif", "else", "fi", "while", "until", "do", "done", "for", "in", "{", "}", "!", "case", "esac":
		return s
	}
	return ""
}

// isTerminator reports whether the current token ends a list.
func (p *parser) isTerminator() bool {
	switch p.tok.kind {
	case tokEOF, tokRParen, tokDSemi:
		return true
	}
	switch p.keyword() {
	case "then", "elif", "else", "fi", "do", "done", "}", "esac":
		return true
	}
	return false
}

func (p *parser) skipNewlines() error {
	for p.tok.kind == tokNewline {
		if err := p.advance(); err != nil {
			return err
		}
	}
	return nil
}

// list parses and-or lists separated by ; & and newlines, up to a terminator.
func (p *parser) list() (*list, error) {
	l := &list{}
	for {
		if err := p.skipNewlines(); err != nil {
			return nil, err
		}
		if p.isTerminator() {
			return l, nil
		}
		ao, err := p.andOr()
		if err != nil {
			return nil, err
		}
		l.items = append(l.items, ao)
		switch p.tok.kind {
		case tokSemi, tokAmp, tokNewline:
			if err := p.advance(); err != nil {
				return nil, err
			}
		default:
			if !p.isTerminator() {
				return nil, p.unexpected()
			}
		}
	}
}

// bodyList parses a list that must not be empty, as in `then ... fi`.
func (p *parser) bodyList() (*list, error) {
	l, err := p.list()
	if err == nil && len(l.items) == 0 {
		return nil, p.unexpected()
	}
	return l, err
}

func (p *parser) andOr() (*andOr, error) {
	first, err := p.pipeline()
	if err != nil {
		return nil, err
	}
	ao := &andOr{first: first}
	for p.tok.kind == tokAndIf || p.tok.kind == tokOrIf {
		op := p.tok.text
		if err := p.advance(); err != nil {
			return nil, err
		}
		if err := p.skipNewlines(); err != nil {
			return nil, err
		}
		next, err := p.pipeline()
		if err != nil {
			return nil, err
		}
		ao.ops = append(ao.ops, op)
		ao.rest = append(ao.rest, next)
	}
	return ao, nil
}

func (p *parser) pipeline() (*pipeline, error) {
	pl := &pipeline{}
	if p.keyword() == "!" {
		pl.not = true
		if err := p.advance(); err != nil {
			return nil, err
		}
	}
	for {
		c, err := p.command()
		if err != nil {
			return nil, err
		}
		pl.cmds = append(pl.cmds, c)
		if p.tok.kind != tokPipe {
			return pl, nil
		}
		if err := p.advance(); err != nil {
			return nil, err
		}
		if err := p.skipNewlines(); err != nil {
			return nil, err
		}
	}
}

// expect consumes the reserved word kw or reports what was found instead.
func (p *parser) expect(kw string) error {
	if p.keyword() != kw {
		if p.tok.kind == tokEOF {
			return syntaxErrorf("unexpected end of file (expecting %q)", kw)
		}
		return p.unexpected()
	}
	return p.advance()
}

// command parses one simple or compound command.
func (p *parser) command() (command, error) {
	if p.depth >= maxNesting {
		return nil, errTooDeep
	}
	p.depth++
	defer func() { p.depth-- }()
	var c command
	var redirs *[]redirection
	var err error
	switch p.keyword() {
	case "if":
		ic := &ifCommand{}
		c, redirs, err = ic, &ic.redirs, p.ifCommand(ic)
	case "while", "until":
		lc := &loopCommand{until: p.keyword() == "until"}
		c, redirs, err = lc, &lc.redirs, p.loopCommand(lc)
	case "for":
		fc := &forCommand{}
		c, redirs, err = fc, &fc.redirs, p.forCommand(fc)
	case "{":
		gc := &groupCommand{}
		c, redirs, err = gc, &gc.redirs, p.group(gc, "}")
	case "":
		if p.tok.kind == tokLParen {
			gc := &groupCommand{}
			c, redirs, err = gc, &gc.redirs, p.group(gc, ")")
			break
		}
		return p.simpleCommand()
	case "case", "esac":
		return nil, syntaxErrorf("case ... esac is not simulated")
	default:
		return nil, p.unexpected()
	}
	if err != nil {
		return nil, err
	}
	for p.tok.kind == tokRedir {
		r, err := p.redirection()
		if err != nil {
			return nil, err
		}
		*redirs = append(*redirs, r)
	}
	return c, nil
}
