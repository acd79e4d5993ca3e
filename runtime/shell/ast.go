package shell

// This file holds the syntax tree that Parse builds. The tree is what a
// learner reads to see how a shell understands a line; compile.go then flattens
// it into instructions that a Process can pause and resume between Run calls.

// partKind says what one piece of a word is.
type partKind uint8

const (
	partLit   partKind = iota // literal text
	partParam                 // $NAME, ${NAME}, $?, $1 ...
	partSubst                 // $(...) or `...`: command substitution
	partArith                 // $((...)): arithmetic expansion
)

// wordPart is one piece of a word: literal text or an expansion. quoted is true
// inside single or double quotes, where expansions are not split into fields.
type wordPart struct {
	kind   partKind
	quoted bool
	text   string  // the literal, the parameter name, or the arithmetic text
	op     string  // for ${NAME<op>word}: ":-", "-", ":=", "=", ":+", "+"
	def    *word   // the word after op
	sub    *Script // for command substitution
}

// word is one shell word before expansion: a sequence of parts.
type word struct {
	parts []wordPart
}

// literal returns the word's text and true when the word is plain unquoted
// text, the only form in which a reserved word (if, then, done ...) counts.
func (w *word) literal() (string, bool) {
	if len(w.parts) != 1 || w.parts[0].kind != partLit || w.parts[0].quoted {
		return "", false
	}
	return w.parts[0].text, true
}

// assignment is NAME=value before a command or alone.
type assignment struct {
	name  string
	value *word
}

// redirKind is the operator of a redirection.
type redirKind uint8

const (
	redirOut    redirKind = iota // >  (and >|)
	redirAppend                  // >>
	redirIn                      // <
	redirDup                     // >&N or <&N
)

// redirection is one `N>target`, `N>>target`, `N<target` or `N>&M`.
type redirection struct {
	fd     int
	kind   redirKind
	target *word
}

// command is one of the command node types below.
type command interface{ isCommand() }

// simpleCommand is `A=b cmd arg ... >file`.
type simpleCommand struct {
	assigns []assignment
	words   []*word
	redirs  []redirection
}

// ifCommand is if/then/elif/else/fi: conds[i] guards bodies[i]; elseBody may be nil.
type ifCommand struct {
	conds    []*list
	bodies   []*list
	elseBody *list
	redirs   []redirection
}

// loopCommand is `while cond; do body; done`, or `until` when until is true.
type loopCommand struct {
	until  bool
	cond   *list
	body   *list
	redirs []redirection
}

// forCommand is `for name in items; do body; done`; items nil means "$@".
type forCommand struct {
	name   string
	items  []*word
	inList bool
	body   *list
	redirs []redirection
}

// groupCommand is `{ ...; }` or `( ... )`.
type groupCommand struct {
	body   *list
	redirs []redirection
}

func (*simpleCommand) isCommand() {}
func (*ifCommand) isCommand()     {}
func (*loopCommand) isCommand()   {}
func (*forCommand) isCommand()    {}
func (*groupCommand) isCommand()  {}

// pipeline is `[!] cmd | cmd | ...`.
type pipeline struct {
	not  bool
	cmds []command
}

// andOr is `pipeline && pipeline || pipeline ...`; ops[i] joins rest[i].
type andOr struct {
	first *pipeline
	ops   []string
	rest  []*pipeline
}

// list is a sequence of and-or lists separated by `;`, `&` or newlines.
type list struct {
	items []*andOr
}
