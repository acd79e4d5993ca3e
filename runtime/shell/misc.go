package shell

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// cmdPrintf formats its arguments: %s %d %i %c %x %%, with \n \t \\
// escapes; the format is reused while arguments remain, as POSIX says.
func cmdPrintf(p *Process, argv []string) int {
	if len(argv) < 2 {
		p.write(2, "Usage: printf FORMAT [ARG]...\n")
		return 1
	}
	format, args := argv[1], argv[2:]
	status := 0
	for loops := 0; ; loops++ {
		out, used, bad := formatOnce(format, args)
		p.write(1, out)
		if bad != "" {
			p.write(2, "printf: invalid number '"+bad+"'\n")
			status = 1
		}
		args = args[used:]
		if used == 0 || len(args) == 0 || loops > 1000 {
			return status
		}
	}
}

// formatOnce applies format once and returns how many arguments it used.
func formatOnce(format string, args []string) (out string, used int, bad string) {
	var b strings.Builder
	next := func() string {
		if used < len(args) {
			used++
			return args[used-1]
		}
		return ""
	}
	for i := 0; i < len(format); i++ {
		c := format[i]
		switch {
		case c == '\\' && i+1 < len(format):
			s, _ := unescape(format[i : i+2])
			b.WriteString(s)
			i++
		case c == '%' && i+1 < len(format):
			i++
			switch format[i] {
			case '%':
				b.WriteByte('%')
			case 's':
				b.WriteString(next())
			case 'c':
				if s := next(); s != "" {
					b.WriteByte(s[0])
				}
			case 'd', 'i', 'x':
				a := next()
				n, err := strconv.ParseInt(strings.TrimSpace(a), 10, 64)
				if err != nil && a != "" {
					bad = a
				}
				if format[i] == 'x' {
					b.WriteString(strconv.FormatInt(n, 16))
				} else {
					b.WriteString(strconv.FormatInt(n, 10))
				}
			default:
				b.WriteByte('%')
				b.WriteByte(format[i])
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), used, bad
}

// cmdDate prints the simulated clock in UTC, like busybox `date`, moved on
// by the CPU the process has used in this Run; +FORMAT
// supports %Y %m %d %H %M %S %s %T %F %Z %a %b %%.
func cmdDate(p *Process, argv []string) int {
	now := p.clock().UTC()
	for _, a := range argv[1:] {
		if len(a) > 1 && a[0] == '-' && a != "-u" && a != "--utc" {
			return p.badOption("date", a, "date [OPTIONS] [+FMT] [[-s] TIME]")
		}
		if strings.HasPrefix(a, "+") {
			p.write(1, strftime(a[1:], now)+"\n")
			return 0
		}
	}
	p.write(1, now.Format("Mon Jan _2 15:04:05 MST 2006")+"\n")
	return 0
}

// cmdEnv prints the exported variables, NAME=value, in the order they were set.
func cmdEnv(p *Process, argv []string) int {
	if len(argv) > 1 && baseName(argv[0]) == "printenv" {
		status := 1
		for _, name := range argv[1:] {
			if v, ok := p.lookupVar(name); ok {
				p.write(1, v+"\n")
				status = 0
			}
		}
		return status
	}
	args := argv[1:]
	var assigns []assignment
	for len(args) > 0 && strings.Contains(args[0], "=") {
		name, value, _ := strings.Cut(args[0], "=")
		assigns = append(assigns, assignment{name: name, value: &word{parts: []wordPart{{kind: partLit, quoted: true, text: value}}}})
		args = args[1:]
	}
	if len(args) > 0 {
		restore := p.saveVars(assigns)
		for _, a := range assigns {
			p.setVar(a.name, a.value.parts[0].text, true)
		}
		status := p.exec(args)
		if !p.replaced {
			p.restoreVars(restore)
		}
		return status
	}
	for _, v := range p.vars {
		if v.exported {
			p.write(1, v.name+"="+v.value+"\n")
		}
	}
	return 0
}

// strftimeLayouts maps the common date(1) conversions to Go time layouts.
var strftimeLayouts = map[byte]string{
	'Y': "2006", 'm': "01", 'd': "02", 'H': "15", 'M': "04", 'S': "05",
	'T': "15:04:05", 'F': "2006-01-02", 'Z': "MST", 'a': "Mon", 'b': "Jan",
}

// strftime formats t with the common date(1) conversions.
func strftime(format string, t time.Time) string {
	return expandPercent(format, func(c byte) string {
		if layout, ok := strftimeLayouts[c]; ok {
			return t.Format(layout)
		}
		switch c {
		case 's':
			return strconv.FormatInt(t.Unix(), 10)
		case '%':
			return "%"
		}
		return "%" + string(c)
	})
}

// expandPercent writes format with each %c replaced by conv(c), as date
// +FORMAT and stat -c FORMAT do; a trailing lone % stays as it is.
func expandPercent(format string, conv func(c byte) string) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] != '%' || i+1 == len(format) {
			b.WriteByte(format[i])
			continue
		}
		i++
		b.WriteString(conv(format[i]))
	}
	return b.String()
}

// cmdSeq prints [FIRST [INCREMENT]] LAST, one number a line.
func cmdSeq(p *Process, argv []string) int {
	nums := make([]int64, 0, 3)
	for _, a := range argv[1:] {
		n, err := strconv.ParseInt(a, 10, 64)
		if err != nil {
			p.write(2, "seq: invalid number '"+a+"'\n")
			return 1
		}
		nums = append(nums, n)
	}
	first, inc, last := int64(1), int64(1), int64(0)
	switch len(nums) {
	case 1:
		last = nums[0]
	case 2:
		first, last = nums[0], nums[1]
	case 3:
		first, inc, last = nums[0], nums[1], nums[2]
	default:
		p.write(2, "Usage: seq [FIRST [INC]] LAST\n")
		return 1
	}
	var b strings.Builder
	for n, i := first, 0; inc != 0 && i < 100000 && ((inc > 0 && n <= last) || (inc < 0 && n >= last)); n, i = n+inc, i+1 {
		fmt.Fprintf(&b, "%d\n", n)
	}
	p.write(1, b.String())
	return 0
}

// cmdYes prints its arguments (or y) on a line, again and again, for ever:
// each line is a step of CPU, and the command runs until the process is
// killed. Into a pipe or a command substitution it writes until the buffer
// is full and then dies of SIGPIPE (141), as it does when its reader
// stops reading.
func cmdYes(p *Process, argv []string) int {
	line := "y\n"
	if len(argv) > 1 {
		line = strings.Join(argv[1:], " ") + "\n"
	}
	switch p.fds[1].kind {
	case sinkPipe, sinkSubst:
		for range pipeCapacity/len(line) + 1 {
			p.write(1, line)
		}
		return 128 + 13
	}
	p.write(1, line)
	p.again = true
	return 0
}
