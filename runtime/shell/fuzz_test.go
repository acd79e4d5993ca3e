package shell

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// seedScripts returns the scripts FuzzParse starts from.
func seedScripts() []string {
	return []string{
		"touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600",
		"until nslookup myservice; do echo waiting; sleep 2; done",
		`if [ "$A" = 1 ]; then echo "${B:-x}"; elif false; then :; else exit 3; fi`,
		"for i in $(seq 3); do echo $((i*2)) | cat >> /tmp/o 2>&1; done",
		"trap 'echo bye; exit 0' TERM; while true; do sleep 1; done",
		"{ echo a; ! false; } > /dev/null && echo `hostname` || echo no",
		"echo 'unterminated",
		"case x in x) ;; esac",
		// Inputs that reach the bounds a node puts on a program: memory,
		// logs, nesting (see memory.go and depth.go).
		`s=x; while :; do s="$s$s"; done`,
		`a=x; b=y; while :; do a=$a$b; b=$b$a; done`,
		`echo x > /tmp/f; i=0; while [ $i -lt 20 ]; do cat /tmp/f >> /tmp/f; i=$((i+1)); done`,
		`s="a b"; while :; do set -- $s $s; s="$*"; done`,
		`while :; do s=${s:-x}${s:-x}; done`,
		`i=9223372036854775807; echo $((i + 1)) $((i * i)) $((-i - 2))`,
		`printf '%999999999d' 1; seq 1 100000000 | tail -n 1`,
		`while :; do echo hello; done > /dev/null`,
		`sh -c "$0" "$0"`,
		`sh -c "$0" "$0" || exit $?`,
		`env sh -c "$0" "$0" | cat`,
		`x=$(sh -c 'echo $(echo $(echo deep))'); echo "$x"`,
		":(){ :|:& };:",
		"f() { f; }; f",
		strings.Repeat("(", 1001) + "echo hi" + strings.Repeat(")", 1001),
		"echo " + strings.Repeat("$(echo ", 200) + "hi" + strings.Repeat(")", 200),
		"echo " + strings.Repeat("${a:-", 700) + "hi" + strings.Repeat("}", 700),
		`seq 20 | sed -n -e '/1/s/\(1\)\(.\)/\2&\1/gp' -e '$q' | head -n 3 | wc -l`,
		`echo a | sed 's/[/x/'; echo a | sed -E 's/(/x/'; sed; head -c; wc -q`,
		`printf 'GET / HTTP/1.0\r\n\r\n' | nc -w 1 localhost 80; nc -l -p 99999; curl -sf x`,
	}
}

// FuzzParse checks that no input makes Parse panic, and that a script that
// parses also runs (for a bounded number of Runs) without panicking.
// Run it with: go test ./runtime/shell -run=^$ -fuzz=FuzzParse -fuzztime=5s
func FuzzParse(f *testing.F) {
	for _, s := range seedScripts() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return
		}
		s, err := Parse(src)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "sh: ") {
				t.Fatalf("Parse(%q) error %q does not start with \"sh: \"", src, err)
			}
			return
		}
		if s == nil {
			t.Fatalf("Parse(%q) = nil, nil", src)
		}
		runBounded(t, src, 5)
	})
}

// runBounded runs `sh -c src` for at most runs Runs, with a TERM in the
// middle, and checks the Step contract.
func runBounded(t *testing.T, src string, runs int) {
	h := newFakeHost()
	h.names["web"] = "10.0.0.1"
	h.servers["10.0.0.1:80"] = fakeServer{200, "ok"}
	p := Start([]string{"sh", "-c", src, "arg0", "a b"}, []string{"A=1"}, h)
	for i := 0; i < runs; i++ {
		var st Step
		if i == runs/2 {
			st = p.Signal(SIGTERM)
		} else {
			st = p.Run()
		}
		if checkStep(t, src, p, st) {
			return
		}
		h.now = h.now.Add(min(st.Sleep+st.CPU, Forever/2))
	}
}

// checkStep checks the Step contract of what p returned, and reports
// whether p has exited.
func checkStep(t *testing.T, src string, p *Process, st Step) bool {
	t.Helper()
	if st.Exited {
		if code, ok := p.Exited(); !ok || code != st.ExitCode || code < 0 || code > 255 {
			t.Fatalf("sh -c %q: Step %+v but Exited() = %d, %v", src, st, code, ok)
		}
		return true
	}
	if st.Sleep < 0 || (st.Sleep == 0 && st.CPU <= 0) {
		t.Fatalf("sh -c %q: Step %+v neither sleeps nor was preempted after using CPU", src, st)
	}
	return false
}

// randomScript builds a script from fragments, seeded so it is reproducible.
func randomScript(r *rand.Rand) string {
	pieces := []string{
		"echo a", "false", "true", "sleep 1", "x=$((x+1))", "[ $x -lt 3 ]", "cat /tmp/f",
		"touch /tmp/f", "rm -f /tmp/f", "exit 3", "break", "continue", "wget -q http://web/",
		"if", "then", "else", "fi", "while", "until", "do", "done", "for i in 1 2", "{", "}",
		";", "&&", "||", "|", "!", "\n", ">/tmp/o", "2>&1", "<", "'", `"`, "$(", ")", "(",
		"trap 'echo t' TERM", "nslookup web", "printf '%s\\n' $i", "echo ${x:-d}",
	}
	var b strings.Builder
	for n := r.IntN(20); n > 0; n-- {
		b.WriteString(pieces[r.IntN(len(pieces))])
		b.WriteByte(' ')
	}
	return b.String()
}

// Reference: brief: random scripts against a fake Host never panic and
// always return a valid Step.
func TestRandomScripts(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	parsed := 0
	for i := 0; i < 3000; i++ {
		src := randomScript(r)
		if _, err := Parse(src); err == nil {
			parsed++
		}
		runBounded(t, src, 6)
	}
	if parsed < 100 {
		t.Errorf("only %d of 3000 random scripts parsed, want at least 100 to exercise Run", parsed)
	}
}

// runSeeds are the scripts FuzzRun starts from: the classes of program
// that cost CPU (busy loops, counters, polling, yes), and the ones that
// grow (string doubling, echo loops) or nest (recursion), whose memory and
// depth other limits bound.
func runSeeds() []string {
	return []string{
		"while true; do :; done",
		"i=0; while :; do i=$((i+1)); done",
		"i=0; while [ $i -lt 1000 ]; do i=$((i+1)); done; echo $i",
		"until [ -f /tmp/go ]; do :; done; echo go",
		"yes > /dev/null",
		"yes | head -n 3",
		"while true; do echo hello; done",
		"while true; do echo hi > /tmp/f; done",
		"while true; do echo x >> /tmp/f; done",
		"while :; do echo ab >> /tmp/f; [ $(wc -c < /tmp/f) -gt 900 ] && break; done; cat /tmp/f",
		"x=a; while :; do x=$x$x; done",
		"n=0; while [ $n -ne 50 ]; do n=$((n+1)); [ $n -eq 25 ] && echo half; done",
		"sh -c 'sh -c \"while :; do :; done\"'",
		"x=$(while :; do :; done); echo $x",
		"trap 'echo $i; exit 0' TERM; while :; do i=$((i+3)); done",
		"for i in $(seq 100); do : $i; done",
		"d=$(date +%s); while [ $(date +%s) -eq $d ]; do :; done; date",
	}
}

// FuzzRun runs fuzzed scripts for a bounded virtual budget: four Runs of
// budget µs of CPU each, with a SIGTERM after the second. None may panic;
// every Step keeps its contract and stays within its budget (give or take
// the steps of a last command); and running every loop turn (exact) must
// give what fast-forwarding gives. Variables are cut at 256 bytes, so that
// a doubling string cannot grow without end (bounding what a program holds
// is the memory limit's work, not this target's).
// Run it with: go test ./runtime/shell -run=^$ -fuzz=FuzzRun -fuzztime=5s
func FuzzRun(f *testing.F) {
	for i, s := range runSeeds() {
		f.Add(s, uint16(100+i*37))
	}
	f.Fuzz(func(t *testing.T, src string, budget uint16) {
		if len(src) > 512 {
			return
		}
		b := time.Duration(budget%2000+1) * StepCPU
		fast, exact := boundedRun(t, src, b, false), boundedRun(t, src, b, true)
		if fast != exact {
			t.Fatalf("sh -c %q, budget %v: fast-forwarding gave\n%s\nrunning every turn gave\n%s", src, b, fast, exact)
		}
	})
}

// boundedRun runs `sh -c src` four times for budget of CPU, checks each
// Step, and returns the Steps, the log and the files.
func boundedRun(t *testing.T, src string, budget time.Duration, exact bool) string {
	h := newFakeHost()
	h.names["web"] = "10.0.0.1"
	h.servers["10.0.0.1:80"] = fakeServer{200, "ok"}
	h.now = h.now.Add(time.Second - 500*time.Microsecond) // a second starts during the first Run
	p := Start([]string{"sh", "-c", src}, []string{"A=1"}, h)
	p.exact, p.maxValue = exact, 256
	p.SetBudget(budget)
	var b strings.Builder
	for i := 0; i < 4; i++ {
		var st Step
		if i == 2 {
			st = p.Signal(SIGTERM)
		} else {
			st = p.Run()
		}
		fmt.Fprintf(&b, "%+v\n", st)
		if st.CPU < 0 || st.CPU > budget+Instant {
			t.Fatalf("sh -c %q: Step %+v used more than its budget %v", src, st, budget)
		}
		if checkStep(t, src, p, st) {
			break
		}
		h.now = h.now.Add(min(st.Sleep+st.CPU, Forever/2))
		if i == 1 {
			_ = h.WriteFile("/tmp/go", "", false)
		}
	}
	for i, l := range h.lines {
		fmt.Fprintf(&b, "%s %s\n", h.stamps[i].Format(time.RFC3339Nano), l)
	}
	paths := make([]string, 0, len(h.files))
	for path := range h.files {
		paths = append(paths, path)
	}
	slices.Sort(paths)
	for _, path := range paths {
		fmt.Fprintf(&b, "\n%s: %q", path, h.files[path])
	}
	return b.String()
}
