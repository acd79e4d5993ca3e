package shell

import (
	"fmt"
	"strings"
)

// tokKind is the kind of a token the lexer hands to the parser.
type tokKind uint8

const (
	tokEOF     tokKind = iota
	tokWord            // a word (reserved words are words too; the parser decides)
	tokNewline         // \n
	tokSemi            // ;
	tokAmp             // &
	tokAndIf           // &&
	tokOrIf            // ||
	tokPipe            // |
	tokLParen          // (
	tokRParen          // )
	tokDSemi           // ;; (only in case, which is not simulated)
	tokRedir           // >, >>, <, >&, <&, with an optional fd number before it
)

// token is one lexical unit: a word, an operator or a redirection.
type token struct {
	kind  tokKind
	word  *word
	text  string // the operator as written, for error messages
	fd    int    // tokRedir: the fd before the operator, or -1
	redir redirKind
}

// describe returns how busybox names the token in "unexpected ..." messages.
func (t token) describe() string {
	switch t.kind {
	case tokEOF:
		return "end of file"
	case tokNewline:
		return "newline"
	case tokWord:
		s, _ := t.word.literal()
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%q", t.text)
}

// maxNesting bounds how deep $(...), ${...} and compound commands may nest,
// so that hostile input cannot exhaust the stack; a shell given a deeper
// script crashes as ash does (see depth.go).
const maxNesting = 1000

// lexer splits script text into tokens, following the POSIX token rules:
// quotes and backslashes protect characters, # starts a comment at the start
// of a word, and operators end words.
type lexer struct {
	src   string
	pos   int
	depth int
}

// SyntaxError is a script that the shell cannot parse. Its text is what
// busybox prints, e.g. `sh: syntax error: unexpected "fi"`.
type SyntaxError struct {
	Msg string
	// overflow marks a script nested past maxNesting.
	overflow bool
}

// Error returns the message as the shell prints it.
func (e *SyntaxError) Error() string { return "sh: syntax error: " + e.Msg }

func syntaxErrorf(format string, args ...any) *SyntaxError {
	return &SyntaxError{Msg: fmt.Sprintf(format, args...)}
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

func isMeta(c byte) bool {
	return isBlank(c) || strings.IndexByte("\n;&|<>()", c) >= 0
}

func isNameStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isNameChar(c byte) bool { return isNameStart(c) || (c >= '0' && c <= '9') }

// validName reports whether s is a shell variable name.
func validName(s string) bool {
	if s == "" || !isNameStart(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isNameChar(s[i]) {
			return false
		}
	}
	return true
}

// skipBlanks skips blanks, backslash-newlines and a comment.
func (l *lexer) skipBlanks() {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case isBlank(c):
			l.pos++
		case c == '\\' && l.pos+1 < len(l.src) && l.src[l.pos+1] == '\n':
			l.pos += 2
		case c == '#':
			for l.pos < len(l.src) && l.src[l.pos] != '\n' {
				l.pos++
			}
		default:
			return
		}
	}
}

// next returns the next token.
func (l *lexer) next() (token, error) {
	l.skipBlanks()
	if l.pos >= len(l.src) {
		return token{kind: tokEOF}, nil
	}
	if t, ok := l.operator(-1); ok {
		return t, nil
	}
	start := l.pos
	w, err := l.word()
	if err != nil {
		return token{}, err
	}
	// An unquoted all-digit word right before < or > is the fd to redirect.
	if l.pos < len(l.src) && (l.src[l.pos] == '<' || l.src[l.pos] == '>') {
		if s, ok := w.literal(); ok && s == l.src[start:l.pos] && allDigits(s) && len(s) < 3 {
			fd := 0
			for i := 0; i < len(s); i++ {
				fd = fd*10 + int(s[i]-'0')
			}
			t, _ := l.operator(fd)
			return t, nil
		}
	}
	return token{kind: tokWord, word: w}, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// redirHeredoc marks "<<", which the parser refuses: here-documents are not simulated.
const redirHeredoc redirKind = 255

// matchOperator returns the operator that rest starts with, longest first, so
// that ">>" wins over ">".
func matchOperator(rest string) (text string, kind tokKind, redir redirKind) {
	if len(rest) >= 2 {
		switch rest[:2] {
		case "&&":
			return "&&", tokAndIf, 0
		case "||":
			return "||", tokOrIf, 0
		case ";;":
			return ";;", tokDSemi, 0
		case ">>":
			return ">>", tokRedir, redirAppend
		case ">&", "<&":
			return rest[:2], tokRedir, redirDup
		case ">|":
			return ">|", tokRedir, redirOut
		case "<<":
			return "<<", tokRedir, redirHeredoc
		}
	}
	switch rest[0] {
	case '\n':
		return "\n", tokNewline, 0
	case ';':
		return ";", tokSemi, 0
	case '&':
		return "&", tokAmp, 0
	case '|':
		return "|", tokPipe, 0
	case '(':
		return "(", tokLParen, 0
	case ')':
		return ")", tokRParen, 0
	case '>':
		return ">", tokRedir, redirOut
	case '<':
		return "<", tokRedir, redirIn
	}
	return "", tokEOF, 0
}

// operator reads an operator at the current position, if there is one; fd is
// the number written before a redirection, or -1.
func (l *lexer) operator(fd int) (token, bool) {
	text, kind, redir := matchOperator(l.src[l.pos:])
	if text == "" {
		return token{}, false
	}
	l.pos += len(text)
	t := token{kind: kind, text: text, fd: fd, redir: redir}
	if kind == tokRedir && fd < 0 {
		t.fd = 1
		if text[0] == '<' {
			t.fd = 0
		}
	}
	return t, true
}
