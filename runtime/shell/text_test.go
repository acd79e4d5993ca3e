package shell

import (
	"strings"
	"testing"
)

// Reference: busybox head, wc and sed (coreutils/head.c, coreutils/wc.c,
// editors/sed.c): their options, defaults and messages; the docs'
// multi-container page pipes `wget -qO- http://localhost:80 | head -n 4`.
func TestTextUtilities(t *testing.T) {
	checkScripts(t, []scriptCase{
		{"head default 10", `seq 12 | head | tail -n 1`, 0, "stdout: 10"},
		{"head -n", `seq 5 | head -n 2`, 0, "stdout: 1|stdout: 2"},
		{"head -n2", `seq 5 | head -n2`, 0, "stdout: 1|stdout: 2"},
		{"head -3", `seq 5 | head -3`, 0, "stdout: 1|stdout: 2|stdout: 3"},
		{"head -c", `echo abcdef | head -c 3; echo`, 0, "stdout: abc"},
		{"head file", `seq 3 > /tmp/n; head -n 1 /tmp/n`, 0, "stdout: 1"},
		{"head missing", `head /tmp/nope`, 1, "stderr: head: can't open '/tmp/nope': No such file or directory"},
		{"head bad option", `head -x`, 1, "stderr: head: invalid option -- 'x'|stderr: BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.|stderr: |stderr: Usage: head [OPTIONS] [FILE]..."},
		{"head -n without a value", `head -n`, 1, "stderr: head: option requires an argument -- 'n'|stderr: BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.|stderr: |stderr: Usage: head [OPTIONS] [FILE]..."},
		{"wc -l", `seq 7 | wc -l`, 0, "stdout: 7"},
		{"wc -w", `echo a b  c | wc -w`, 0, "stdout: 3"},
		{"wc -c", `echo abc | wc -c`, 0, "stdout: 4"},
		{"wc", `echo a b | wc`, 0, "stdout:         1         2         4"},
		{"wc file", `echo a > /tmp/f; wc -l /tmp/f`, 0, "stdout:         1 /tmp/f"},
		{"wc bad option", `wc -z`, 1, "stderr: wc: invalid option -- 'z'|stderr: BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.|stderr: |stderr: Usage: wc [-cwlL] [FILE]..."},
		{"sed s", `echo hello world | sed s/o/0/`, 0, "stdout: hell0 world"},
		{"sed s g", `echo hello world | sed 's/o/0/g'`, 0, "stdout: hell0 w0rld"},
		{"sed other delimiter and &", `echo a/b | sed 's|/|[&]|'`, 0, "stdout: a[/]b"},
		{"sed BRE group", `echo key=value | sed 's/\(.*\)=\(.*\)/\2=\1/'`, 0, "stdout: value=key"},
		{"sed ERE group", `echo key=value | sed -E 's/(.*)=(.*)/\2=\1/'`, 0, "stdout: value=key"},
		{"sed BRE literal parens", `echo 'f(x)' | sed 's/(x)/(y)/'`, 0, "stdout: f(y)"},
		{"sed -n p", `seq 3 | sed -n 2p`, 0, "stdout: 2"},
		{"sed d", `seq 3 | sed 2d`, 0, "stdout: 1|stdout: 3"},
		{"sed $ and regex address", `seq 4 | sed -e '$d' -e '/2/d'`, 0, "stdout: 1|stdout: 3"},
		{"sed -n s p", `printf 'a\nb\n' | sed -n 's/b/B/p'`, 0, "stdout: B"},
		{"sed q", `seq 5 | sed 2q`, 0, "stdout: 1|stdout: 2"},
		{"sed file", `echo x=1 > /tmp/c; sed 's/1/2/' /tmp/c`, 0, "stdout: x=2"},
		{"sed unknown command", `echo a | sed y/a/b/`, 1, "stderr: sed: unsupported command y"},
		{"sed unterminated", `echo a | sed s/a/b`, 1, "stderr: sed: unmatched '/'"},
		{"tail -3 and bad option", `seq 5 | tail -1; tail -x`, 1, "stdout: 5|stderr: tail: invalid option -- 'x'|stderr: BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.|stderr: |stderr: Usage: tail [OPTIONS] [FILE]..."},
		{"date -u and bad option", `date -u +%Y; date -Q`, 1, "stdout: 2026|stderr: date: invalid option -- 'Q'|stderr: BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.|stderr: |stderr: Usage: date [OPTIONS] [+FMT] [[-s] TIME]"},
		{"sed bad option", `sed -z p`, 1, "stderr: sed: invalid option -- 'z'|stderr: BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.|stderr: |stderr: Usage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...|stderr: or: sed [-i[SFX]] [-nrE] CMD [FILE]..."},
	})
}

// Reference: GNU coreutils' getopt messages, where the image has bash
// (Debian, Ubuntu, Fedora) rather than busybox.
func TestBadOptionInGNUImages(t *testing.T) {
	h := newFakeHost()
	h.programs = map[string]bool{"bash": true}
	code, lines, _ := runScriptOn(h, `head --bogus`)
	if got := strings.Join(lines, "|"); code != 1 || got != "stderr: head: unrecognized option '--bogus'|stderr: Try 'head --help' for more information." {
		t.Errorf("head --bogus = %d, %q", code, got)
	}
}

// Reference: curl's exit codes (man curl, EXIT CODES: 6 could not resolve
// host, 7 failed to connect, 22 HTTP error with -f, 2 bad option) and its
// messages, as curl 8 prints them; busybox has no curl.
func TestCurl(t *testing.T) {
	h := newFakeHost()
	h.programs = map[string]bool{"curl": true}
	h.names["web"] = "10.96.0.5"
	h.servers["10.96.0.5:80"] = fakeServer{200, "<h1>hello</h1>\n"}
	h.servers["10.96.0.5:8080"] = fakeServer{404, "nope\n"}
	cases := []struct {
		cmd  string
		code int
		log  string
	}{
		{"curl http://web", 0, "stdout: <h1>hello</h1>"},
		{"curl -s web/", 0, "stdout: <h1>hello</h1>"},
		{"curl -s http://web:8080/x", 0, "stdout: nope"},
		{"curl -sf http://web:8080/x", 22, ""},
		{"curl -sSf http://web:8080/x", 22, "stderr: curl: (22) The requested URL returned error: 404"},
		{"curl -s -o /dev/null -w '%{http_code}\\n' http://web", 0, "stdout: 200"},
		{"curl -o /tmp/p http://web && cat /tmp/p", 0, "stdout: <h1>hello</h1>"},
		{"curl -I http://web", 0, "stdout: HTTP/1.1 200 OK\r|stdout: Content-Length: 15\r|stdout: \r"},
		{"curl http://nowhere", 6, "stderr: curl: (6) Could not resolve host: nowhere"},
		{"curl -s http://nowhere", 6, ""},
		{"curl http://web:81", 7, "stderr: curl: (7) Failed to connect to web port 81 after 0 ms: Couldn't connect to server"},
		{"curl --frobnicate http://web", 2, "stderr: curl: option --frobnicate: is unknown|stderr: curl: try 'curl --help' or 'curl --manual' for more information"},
	}
	for _, tc := range cases {
		h.lines = nil
		code, lines, _ := runScriptOn(h, tc.cmd)
		if got := strings.Join(lines, "|"); code != tc.code || got != tc.log {
			t.Errorf("%s = %d, %q; want %d, %q", tc.cmd, code, got, tc.code, tc.log)
		}
	}
	code, lines, _ := runScript("curl http://web")
	if got := strings.Join(lines, "|"); code != 127 || got != "stderr: sh: curl: not found" {
		t.Errorf("curl without curl in the image = %d, %q", code, got)
	}
}
