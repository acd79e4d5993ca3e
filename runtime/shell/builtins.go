package shell

import (
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// builtin is a command this shell provides. It gets argv (argv[0] is the
// name as written) and returns the exit status; a command that blocks sets
// Process.blockFor.
type builtin func(p *Process, argv []string) int

// lookupBuiltin returns the command called name, or nil.
func lookupBuiltin(name string) builtin {
	switch name {
	case "sleep":
		return cmdSleep
	case "echo":
		return cmdEcho
	case "printf":
		return cmdPrintf
	case "exit":
		return cmdExit
	case "true", ":", "wait":
		return func(*Process, []string) int { return 0 }
	case "false":
		return func(*Process, []string) int { return 1 }
	case "export":
		return cmdExport
	case "unset":
		return cmdUnset
	case "set":
		return cmdSet
	case "trap":
		return cmdTrap
	case "break", "continue":
		return cmdBreak
	case "return":
		return cmdReturn
	}
	return lookupUtility(name)
}

// lookupUtility returns the commands that are separate programs in busybox.
func lookupUtility(name string) builtin {
	switch name {
	case "test", "[", "[[":
		return cmdTest
	case "touch":
		return cmdTouch
	case "rm":
		return cmdRm
	case "ls":
		return cmdLs
	case "stat":
		return cmdStat
	case "cat":
		return cmdCat
	case "mkdir":
		return cmdMkdir
	case "tail":
		return cmdTail
	case "date":
		return cmdDate
	case "hostname":
		return func(p *Process, _ []string) int { p.write(1, p.host.Hostname()+"\n"); return 0 }
	case "pwd":
		return func(p *Process, _ []string) int { p.write(1, "/\n"); return 0 }
	case "whoami":
		return func(p *Process, _ []string) int { p.write(1, "root\n"); return 0 }
	case "env", "printenv":
		return cmdEnv
	case "seq":
		return cmdSeq
	case "yes":
		return cmdYes
	case "nslookup":
		return cmdNslookup
	case "wget":
		return cmdWget
	case "nc":
		return cmdNc
	case "head":
		return cmdHead
	case "wc":
		return cmdWc
	case "sed":
		return cmdSed
	case "read":
		return cmdRead
	case "ps":
		return cmdPs
	case "kill":
		return cmdKill
	case "readlink":
		return cmdReadlink
	}
	return nil
}

// cmdSleep blocks for the sum of its arguments: N, N.N, with an optional
// suffix s, m, h or d, or "infinity".
func cmdSleep(p *Process, argv []string) int {
	if len(argv) < 2 {
		p.write(2, "Usage: sleep [N]...\n")
		return 1
	}
	var total time.Duration
	for _, a := range argv[1:] {
		d, ok := parseSleep(a)
		if !ok {
			p.write(2, "sleep: invalid number '"+a+"'\n")
			return 1
		}
		total += d
		if total >= Forever || total < 0 {
			total = Forever
		}
	}
	p.blockFor = total
	return 0
}

// parseSleep reads one sleep argument.
func parseSleep(a string) (time.Duration, bool) {
	if a == "inf" || a == "infinity" {
		return Forever, true
	}
	unit := time.Second
	if a != "" {
		switch a[len(a)-1] {
		case 's':
			a = a[:len(a)-1]
		case 'm':
			a, unit = a[:len(a)-1], time.Minute
		case 'h':
			a, unit = a[:len(a)-1], time.Hour
		case 'd':
			a, unit = a[:len(a)-1], 24*time.Hour
		}
	}
	if a == "" || strings.Trim(a, "0123456789.") != "" || strings.Count(a, ".") > 1 {
		return 0, false
	}
	f, err := strconv.ParseFloat(a, 64)
	if err != nil {
		return 0, false
	}
	if f*float64(unit) >= float64(Forever) {
		return Forever, true
	}
	return time.Duration(f * float64(unit)), true
}

// cmdEcho prints its arguments: -n drops the newline, -e reads \n \t \\ \c.
func cmdEcho(p *Process, argv []string) int {
	args, newline, escapes := argv[1:], true, false
	for len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' && strings.Trim(args[0][1:], "neE") == "" {
		newline = newline && !strings.Contains(args[0], "n")
		escapes = strings.LastIndexByte(args[0], 'e') > strings.LastIndexByte(args[0], 'E')
		args = args[1:]
	}
	s := strings.Join(args, " ")
	if escapes {
		var stop bool
		s, stop = unescape(s)
		newline = newline && !stop
	}
	if newline {
		s += "\n"
	}
	p.write(1, s)
	return 0
}

// unescape replaces backslash escapes; stop is true after \c.
func unescape(s string) (out string, stop bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '\\':
			b.WriteByte('\\')
		case 'c':
			return b.String(), true
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return b.String(), false
}

// cmdExit ends the shell with N, or with $? when N is missing.
func cmdExit(p *Process, argv []string) int {
	code := p.status
	if len(argv) > 1 {
		n, err := strconv.Atoi(argv[1])
		if err != nil || n < 0 {
			p.write(2, "sh: exit: Illegal number: "+argv[1]+"\n")
			n = 2
		}
		code = n & 0xff
	}
	p.exit(code)
	return code
}

// cmdExport marks variables for the environment; alone it lists them.
func cmdExport(p *Process, argv []string) int {
	if len(argv) == 1 || argv[1] == "-p" {
		var lines []string
		for _, v := range p.vars {
			if v.exported {
				lines = append(lines, "export "+v.name+"='"+v.value+"'\n")
			}
		}
		sort.Strings(lines)
		p.write(1, strings.Join(lines, ""))
		return 0
	}
	status := 0
	for _, a := range argv[1:] {
		name, value, hasValue := strings.Cut(a, "=")
		if !validName(name) {
			p.write(2, "sh: export: bad variable name '"+name+"'\n")
			status = 1
			continue
		}
		if !hasValue {
			value, _ = p.lookupVar(name)
		}
		p.setVar(name, value, true)
	}
	return status
}

func cmdUnset(p *Process, argv []string) int {
	for _, a := range argv[1:] {
		if a != "-v" && a != "-f" {
			p.unsetVar(a)
		}
	}
	return 0
}

// cmdSet handles `set -- args` (new positional parameters); shell options
// such as -e and -x are accepted and not simulated.
func cmdSet(p *Process, argv []string) int {
	for i, a := range argv[1:] {
		if a == "--" {
			p.args = append([]string{p.args[0]}, argv[i+2:]...)
			return 0
		}
	}
	if len(argv) == 1 {
		var lines []string
		for _, v := range p.vars {
			lines = append(lines, v.name+"='"+v.value+"'\n")
		}
		sort.Strings(lines)
		p.write(1, strings.Join(lines, ""))
	}
	return 0
}

// cmdBreak leaves (break) or restarts (continue) the Nth enclosing loop.
func cmdBreak(p *Process, argv []string) int {
	n := 1
	if len(argv) > 1 {
		v, err := strconv.Atoi(argv[1])
		if err != nil || v < 1 {
			p.write(2, "sh: "+argv[0]+": Illegal number: "+argv[1]+"\n")
			return 1
		}
		n = v
	}
	fi := len(p.frames) - 1
	avail := 0
	for i := len(p.loops) - 1; i >= 0 && p.loops[i].frame == fi; i-- {
		avail++
	}
	if avail == 0 {
		return 0 // outside a loop, busybox does nothing
	}
	p.loops = p.loops[:len(p.loops)-min(n, avail)+1]
	lf := &p.loops[len(p.loops)-1]
	p.unwindIO(lf.ioDepth)
	if argv[0] == "continue" {
		site := p.frames[fi].pc - 1
		p.frames[fi].pc = lf.contPC
		p.turn(site) // a turn of the loop ends here too
	} else {
		lf.status = 0
		p.frames[fi].pc = lf.breakPC
	}
	return 0
}

// signalNumber reads a signal name (TERM, SIGTERM, 15, EXIT, ...).
func signalNumber(s string) (syscall.Signal, bool) {
	switch strings.TrimPrefix(strings.ToUpper(s), "SIG") {
	case "EXIT", "0":
		return sigExit, true
	case "HUP", "1":
		return SIGHUP, true
	case "INT", "2":
		return SIGINT, true
	case "QUIT", "3":
		return SIGQUIT, true
	case "KILL", "9":
		return SIGKILL, true
	case "USR1", "10":
		return SIGUSR1, true
	case "USR2", "12":
		return SIGUSR2, true
	case "TERM", "15":
		return SIGTERM, true
	}
	return 0, false
}
