package shell

import "strings"

// cmdRead is the read builtin: it takes one line from standard input (a
// `< file` redirection of the command or of the loop around it, or a
// pipe), splits it on blanks and tabs, and assigns the fields to the names
// in order, the last name taking the rest of the line; with no name the
// whole line, unsplit, goes to REPLY. Without -r a backslash escapes the
// next character and a backslash at the end of a line joins the next one.
// It returns 0, or 1 at the end of the input, after assigning what it
// read: a last line without a newline is assigned, and read still returns
// 1, which is why `while read line` skips such a line. -p PROMPT is
// accepted and prints nothing (standard input is not a terminal).
// Reference: busybox shell/shell_common.c (shell_builtin_read), and POSIX
// read (https://pubs.opengroup.org/onlinepubs/9799919799/utilities/read.html).
func cmdRead(p *Process, argv []string) int {
	raw := false
	args := argv[1:]
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-" {
		opt := args[0]
		args = args[1:]
		if opt == "--" {
			break
		}
		for i := 1; i < len(opt); i++ {
			switch opt[i] {
			case 'r':
				raw = true
			case 'p':
				if i+1 == len(opt) && len(args) > 0 {
					args = args[1:] // the prompt goes to a terminal; there is none
				}
				i = len(opt)
			default:
				p.write(2, "sh: read: unknown option -"+string(opt[i])+"\n")
				return 2
			}
		}
	}
	for _, name := range args {
		if !validName(name) {
			p.write(2, "sh: read: '"+name+"': not a valid identifier\n")
			return 2
		}
	}
	line, ok := p.readLine(raw)
	if len(args) == 0 {
		p.setVar("REPLY", line, false)
	} else {
		fields := readFields(line, len(args))
		for i, name := range args {
			v := ""
			if i < len(fields) {
				v = fields[i]
			}
			p.setVar(name, v, false)
		}
	}
	if !ok {
		return 1
	}
	return 0
}

// readLine takes the next line from standard input, without its newline,
// and reports whether it ended with one. Without raw, a backslash keeps
// the next character as it is and a backslash-newline joins two lines.
func (p *Process) readLine(raw bool) (string, bool) {
	var b strings.Builder
	in := p.stdin
	i := 0
	for i < len(in) {
		c := in[i]
		i++
		if c == '\n' {
			p.stdin = in[i:]
			return b.String(), true
		}
		if c == '\\' && !raw && i < len(in) {
			if in[i] != '\n' {
				b.WriteByte(in[i])
			}
			i++
			continue
		}
		b.WriteByte(c)
	}
	p.stdin = ""
	return b.String(), false
}

// readFields splits line on blanks and tabs into at most n fields: the
// last field is the rest of the line with its outer blanks removed.
func readFields(line string, n int) []string {
	var out []string
	rest := strings.Trim(line, " \t")
	for len(out) < n-1 && rest != "" {
		end := strings.IndexAny(rest, " \t")
		if end < 0 {
			break
		}
		out = append(out, rest[:end])
		rest = strings.TrimLeft(rest[end:], " \t")
	}
	if rest != "" {
		out = append(out, rest)
	}
	return out
}
