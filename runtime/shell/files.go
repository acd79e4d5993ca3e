package shell

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// splitFlags separates leading -xyz flags (until "--" or a non-flag) from
// operands and returns the set of flag letters.
func splitFlags(args []string) (flags string, operands []string) {
	for i, a := range args {
		if a == "--" {
			return flags, args[i+1:]
		}
		if len(a) < 2 || a[0] != '-' {
			return flags, args[i:]
		}
		flags += a[1:]
	}
	return flags, nil
}

// cmdTouch creates empty files (an existing file is left as it is).
func cmdTouch(p *Process, argv []string) int {
	_, files := splitFlags(argv[1:])
	status := 0
	for _, f := range files {
		if _, ok := p.host.Stat(f); ok {
			continue
		}
		p.effect()
		if err := p.host.WriteFile(f, "", true); err != nil {
			p.write(2, "touch: "+f+": No such file or directory\n")
			status = 1
		}
	}
	return status
}

// cmdRm removes files; -r removes directories, -f ignores missing files.
func cmdRm(p *Process, argv []string) int {
	flags, files := splitFlags(argv[1:])
	force := strings.Contains(flags, "f")
	recursive := strings.ContainsAny(flags, "rR")
	status := 0
	for _, f := range files {
		isDir, ok := p.host.Stat(f)
		switch {
		case !ok && force:
		case !ok:
			p.write(2, "rm: can't remove '"+f+"': No such file or directory\n")
			status = 1
		case isDir && !recursive:
			p.write(2, "rm: '"+f+"' is a directory\n")
			status = 1
		default:
			p.effect()
			if err := p.host.Remove(f); err != nil {
				p.write(2, "rm: can't remove '"+f+"': "+err.Error()+"\n")
				status = 1
			}
		}
	}
	return status
}

// cmdCat copies files ("-" or none: stdin) to stdout.
func cmdCat(p *Process, argv []string) int {
	_, files := splitFlags(argv[1:])
	if len(files) == 0 {
		files = []string{"-"}
	}
	status := 0
	for _, f := range files {
		if f == "-" {
			p.write(1, p.stdin)
			p.stdin = ""
			continue
		}
		if isDir, ok := p.host.Stat(f); ok && isDir {
			p.write(2, "cat: read error: Is a directory\n")
			status = 1
			continue
		}
		content, ok := p.readFile(f)
		if !ok {
			p.write(2, "cat: can't open '"+f+"': No such file or directory\n")
			status = 1
			continue
		}
		p.write(1, content)
	}
	return status
}

// cmdMkdir creates directories; -p creates parents and accepts existing ones.
func cmdMkdir(p *Process, argv []string) int {
	flags, dirs := splitFlags(argv[1:])
	parents := strings.Contains(flags, "p")
	status := 0
	for _, d := range dirs {
		if parents {
			if !p.mkdirAll(d) {
				p.write(2, "mkdir: can't create directory '"+d+"': No such file or directory\n")
				status = 1
			}
			continue
		}
		if _, ok := p.host.Stat(d); ok {
			p.write(2, "mkdir: can't create directory '"+d+"': File exists\n")
			status = 1
			continue
		}
		p.effect()
		if err := p.host.MakeDir(d); err != nil {
			p.write(2, "mkdir: can't create directory '"+d+"': No such file or directory\n")
			status = 1
		}
	}
	return status
}

// mkdirAll creates d and its missing parents; it returns false on failure.
func (p *Process) mkdirAll(d string) bool {
	path := ""
	for _, part := range strings.Split(d, "/") {
		if part == "" {
			if path == "" {
				path = "/"
			}
			continue
		}
		if path != "" && !strings.HasSuffix(path, "/") {
			path += "/"
		}
		path += part
		isDir, ok := p.host.Stat(path)
		if ok && !isDir {
			return false
		}
		if !ok {
			p.effect()
		}
		if !ok && p.host.MakeDir(path) != nil {
			return false
		}
	}
	return true
}

// cmdTail prints the last lines of a file or stdin (-n N, default 10); with
// -f or -F it then waits for ever, as `tail -f /dev/null` keeps a container up.
func cmdTail(p *Process, argv []string) int {
	args, n, follow, retry, from := argv[1:], 10, false, false, 0
	var files []string
	count := func(v string) {
		if rest, ok := strings.CutPrefix(v, "+"); ok {
			from, _ = strconv.Atoi(rest) // +N: from line N on
			from = max(from, 1)
			return
		}
		n, _ = strconv.Atoi(v)
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-f":
			follow = true
		case a == "-F":
			follow, retry = true, true
		case a == "-n" && i+1 < len(args):
			i++
			count(args[i])
		case strings.HasPrefix(a, "-n"):
			count(a[2:])
		case a == "-q" || a == "-v":
		case len(a) > 1 && a[0] == '-' && !allDigits(a[1:]):
			return p.badOption("tail", a, "tail [OPTIONS] [FILE]...")
		case len(a) > 1 && a[0] == '-':
			n, _ = strconv.Atoi(a[1:])
		default:
			files = append(files, a)
		}
	}
	if follow && p.follow != nil && len(files) > 0 && p.follow.path == files[0] {
		p.followFile()
		return 0
	}
	p.follow = nil
	content, status := p.stdin, 0
	if len(files) > 0 && files[0] != "/dev/null" {
		c, ok := p.readFile(files[0])
		if !ok {
			p.write(2, "tail: can't open '"+files[0]+"': No such file or directory\n")
			status = 1
		}
		content = c
	} else if len(files) > 0 {
		content = ""
	}
	if from > 0 {
		p.write(1, fromLine(content, from))
	} else {
		p.write(1, lastLines(content, n))
	}
	if follow && (status == 0 || retry) && len(files) > 0 && files[0] != "/dev/null" {
		// -F goes on trying a file that is not there yet.
		p.follow = &following{path: files[0], offset: len(content)}
		p.blockFor, p.again = followPoll, true
	} else if follow {
		p.blockFor = Forever
	}
	return status
}

// followPoll is how often tail -f looks at its file again: busybox's
// default -s, one second.
// Reference: busybox coreutils/tail.c (sleep_period).
const followPoll = time.Second

// following is the file a tail -f follows and how much of it it has
// printed.
type following struct {
	path   string
	offset int
}

// followFile is one look of tail -f at its file: it prints what was
// appended since the last look, starts again from the top of a file that
// shrank (busybox says "tail: FILE: file truncated"), and waits for the
// next look. A file that is gone is waited for, quietly.
func (p *Process) followFile() {
	f := p.follow
	content, ok := p.readFile(f.path)
	switch {
	case !ok:
	case len(content) < f.offset:
		p.write(2, "tail: "+f.path+": file truncated\n")
		f.offset = 0
		fallthrough
	default:
		if len(content) > f.offset {
			p.write(1, content[f.offset:])
			f.offset = len(content)
		}
	}
	p.blockFor, p.again = followPoll, true
}

// fromLine returns s from its line n (counting from 1) on.
func fromLine(s string, n int) string {
	for ; n > 1 && s != ""; n-- {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			return ""
		}
		s = s[i+1:]
	}
	return s
}

// lastLines returns the last n lines of s, found from the end, so that a
// file of millions of lines costs no list of them.
func lastLines(s string, n int) string {
	if n <= 0 {
		return ""
	}
	end := len(s)
	if end > 0 && s[end-1] == '\n' {
		end--
	}
	for i := end - 1; i >= 0; i-- {
		if s[i] == '\n' {
			if n--; n == 0 {
				return s[i+1:]
			}
		}
	}
	return s
}

// Lister is a Host that can list a directory: the names of the files and
// directories right under dir, sorted.
type Lister interface {
	List(dir string) (names []string, ok bool)
}

// cmdLs lists directories one name a line, as busybox ls does when its
// output is not a terminal; a file argument is printed as given. Names
// starting with a dot show only with -a. Other flags are accepted and
// change nothing.
func cmdLs(p *Process, argv []string) int {
	flags, args := splitFlags(argv[1:])
	all := strings.Contains(flags, "a")
	long := strings.Contains(flags, "l")
	if len(args) == 0 {
		args = []string{"."}
	}
	lister, canList := p.host.(Lister)
	line := func(path, name string) string {
		if !long {
			return name + "\n"
		}
		return longLine(p, path, name)
	}
	status := 0
	for i, a := range args {
		target := a
		if target == "." {
			target = "/"
		}
		isDir, ok := p.host.Stat(target)
		if !ok {
			p.write(2, "ls: "+a+": No such file or directory\n")
			status = 1
			continue
		}
		if !isDir {
			p.write(1, line(a, a))
			continue
		}
		if len(args) > 1 {
			if i > 0 {
				p.write(1, "\n")
			}
			p.write(1, a+":\n")
		}
		var names []string
		if canList {
			names, _ = lister.List(target)
		}
		for _, n := range names {
			if !all && strings.HasPrefix(n, ".") {
				continue
			}
			p.write(1, line(strings.TrimSuffix(target, "/")+"/"+n, n))
		}
	}
	return status
}

// ModeHost is a Host that knows the permission bits of its files.
type ModeHost interface {
	Mode(path string) (mode uint32, ok bool)
}

// modeOf returns the permission bits of path: the host's, else 0644 for a
// file and 0755 for a directory.
func modeOf(p *Process, path string) (mode uint32, isDir bool) {
	isDir, _ = p.host.Stat(path)
	if mh, ok := p.host.(ModeHost); ok {
		if m, ok := mh.Mode(path); ok {
			return m, isDir
		}
	}
	if isDir {
		return 0o755, true
	}
	return 0o644, false
}

// modeString spells a mode as ls -l does: the type, then rwx for the
// owner, the group and others.
func modeString(mode uint32, isDir bool) string {
	b := []byte("----------")
	if isDir {
		b[0] = 'd'
	}
	for i, c := range "rwxrwxrwx" {
		if mode&(1<<(8-i)) != 0 {
			b[1+i] = byte(c)
		}
	}
	return string(b)
}

// longLine is one line of busybox ls -l: mode, links, owner, group, size,
// time and name. Every file is root's and dated now.
func longLine(p *Process, path, name string) string {
	mode, isDir := modeOf(p, path)
	size := 4096
	links := 2
	if !isDir {
		size, links = p.fileSize(path), 1
	}
	return fmt.Sprintf("%s %4d %-8s %-8s %9d %s %s\n", modeString(mode, isDir), links, "root", "root",
		size, p.host.Now().Format("Jan _2 15:04"), name)
}

// fileSize returns the size of the file at path (0 when it is missing),
// without reading it where the Host can tell.
func (p *Process) fileSize(path string) int {
	if h, ok := p.host.(SizeHost); ok {
		n, _ := h.FileSize(path)
		return int(n)
	}
	content, _ := p.host.ReadFile(path)
	return len(content)
}

// cmdStat prints what busybox stat -c FORMAT prints for each file: %a the
// octal permission bits, %A them spelled as ls -l does, %n the name, %s
// the size in bytes.
func cmdStat(p *Process, argv []string) int {
	args := argv[1:]
	if len(args) < 3 || args[0] != "-c" {
		p.write(2, "stat: only stat -c FORMAT FILE... is simulated\n")
		return 1
	}
	format, files := args[1], args[2:]
	status := 0
	for _, f := range files {
		if _, ok := p.host.Stat(f); !ok {
			p.write(2, "stat: can't stat '"+f+"': No such file or directory\n")
			status = 1
			continue
		}
		mode, isDir := modeOf(p, f)
		out := expandPercent(format, func(c byte) string {
			switch c {
			case 'a':
				return strconv.FormatUint(uint64(mode), 8)
			case 'A':
				return modeString(mode, isDir)
			case 'n':
				return f
			case 's':
				return strconv.Itoa(p.fileSize(f))
			case '%':
				return "%"
			}
			return "?"
		})
		p.write(1, out+"\n")
	}
	return status
}
