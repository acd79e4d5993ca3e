package shell

import (
	"regexp"
	"strconv"
	"strings"
)

const sedUsage = "sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\nor: sed [-i[SFX]] [-nrE] CMD [FILE]..."

// sedCmd is one command of a sed script: an optional address and what
// to do with the lines it selects.
type sedCmd struct {
	line   int            // address: this line number (0: none)
	last   bool           // address: $, the last line
	match  *regexp.Regexp // address: /re/
	op     byte           // s, p, d or q
	re     *regexp.Regexp // s: the pattern
	repl   string         // s: the replacement
	global bool           // s: every match, not the first
	print  bool           // s: print the line when a substitution was made
}

// cmdSed runs a small, useful sed: -n, -e, -E/-r, and the commands
// s/RE/REPL/[gp], p, d and q, each with an optional address (N, $ or
// /RE/), separated by ";" or newlines. Patterns are basic regular
// expressions unless -E or -r makes them extended.
func cmdSed(p *Process, argv []string) int {
	var scripts, files []string
	quiet, extended := false, false
	args := argv[1:]
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-e":
			if i+1 == len(args) {
				return p.missingArgument("sed", a, sedUsage)
			}
			i++
			scripts = append(scripts, args[i])
		case len(a) > 1 && a[0] == '-' && a != "--":
			for _, f := range a[1:] {
				switch f {
				case 'n':
					quiet = true
				case 'E', 'r':
					extended = true
				default:
					return p.badOption("sed", "-"+string(f), sedUsage)
				}
			}
		default:
			files = append(files, a)
		}
	}
	if len(scripts) == 0 {
		if len(files) == 0 {
			p.write(2, busyboxBanner+"Usage: "+sedUsage+"\n")
			return 1
		}
		scripts, files = files[:1], files[1:]
	}
	prog, msg := parseSed(strings.Join(scripts, "\n"), extended)
	if msg != "" {
		p.write(2, "sed: "+msg+"\n")
		return 1
	}
	in, status := p.readInputs("sed", files)
	p.steps += len(in) >> 10 // matching costs a step a KiB more than reading
	p.write(1, runSed(prog, in, quiet))
	return status
}

// runSed applies prog to each line of in and returns the output.
func runSed(prog []sedCmd, in string, quiet bool) string {
	lines := strings.SplitAfter(in, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	var out strings.Builder
	for n, raw := range lines {
		line, nl := strings.CutSuffix(raw, "\n")
		end := "\n"
		if !nl {
			end = ""
		}
		deleted, quit := false, false
		for _, c := range prog {
			if !c.selects(n+1, n == len(lines)-1, line) {
				continue
			}
			switch c.op {
			case 'p':
				out.WriteString(line + "\n")
			case 'd':
				deleted = true
			case 'q':
				quit = true
			case 's':
				if changed, ok := c.substitute(line); ok {
					line = changed
					if c.print {
						out.WriteString(line + "\n")
					}
				}
			}
			if deleted || quit {
				break
			}
		}
		if !deleted && !quiet {
			out.WriteString(line + end)
		}
		if quit {
			break
		}
	}
	return out.String()
}

// selects reports whether the command's address takes line n.
func (c *sedCmd) selects(n int, last bool, line string) bool {
	switch {
	case c.line > 0:
		return n == c.line
	case c.last:
		return last
	case c.match != nil:
		return c.match.MatchString(line)
	}
	return true
}

// substitute applies s///: the first match, or all with g.
func (c *sedCmd) substitute(line string) (string, bool) {
	limit := 1
	if c.global {
		limit = -1
	}
	matches := c.re.FindAllStringSubmatchIndex(line, limit)
	if len(matches) == 0 {
		return line, false
	}
	var b strings.Builder
	prev := 0
	for _, m := range matches {
		b.WriteString(line[prev:m[0]])
		b.WriteString(expandRepl(c.repl, line, m))
		prev = m[1]
	}
	b.WriteString(line[prev:])
	return b.String(), true
}

// expandRepl expands & and \1 ... \9 in a replacement.
func expandRepl(repl, line string, m []int) string {
	var b strings.Builder
	for i := 0; i < len(repl); i++ {
		switch c := repl[i]; {
		case c == '&':
			b.WriteString(line[m[0]:m[1]])
		case c == '\\' && i+1 < len(repl):
			i++
			d := repl[i]
			switch {
			case d >= '1' && d <= '9':
				if g := int(d - '0'); 2*g+1 < len(m) && m[2*g] >= 0 {
					b.WriteString(line[m[2*g]:m[2*g+1]])
				}
			case d == 'n':
				b.WriteByte('\n')
			case d == 't':
				b.WriteByte('\t')
			default:
				b.WriteByte(d)
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// parseSed parses a script; the message names what is wrong, as busybox's.
func parseSed(script string, extended bool) ([]sedCmd, string) {
	var prog []sedCmd
	s := script
	for {
		s = strings.TrimLeft(s, " \t\n;")
		if s == "" {
			return prog, ""
		}
		var c sedCmd
		switch {
		case s[0] >= '0' && s[0] <= '9':
			i := 0
			for i < len(s) && s[i] >= '0' && s[i] <= '9' {
				i++
			}
			c.line, _ = strconv.Atoi(s[:i])
			s = s[i:]
		case s[0] == '$':
			c.last, s = true, s[1:]
		case s[0] == '/':
			pat, rest, ok := sedDelimited(s[1:], '/')
			if !ok {
				return nil, "unmatched '/'"
			}
			re, err := compileSed(pat, extended)
			if err != nil {
				return nil, "bad regex '" + pat + "': " + err.Error()
			}
			c.match, s = re, rest
		}
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return nil, "missing command"
		}
		c.op, s = s[0], s[1:]
		switch c.op {
		case 'p', 'd', 'q':
		case 's':
			rest, msg := c.parseSubst(s, extended)
			if msg != "" {
				return nil, msg
			}
			s = rest
		default:
			return nil, "unsupported command " + string(c.op)
		}
		prog = append(prog, c)
	}
}

// parseSubst parses the rest of s/RE/REPL/FLAGS after the s.
func (c *sedCmd) parseSubst(s string, extended bool) (string, string) {
	if s == "" || s[0] == '\\' || s[0] == '\n' {
		return "", "bad format in substitution expression"
	}
	delim := s[0]
	pat, rest, ok := sedDelimited(s[1:], delim)
	if !ok {
		return "", "unmatched '" + string(delim) + "'"
	}
	repl, rest, ok := sedDelimited(rest, delim)
	if !ok {
		return "", "unmatched '" + string(delim) + "'"
	}
	re, err := compileSed(pat, extended)
	if err != nil {
		return "", "bad regex '" + pat + "': " + err.Error()
	}
	c.re, c.repl = re, repl
	for rest != "" && rest[0] != ';' && rest[0] != '\n' && rest[0] != '}' {
		switch rest[0] {
		case 'g':
			c.global = true
		case 'p':
			c.print = true
		case ' ', '\t':
		default:
			return "", "bad option in substitution expression"
		}
		rest = rest[1:]
	}
	return rest, ""
}

// sedDelimited splits s at the first unescaped delim; an escaped delim
// becomes the delim itself.
func sedDelimited(s string, delim byte) (string, string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && s[i+1] == delim:
			b.WriteByte(delim)
			i++
		case s[i] == '\\' && i+1 < len(s):
			b.WriteString(s[i : i+2])
			i++
		case s[i] == delim:
			return b.String(), s[i+1:], true
		default:
			b.WriteByte(s[i])
		}
	}
	return "", "", false
}

// compileSed compiles a sed pattern: a basic regular expression (where
// \( \) \{ \} \+ \? \| are the operators and the bare characters are
// literal) is rewritten as the extended one Go understands.
func compileSed(pat string, extended bool) (*regexp.Regexp, error) {
	if extended {
		return regexp.Compile(pat)
	}
	var b strings.Builder
	for i := 0; i < len(pat); i++ {
		c := pat[i]
		switch {
		case c == '\\' && i+1 < len(pat) && strings.IndexByte("(){}+?|", pat[i+1]) >= 0:
			b.WriteByte(pat[i+1])
			i++
		case c == '\\' && i+1 < len(pat):
			b.WriteString(pat[i : i+2])
			i++
		case strings.IndexByte("(){}+?|", c) >= 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return regexp.Compile(b.String())
}
