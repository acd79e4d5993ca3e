package shell

import (
	"strconv"
	"strings"
)

// busyboxBanner is the first line of busybox's usage text, which it
// prints after a bad option.
const busyboxBanner = "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n"

// badOption reports an option a utility does not know, as the image's
// utility does: GNU coreutils where the image has bash (Debian, Ubuntu,
// Fedora), busybox elsewhere. Both exit 1.
func (p *Process) badOption(cmd, opt, usage string) int {
	if strings.HasPrefix(opt, "--") || len(opt) < 2 {
		return p.usageError(cmd, "unrecognized option '"+opt+"'", usage)
	}
	return p.usageError(cmd, "invalid option -- '"+opt[1:2]+"'", usage)
}

// missingArgument reports an option given without its value.
func (p *Process) missingArgument(cmd, opt, usage string) int {
	return p.usageError(cmd, "option requires an argument -- '"+strings.TrimPrefix(opt, "-")+"'", usage)
}

// usageError prints what is wrong with a command line, then the usage
// or the hint to --help.
func (p *Process) usageError(cmd, what, usage string) int {
	if p.hasProgram("bash") {
		p.write(2, cmd+": "+what+"\nTry '"+cmd+" --help' for more information.\n")
		return 1
	}
	p.write(2, cmd+": "+what+"\n"+busyboxBanner+"Usage: "+usage+"\n")
	return 1
}

// readInputs returns the text of files, or of stdin when there are none
// (or the file is "-"), with cmd's message for a file it cannot open.
// The text is the command's to hold until it ends: it costs memory and a
// step a KiB, as expanding text does (growScratch); input that does not
// fit in the container's memory OOM-kills the process.
func (p *Process) readInputs(cmd string, files []string) (string, int) {
	if len(files) == 0 {
		files = []string{"-"}
	}
	var b strings.Builder
	status := 0
	for _, f := range files {
		if f == "-" {
			if !p.growScratch(len(p.stdin)) {
				return "", 1
			}
			b.WriteString(p.stdin)
			p.stdin = ""
			continue
		}
		content, ok := p.readFile(f)
		if !ok {
			p.write(2, cmd+": can't open '"+f+"': No such file or directory\n")
			status = 1
			continue
		}
		if !p.growScratch(len(content)) {
			return "", 1
		}
		b.WriteString(content)
	}
	return b.String(), status
}

// countArg reads the number of -n N or -c N.
func countArg(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0
}

// cmdHead prints the first lines (-n N, -N; default 10) or bytes (-c N)
// of its input.
func cmdHead(p *Process, argv []string) int {
	const usage = "head [OPTIONS] [FILE]..."
	n, bytes := 10, false
	var files []string
	args := argv[1:]
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-n" || a == "-c":
			if i+1 == len(args) {
				return p.missingArgument("head", a, usage)
			}
			i++
			v, ok := countArg(args[i])
			if !ok {
				p.write(2, "head: invalid number '"+args[i]+"'\n")
				return 1
			}
			n, bytes = v, a == "-c"
		case strings.HasPrefix(a, "-n") || strings.HasPrefix(a, "-c"):
			v, ok := countArg(a[2:])
			if !ok {
				p.write(2, "head: invalid number '"+a[2:]+"'\n")
				return 1
			}
			n, bytes = v, a[1] == 'c'
		case len(a) > 1 && a[0] == '-' && allDigits(a[1:]):
			n, _ = strconv.Atoi(a[1:])
		case a == "-q" || a == "-v" || a == "-":
			if a == "-" {
				files = append(files, a)
			}
		case len(a) > 1 && a[0] == '-':
			return p.badOption("head", a, usage)
		default:
			files = append(files, a)
		}
	}
	in, status := p.readInputs("head", files)
	if bytes {
		p.write(1, in[:min(n, len(in))])
		return status
	}
	p.write(1, firstLines(in, n))
	return status
}

// firstLines returns the first n lines of s.
func firstLines(s string, n int) string {
	end := 0
	for ; n > 0 && end < len(s); n-- {
		i := strings.IndexByte(s[end:], '\n')
		if i < 0 {
			return s
		}
		end += i + 1
	}
	return s[:end]
}

// cmdWc counts lines, words and bytes (-l -w -c; -m characters; -L the
// longest line). One count of stdin prints the bare number; more columns
// are padded, as busybox pads them.
func cmdWc(p *Process, argv []string) int {
	flags, files := splitFlags(argv[1:])
	for _, f := range flags {
		if !strings.ContainsRune("lwcmL", f) {
			return p.badOption("wc", "-"+string(f), "wc [-cwlL] [FILE]...")
		}
	}
	if flags == "" {
		flags = "lwc"
	}
	in, status := p.readInputs("wc", files)
	var cols []int
	for _, f := range "lwcmL" {
		if !strings.ContainsRune(flags, f) {
			continue
		}
		switch f {
		case 'l':
			cols = append(cols, strings.Count(in, "\n"))
		case 'w':
			cols = append(cols, len(strings.Fields(in)))
		case 'c':
			cols = append(cols, len(in))
		case 'm':
			cols = append(cols, len([]rune(in)))
		case 'L':
			longest := 0
			for _, l := range strings.Split(in, "\n") {
				longest = max(longest, len(l))
			}
			cols = append(cols, longest)
		}
	}
	var b strings.Builder
	for i, c := range cols {
		s := strconv.Itoa(c)
		if len(cols) > 1 || len(files) > 0 {
			s = strings.Repeat(" ", max(0, 9-len(s))) + s
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	if len(files) == 1 {
		b.WriteString(" " + files[0])
	}
	p.write(1, b.String()+"\n")
	return status
}
