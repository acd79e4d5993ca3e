package shell

import "strings"

// This file parses the parts of commands: the compound commands (if, while,
// until, for, groups), redirections and simple commands.

func (p *parser) ifCommand(ic *ifCommand) error {
	for kw := "if"; kw == "if" || kw == "elif"; kw = p.keyword() {
		if err := p.advance(); err != nil {
			return err
		}
		cond, err := p.bodyList()
		if err != nil {
			return err
		}
		if err := p.expect("then"); err != nil {
			return err
		}
		body, err := p.bodyList()
		if err != nil {
			return err
		}
		ic.conds, ic.bodies = append(ic.conds, cond), append(ic.bodies, body)
	}
	if p.keyword() == "else" {
		if err := p.advance(); err != nil {
			return err
		}
		body, err := p.bodyList()
		if err != nil {
			return err
		}
		ic.elseBody = body
	}
	return p.expect("fi")
}

func (p *parser) loopCommand(lc *loopCommand) error {
	if err := p.advance(); err != nil {
		return err
	}
	cond, err := p.bodyList()
	if err != nil {
		return err
	}
	lc.cond = cond
	lc.body, err = p.doGroup()
	return err
}

// doGroup parses `do list done`.
func (p *parser) doGroup() (*list, error) {
	if err := p.expect("do"); err != nil {
		return nil, err
	}
	body, err := p.bodyList()
	if err != nil {
		return nil, err
	}
	return body, p.expect("done")
}

func (p *parser) forCommand(fc *forCommand) error {
	if err := p.advance(); err != nil {
		return err
	}
	name, ok := "", p.tok.kind == tokWord
	if ok {
		name, ok = p.tok.word.literal()
	}
	if !ok || !validName(name) {
		return syntaxErrorf("bad for loop variable")
	}
	fc.name = name
	if err := p.advance(); err != nil {
		return err
	}
	if err := p.skipNewlines(); err != nil {
		return err
	}
	if p.keyword() == "in" {
		fc.inList = true
		if err := p.advance(); err != nil {
			return err
		}
		for p.tok.kind == tokWord {
			fc.items = append(fc.items, p.tok.word)
			if err := p.advance(); err != nil {
				return err
			}
		}
	}
	if p.tok.kind == tokSemi {
		if err := p.advance(); err != nil {
			return err
		}
	}
	if err := p.skipNewlines(); err != nil {
		return err
	}
	body, err := p.doGroup()
	fc.body = body
	return err
}

// group parses `{ list }` or `( list )`; a subshell runs as a group here.
func (p *parser) group(gc *groupCommand, closer string) error {
	if err := p.advance(); err != nil {
		return err
	}
	body, err := p.bodyList()
	if err != nil {
		return err
	}
	gc.body = body
	if closer == ")" {
		if p.tok.kind != tokRParen {
			if p.tok.kind == tokEOF {
				return syntaxErrorf("unexpected end of file (expecting \")\")")
			}
			return p.unexpected()
		}
		return p.advance()
	}
	return p.expect("}")
}

func (p *parser) redirection() (redirection, error) {
	t := p.tok
	if t.redir == redirHeredoc {
		return redirection{}, syntaxErrorf("here-documents (<<) are not simulated")
	}
	if err := p.advance(); err != nil {
		return redirection{}, err
	}
	if p.tok.kind != tokWord {
		return redirection{}, p.unexpected()
	}
	r := redirection{fd: t.fd, kind: t.redir, target: p.tok.word}
	return r, p.advance()
}

// simpleCommand parses assignments, words and redirections in any order.
func (p *parser) simpleCommand() (command, error) {
	sc := &simpleCommand{}
	for {
		switch p.tok.kind {
		case tokRedir:
			r, err := p.redirection()
			if err != nil {
				return nil, err
			}
			sc.redirs = append(sc.redirs, r)
			continue
		case tokWord:
			if len(sc.words) == 0 {
				if a, ok := assignmentOf(p.tok.word); ok {
					sc.assigns = append(sc.assigns, a)
					break
				}
			}
			sc.words = append(sc.words, p.tok.word)
		default:
			if len(sc.words)+len(sc.assigns)+len(sc.redirs) == 0 {
				return nil, p.unexpected()
			}
			if p.tok.kind == tokLParen {
				if len(sc.words) == 1 && len(sc.assigns)+len(sc.redirs) == 0 {
					return p.funcDef(sc.words[0])
				}
				return nil, p.unexpected()
			}
			return sc, nil
		}
		if err := p.advance(); err != nil {
			return nil, err
		}
	}
}

// assignmentOf splits NAME=value off a word whose first part is unquoted text.
func assignmentOf(w *word) (assignment, bool) {
	if len(w.parts) == 0 || w.parts[0].kind != partLit || w.parts[0].quoted {
		return assignment{}, false
	}
	first := w.parts[0].text
	eq := strings.IndexByte(first, '=')
	if eq <= 0 || !validName(first[:eq]) {
		return assignment{}, false
	}
	value := &word{}
	if rest := first[eq+1:]; rest != "" {
		value.parts = append(value.parts, wordPart{kind: partLit, text: rest})
	}
	value.parts = append(value.parts, w.parts[1:]...)
	return assignment{name: first[:eq], value: value}, true
}
