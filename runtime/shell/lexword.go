package shell

import "strings"

// appendLit adds literal text to w, merging it with a previous literal of the
// same quoting. An empty quoted literal is kept: "" is an (empty) argument.
func appendLit(w *word, text string, quoted bool) {
	if n := len(w.parts); n > 0 {
		last := &w.parts[n-1]
		if last.kind == partLit && last.quoted == quoted {
			last.text += text
			return
		}
	}
	if text == "" && !quoted {
		return
	}
	w.parts = append(w.parts, wordPart{kind: partLit, quoted: quoted, text: text})
}

// word reads one word: unquoted text, quoted strings and expansions, up to
// the next blank or operator character.
func (l *lexer) word() (*word, error) {
	w := &word{}
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		if isMeta(c) {
			break
		}
		var err error
		switch c {
		case '\\':
			l.backslash(w)
		case '\'':
			err = l.singleQuoted(w)
		case '"':
			err = l.doubleQuoted(w)
		case '$':
			err = l.dollar(w, false)
		case '`':
			err = l.backtick(w, false)
		default:
			start := l.pos
			for l.pos < len(l.src) && !isMeta(l.src[l.pos]) && strings.IndexByte("\\'\"$`", l.src[l.pos]) < 0 {
				l.pos++
			}
			appendLit(w, l.src[start:l.pos], false)
		}
		if err != nil {
			return nil, err
		}
	}
	return w, nil
}

// backslash quotes the next character; backslash-newline joins lines.
func (l *lexer) backslash(w *word) {
	l.pos++
	if l.pos >= len(l.src) {
		appendLit(w, "\\", false)
		return
	}
	if l.src[l.pos] == '\n' {
		l.pos++
		return
	}
	appendLit(w, l.src[l.pos:l.pos+1], true)
	l.pos++
}

// singleQuoted reads '...': everything inside is literal.
func (l *lexer) singleQuoted(w *word) error {
	end := strings.IndexByte(l.src[l.pos+1:], '\'')
	if end < 0 {
		return syntaxErrorf("unterminated quoted string")
	}
	appendLit(w, l.src[l.pos+1:l.pos+1+end], true)
	l.pos += end + 2
	return nil
}

// doubleQuoted reads "...": expansions happen inside, field splitting does not,
// and a backslash quotes only $ ` " \ and newline.
func (l *lexer) doubleQuoted(w *word) error {
	l.pos++
	appendLit(w, "", true)
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == '"':
			l.pos++
			return nil
		case c == '\\' && l.pos+1 < len(l.src) && strings.IndexByte("$`\"\\\n", l.src[l.pos+1]) >= 0:
			if l.src[l.pos+1] != '\n' {
				appendLit(w, l.src[l.pos+1:l.pos+2], true)
			}
			l.pos += 2
		case c == '$':
			if err := l.dollar(w, true); err != nil {
				return err
			}
		case c == '`':
			if err := l.backtick(w, true); err != nil {
				return err
			}
		default:
			appendLit(w, l.src[l.pos:l.pos+1], true)
			l.pos++
		}
	}
	return syntaxErrorf("unterminated quoted string")
}

// matchClose returns the index of the close byte that balances the open byte
// just before from, skipping quoted text, or -1.
func matchClose(s string, from int, open, close byte) int {
	depth := 1
	for i := from; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			i++
		case '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return -1
			}
			i += j + 1
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// dollar reads an expansion that starts with $.
func (l *lexer) dollar(w *word, quoted bool) error {
	rest := l.src[l.pos+1:]
	switch {
	case strings.HasPrefix(rest, "(("):
		end := matchClose(l.src, l.pos+2, '(', ')')
		if end > 0 && l.src[end-1] == ')' && end-1 > l.pos+2 {
			expr := l.src[l.pos+3 : end-1]
			w.parts = append(w.parts, wordPart{kind: partArith, quoted: quoted, text: expr})
			l.pos = end + 1
			return nil
		}
		return l.substitution(w, quoted)
	case strings.HasPrefix(rest, "("):
		return l.substitution(w, quoted)
	case strings.HasPrefix(rest, "{"):
		return l.braced(w, quoted)
	case rest != "" && strings.IndexByte("?$#@*!-0123456789", rest[0]) >= 0:
		w.parts = append(w.parts, wordPart{kind: partParam, quoted: quoted, text: rest[:1]})
		l.pos += 2
	case rest != "" && isNameStart(rest[0]):
		n := 1
		for n < len(rest) && isNameChar(rest[n]) {
			n++
		}
		w.parts = append(w.parts, wordPart{kind: partParam, quoted: quoted, text: rest[:n]})
		l.pos += 1 + n
	default:
		appendLit(w, "$", quoted)
		l.pos++
	}
	return nil
}

// substitution reads $(...) and parses its inside as a script.
func (l *lexer) substitution(w *word, quoted bool) error {
	end := matchClose(l.src, l.pos+2, '(', ')')
	if end < 0 {
		return syntaxErrorf("unexpected end of file (expecting \")\")")
	}
	return l.subScript(w, quoted, l.src[l.pos+2:end], end+1)
}

// backtick reads `...`, the old form of command substitution.
func (l *lexer) backtick(w *word, quoted bool) error {
	end := strings.IndexByte(l.src[l.pos+1:], '`')
	if end < 0 {
		return syntaxErrorf("unterminated quoted string")
	}
	return l.subScript(w, quoted, l.src[l.pos+1:l.pos+1+end], l.pos+end+2)
}

func (l *lexer) subScript(w *word, quoted bool, text string, next int) error {
	if l.depth >= maxNesting {
		return errTooDeep
	}
	sub, err := parse(text, l.depth+1)
	if err != nil {
		return err
	}
	w.parts = append(w.parts, wordPart{kind: partSubst, quoted: quoted, sub: sub})
	l.pos = next
	return nil
}

// braced reads ${NAME}, ${#NAME} and ${NAME:-word} (also -, :=, =, :+, +).
func (l *lexer) braced(w *word, quoted bool) error {
	end := matchClose(l.src, l.pos+2, '{', '}')
	if end < 0 {
		return syntaxErrorf("missing '}'")
	}
	inner := l.src[l.pos+2 : end]
	l.pos = end + 1
	part := wordPart{kind: partParam, quoted: quoted}
	if strings.HasPrefix(inner, "#") && len(inner) > 1 {
		part.op, inner = "#", inner[1:]
	}
	n := 0
	if inner != "" && strings.IndexByte("?$#@*!-0123456789", inner[0]) >= 0 {
		n = 1
	} else {
		for n < len(inner) && isNameChar(inner[n]) {
			n++
		}
	}
	part.text = inner[:n]
	rest := inner[n:]
	if part.text == "" || (part.op == "#" && rest != "") {
		return &SyntaxError{Msg: "${" + inner + "}: bad substitution"}
	}
	if rest != "" {
		op := rest[:1]
		if rest[0] == ':' && len(rest) > 1 {
			op = rest[:2]
		}
		if op != "-" && op != "=" && op != "+" && op != ":-" && op != ":=" && op != ":+" {
			return &SyntaxError{Msg: "${" + inner + "}: bad substitution"}
		}
		if l.depth >= maxNesting {
			return errTooDeep
		}
		sub := &lexer{src: rest[len(op):], depth: l.depth + 1}
		def, err := sub.wordAll(quoted)
		if err != nil {
			return err
		}
		part.op, part.def = op, def
	}
	w.parts = append(w.parts, part)
	return nil
}

// wordAll reads the whole source as the word after ${NAME:-, where blanks are
// literal text.
func (l *lexer) wordAll(quoted bool) (*word, error) {
	w := &word{}
	for l.pos < len(l.src) {
		start := l.pos
		if l.src[l.pos] == '"' || l.src[l.pos] == '\'' || l.src[l.pos] == '$' || l.src[l.pos] == '\\' {
			part, err := l.word()
			if err != nil {
				return nil, err
			}
			w.parts = append(w.parts, part.parts...)
		}
		if l.pos == start {
			appendLit(w, l.src[l.pos:l.pos+1], quoted)
			l.pos++
		}
	}
	return w, nil
}
