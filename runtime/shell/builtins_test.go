package shell

import (
	"strings"
	"testing"
)

// Reference: POSIX test(1) (argument-count rules; -f -d -e -z -n = != -eq
// -ne -lt -le -gt -ge !) and busybox's `[` which needs a closing `]`.
func TestTestCommand(t *testing.T) {
	cases := []struct {
		expr string
		code int
	}{
		{"[ -f /tmp/file ]", 0},
		{"[ -f /tmp ]", 1},
		{"[ -d /tmp ]", 0},
		{"[ -e /tmp/nope ]", 1},
		{"[ ! -e /tmp/nope ]", 0},
		{"[[ -e /tmp/file ]]", 0}, // busybox ash: [[ ... ]] as test
		{"[[ -e /tmp/nope ]]", 1},
		{"[[ -e /tmp/file ]", 2},
		{`[ -z "" ]`, 0},
		{"[ -n abc ]", 0},
		{"[ -n ]", 0}, // one argument: a non-empty string
		{"[ ]", 1},
		{"[ abc = abc ]", 0},
		{"[ abc != abc ]", 1},
		{"[ 3 -eq 3 ]", 0},
		{"[ 3 -ne 3 ]", 1},
		{"[ 2 -lt 10 ]", 0},
		{"[ 10 -le 2 ]", 1},
		{"[ 10 -gt 2 ]", 0},
		{"[ 2 -ge 2 ]", 0},
		{"[ -f /tmp/file -a -d /tmp ]", 0},
		{"[ -f /nope -o -d /tmp ]", 0},
		{"[ ! 1 -eq 2 ]", 0},
		{"[ ( 1 -eq 1 ) -a ( 2 -eq 3 ) ]", 1},
		{"test -f /tmp/file", 0},
		{"[ x -eq 1 ]", 2},
		{"[ -f /tmp/file", 2},
	}
	for _, tc := range cases {
		h := newFakeHost()
		h.files["/tmp/file"] = "x"
		code, lines, _ := runScriptOn(h, strings.ReplaceAll(strings.ReplaceAll(tc.expr, "( ", "\\( "), " )", " \\)"))
		if code != tc.code {
			t.Errorf("%s = %d, want %d (log %q)", tc.expr, code, tc.code, lines)
		}
	}
}

// Reference: busybox coreutils messages for touch, rm, cat, mkdir, and the
// echo/printf/date/env/hostname/seq/tail behaviour of busybox.
func TestUtilities(t *testing.T) {
	checkScripts(t, []scriptCase{
		{"touch and cat", `touch /tmp/a; cat /tmp/a; test -f /tmp/a`, 0, ""},
		{"touch bad dir", `touch /no/a`, 1, "stderr: touch: /no/a: No such file or directory"},
		{"rm missing", `rm /tmp/x`, 1, "stderr: rm: can't remove '/tmp/x': No such file or directory"},
		{"rm -f missing", `rm -f /tmp/x`, 0, ""},
		{"rm dir", `mkdir /tmp/d; rm /tmp/d`, 1, "stderr: rm: '/tmp/d' is a directory"},
		{"rm -rf dir", `mkdir -p /tmp/d/e; touch /tmp/d/e/f; rm -rf /tmp/d; [ ! -e /tmp/d/e/f ]`, 0, ""},
		{"cat missing", `cat /tmp/x`, 1, "stderr: cat: can't open '/tmp/x': No such file or directory"},
		{"cat several", `echo 1 > /tmp/a; echo 2 > /tmp/b; cat /tmp/a /tmp/nope /tmp/b`, 1, "stdout: 1|stderr: cat: can't open '/tmp/nope': No such file or directory|stdout: 2"},
		{"mkdir exists", `mkdir /tmp`, 1, "stderr: mkdir: can't create directory '/tmp': File exists"},
		{"mkdir no parent", `mkdir /a/b`, 1, "stderr: mkdir: can't create directory '/a/b': No such file or directory"},
		{"mkdir -p", `mkdir -p /a/b/c && [ -d /a/b/c ] && mkdir -p /a/b`, 0, ""},
		{"echo -n", `echo -n a; echo b`, 0, "stdout: ab"},
		{"echo -e", `echo -e 'a\tb\nc'`, 0, "stdout: a\tb|stdout: c"},
		{"echo no escapes by default", `echo 'a\nb'`, 0, `stdout: a\nb`},
		{"printf", `printf '%s=%d\n' a 1 b 2`, 0, "stdout: a=1|stdout: b=2"},
		{"printf percent", `printf '100%%\n'`, 0, "stdout: 100%"},
		{"date", `date`, 0, "stdout: Fri Jan  2 03:04:05 UTC 2026"},
		{"date format", `date +%Y-%m-%dT%H:%M:%S`, 0, "stdout: 2026-01-02T03:04:05"},
		{"date every conversion", `date '+%T %F %Z %a %b %s %% %q'`, 0, "stdout: 03:04:05 2026-01-02 UTC Fri Jan 1767323045 % %q"},
		{"hostname", `hostname`, 0, "stdout: web-0"},
		{"env with prefix", `env A=1 sh -c 'echo $A'`, 0, "stdout: 1"},
		{"seq", `for i in $(seq 3); do echo -n $i; done; echo`, 0, "stdout: 123"},
		{"tail", `seq 5 > /tmp/n; tail -n 2 /tmp/n`, 0, "stdout: 4|stdout: 5"},
		{"trap list", `trap 'echo x' TERM; trap`, 0, "stdout: trap -- 'echo x' TERM"},
		{"trap bad signal", `trap 'x' NOPE`, 1, "stderr: sh: trap: NOPE: invalid signal specification"},
		{"nested sh", `sh -c 'echo inner; exit 4'; echo $?`, 0, "stdout: inner|stdout: 4"},
		{"unset", `A=1; unset A; echo "[$A]"`, 0, "stdout: []"},
	})
}

// Reference: POSIX read (https://pubs.opengroup.org/onlinepubs/9799919799/utilities/read.html)
// and busybox shell/shell_common.c (shell_builtin_read): one line per call,
// fields split on blanks with the rest in the last name, REPLY without a
// name, backslashes escaping unless -r, status 1 at the end of input after
// assigning a last line that has no newline.
func TestRead(t *testing.T) {
	checkScripts(t, []scriptCase{
		{"while read from a file", `printf 'a b\nc d e\n' > /tmp/f; while read x y; do echo "[$x|$y]"; done < /tmp/f`, 0,
			"stdout: [a|b]|stdout: [c|d e]"},
		{"last line without newline", `printf 'one\ntwo' > /tmp/f; while read l; do echo "$l"; done < /tmp/f; echo "after:$l"`, 0,
			"stdout: one|stdout: after:two"},
		{"REPLY keeps blanks", `echo '  a  b  ' > /tmp/f; read < /tmp/f; echo "[$REPLY]"`, 0, "stdout: [  a  b  ]"},
		{"one name trims", `echo '  a  b  ' > /tmp/f; read v < /tmp/f; echo "[$v]"`, 0, "stdout: [a  b]"},
		{"more names than fields", `echo 'a' > /tmp/f; read x y < /tmp/f; echo "[$x][$y]"`, 0, "stdout: [a][]"},
		{"backslashes", `printf 'a\\tb\nc\\\nd\n' > /tmp/f; read x < /tmp/f; echo "$x"; read -r y < /tmp/f; echo "$y"`, 0,
			"stdout: atb|stdout: a\\tb"},
		{"from a pipe", `echo hello world | while read a b; do echo "$b $a"; done`, 0, "stdout: world hello"},
		{"end of input", `read x < /dev/null; echo $?`, 0, "stdout: 1"},
		{"bad name", `echo a | read 1x`, 2, "stderr: sh: read: '1x': not a valid identifier"},
		{"count lines", `seq 4 > /tmp/n; n=0; while read l; do n=$((n+l)); done < /tmp/n; echo $n`, 0, "stdout: 10"},
	})
}

// Reference: busybox nslookup output, and the Kubernetes "init container
// waits for a Service" example: `until nslookup myservice; do sleep 2; done`.
func TestNslookup(t *testing.T) {
	h := newFakeHost()
	h.names["myservice"] = "10.96.12.7"
	code, lines, _ := runScriptOn(h, "nslookup myservice")
	want := "stdout: Server:\t\t10.96.0.10|stdout: Address:\t10.96.0.10:53|stdout: |stdout: Name:\tmyservice|stdout: Address: 10.96.12.7"
	if code != 0 || strings.Join(lines, "|") != want {
		t.Errorf("nslookup myservice = %d, %q; want 0, %q", code, strings.Join(lines, "|"), want)
	}
	h = newFakeHost()
	h.files["/etc/resolv.conf"] = "search default.svc.cluster.local\nnameserver 10.0.0.10\n"
	code, lines, _ = runScriptOn(h, "nslookup mydb")
	want = "stdout: Server:\t\t10.0.0.10|stdout: Address:\t10.0.0.10:53|stdout: |stdout: ** server can't find mydb: NXDOMAIN"
	if code != 1 || strings.Join(lines, "|") != want {
		t.Errorf("nslookup mydb = %d, %q; want 1, %q", code, strings.Join(lines, "|"), want)
	}
}

// Reference: the init-container loop polls until the Service appears.
func TestUntilNslookupLoop(t *testing.T) {
	h := newFakeHost()
	p := Start([]string{"sh", "-c", "until nslookup myservice >/dev/null; do echo waiting; sleep 2; done; echo found"}, nil, h)
	for i := 0; i < 3; i++ {
		if st := p.Run(); st.Sleep != 2e9 {
			t.Fatalf("Run %d = %+v, want Sleep 2s", i, st)
		}
	}
	h.names["myservice"] = "10.96.0.20"
	st := p.Run()
	if !st.Exited || st.ExitCode != 0 {
		t.Fatalf("Run after the Service exists = %+v, want exit 0", st)
	}
	if got := strings.Join(h.lines, "|"); got != "stdout: waiting|stdout: waiting|stdout: waiting|stdout: found" {
		t.Errorf("log = %q", got)
	}
}

// Reference: busybox wget messages and exit codes (0 for 2xx, 1 otherwise);
// busybox nc (networking/nc.c): -z, a client that sends stdin, -l -p.
func TestWgetAndNc(t *testing.T) {
	h := newFakeHost()
	h.names["web"] = "10.96.0.5"
	h.servers["10.96.0.5:80"] = fakeServer{200, "<h1>hello</h1>\n"}
	h.servers["10.96.0.5:8080"] = fakeServer{500, "boom"}
	h.servers["127.0.0.1:8081"] = fakeServer{204, ""}
	cases := []struct {
		cmd  string
		code int
		log  string
	}{
		{"wget -qO- http://web", 0, "stdout: <h1>hello</h1>"},
		{"wget -q -O - http://web/", 0, "stdout: <h1>hello</h1>"},
		{"wget -O /tmp/page http://web/ && cat /tmp/page", 0, "stderr: Connecting to web (10.96.0.5:80)|stderr: saving to '/tmp/page'|stderr: '/tmp/page' saved|stdout: <h1>hello</h1>"},
		{"wget -q -T 1 http://web:8080/healthz", 1, "stderr: wget: server returned error: HTTP/1.1 500 Internal Server Error"},
		{"wget -q --spider http://web:9999/", 1, "stderr: wget: can't connect to remote host (10.96.0.5): Connection refused"},
		{"wget -q --spider http://localhost:8081/ready", 0, ""},
		{"wget -q http://nowhere/", 1, "stderr: wget: bad address 'nowhere'"},
		{"nc -z web 80", 0, ""},
		{"nc -zv -w 2 web 81", 1, ""},
		{"nc -z nowhere 80", 1, "stderr: nc: bad address 'nowhere'"},
		{`printf 'GET / HTTP/1.0\r\n\r\n' | nc web 80`, 0, "stdout: HTTP/1.1 200 OK\r|stdout: Content-Length: 15\r|stdout: \r|stdout: <h1>hello</h1>"},
		{"nc web 81", 1, "stderr: nc: can't connect to remote host (10.96.0.5): Connection refused"},
		{"nc -l -p 8080", 1, "stderr: nc: listening is not simulated here"},
		{"nc -x web 80", 1, "stderr: nc: invalid option -- 'x'|stderr: BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.|stderr: |stderr: Usage: nc [OPTIONS] HOST PORT  - connect|stderr: nc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen"},
	}
	for _, tc := range cases {
		h.lines = nil
		code, lines, _ := runScriptOn(h, tc.cmd)
		if got := strings.Join(lines, "|"); code != tc.code || got != tc.log {
			t.Errorf("%s = %d, %q; want %d, %q", tc.cmd, code, got, tc.code, tc.log)
		}
	}
}

// Reference: RFC 9110 reason phrases, as wget prints them.
func TestStatusText(t *testing.T) {
	cases := map[int]string{404: "Not Found", 500: "Internal Server Error", 503: "Service Unavailable", 418: "Error"}
	for code, want := range cases {
		if got := statusText(code); got != want {
			t.Errorf("statusText(%d) = %q, want %q", code, got, want)
		}
	}
}
