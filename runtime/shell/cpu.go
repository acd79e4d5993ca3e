package shell

import (
	"math"
	"slices"
	"strconv"
	"time"
)

// StepCPU is the processor time one step of a program costs: one simple
// command, or one turn of a loop. Busybox's ash runs a builtin such as `:`,
// `[` or `echo` in about a microsecond on a modern core (dash, its
// ancestor, runs `while [ $i -lt N ]; do i=$((i+1)); done` at about 1.3 µs
// a turn), so a busy loop here runs about a million steps a second of CPU.
// Starting a program (fork and exec) costs real shells far more; this shell
// runs every command as a builtin and charges it one step.
const StepCPU = time.Microsecond

// Slice is the CPU a Run may use when the engine sets no budget: what a busy
// process uses before it yields so that the rest of the simulation moves.
const Slice = 10 * time.Millisecond

// Instant is how much CPU a process may use before what it does stops
// being "at once": a Run that blocks or exits having used less happened at
// the instant it started (the engine still charges the CPU), and a process
// that has used at least this much in a Run yields right after a command
// that others can see (a log line, a file written, a request), so that the
// engine can move the clock to the moment it happened.
const Instant = time.Millisecond

// SetBudget says how much CPU the next Run (or Signal) may use before the
// process is preempted; zero or less means Slice. A busy process stops
// there with Step.CPU set and neither Exited nor Sleep: it is runnable, and
// the engine calls Run again once that CPU time has been served.
func (p *Process) SetBudget(d time.Duration) { p.budget = d }

// budgetSteps returns the steps the budget allows, at least one.
func (p *Process) budgetSteps() int {
	d := p.budget
	if d <= 0 {
		d = Slice
	}
	return max(int(d/StepCPU), 1)
}

// cpu returns the CPU used in this Run.
func (p *Process) cpu() time.Duration { return time.Duration(p.steps) * StepCPU }

// effect records that the process did something others can see. Past
// Instant in a Run, the process yields after the command that did it (a
// child process, which runs to its end inside one command, does not).
func (p *Process) effect() {
	p.effects++
	p.mayYield()
}

// wrote records that the process wrote to the file at path. A loop turn
// that leaves the file as the turn before left it (`echo hi > /tmp/f`)
// still repeats itself. Others see files only when they next run, at the
// next event, which is where a Run ends anyway: a write does not make the
// process yield.
func (p *Process) wrote(path string) {
	if c := p.cycle; c != nil && !slices.Contains(c.written, path) {
		c.written = append(c.written, path)
	}
}

// appendNote is what one loop turn so far did to a file it wrote: it
// appended data to it, and nothing else (other is false).
type appendNote struct {
	path  string
	data  string
	other bool
}

// maxAppendNote bounds the bytes a turn may append to a file and still be
// carried forward as appends.
const maxAppendNote = 4 << 10

// note returns the turn's note of path, made on first use.
func (c *cycleState) note(path string) *appendNote {
	for i := range c.appends {
		if c.appends[i].path == path {
			return &c.appends[i]
		}
	}
	c.appends = append(c.appends, appendNote{path: path})
	return &c.appends[len(c.appends)-1]
}

// appended records that the process appended s to the file at path.
func (p *Process) appended(path, s string) {
	if c := p.cycle; c != nil {
		n := c.note(path)
		n.data += s
		n.other = n.other || len(n.data) > maxAppendNote
	}
}

// rewrote records that the process changed the file at path other than by
// appending to it (truncated it, or a write failed).
func (p *Process) rewrote(path string) {
	if c := p.cycle; c != nil {
		c.note(path).other = true
	}
}

// noteRead records that the loop turn, if any, read the file at path.
func (p *Process) noteRead(path string) {
	if c := p.cycle; c != nil {
		if !slices.Contains(c.reads, path) {
			c.reads = append(c.reads, path)
		}
	}
}

// heldReadMin is the size from which readFile asks the process's memory
// for room before reading: smaller files are read as they always were.
const heldReadMin = 1 << 20

// readFile reads a file for a command. A turn that reads a file it
// appends to may act on what the file has grown to, so it is not carried
// forward by its appends. The commands of this shell hold what they read
// (cat too, where a real one streams it through a small buffer), so a
// file larger than the memory the process has room for is not read at
// all: the read OOM-kills the process, before nucleus spells the file out
// (a loop's appends keep a file as a run, which can grow to gigabytes on
// a volume on disk).
func (p *Process) readFile(path string) (string, bool) {
	p.noteRead(path)
	if h, ok := p.host.(SizeHost); ok {
		if n, ok := h.FileSize(path); ok && n >= heldReadMin {
			if n > math.MaxInt32 || !p.grow(int(n)) {
				p.oomKilled()
				return "", false
			}
			p.shrink(int(n))
		}
	}
	return p.host.ReadFile(path)
}

// clock returns the simulated wall clock as the process sees it: the
// instant its Run started, plus the CPU it has used since (a Run is one
// event of the loop, but its steps take time).
func (p *Process) clock() time.Time {
	p.noteClock()
	return p.host.Now().Add(p.base + p.cpu())
}

// noteClock records that the process read the clock: a loop turn that
// did repeats only within one second of the clock (date's resolution).
func (p *Process) noteClock() {
	p.readTime = true
	if p.cycle != nil {
		p.cycle.clock = true
	}
}

// mayYield makes the process yield after this command once it has used
// Instant of CPU in this Run.
func (p *Process) mayYield() {
	if p.capture == nil && p.steps >= int(Instant/StepCPU) {
		p.yieldNow = true
	}
}

// A busy loop is run, not skipped: each turn's commands execute. But a
// loop that turns without touching the world repeats itself, and running
// it for real would cost the simulator a million steps a simulated second.
// At the end of each turn the process notes its state (a mark); when a
// turn ends in the same state as the one before it and did nothing others
// can see (but for files it rewrote as they were), every later turn would
// do the same, so the process charges as many turns as its budget holds at
// once: `while true; do :; done`, `while :; do date > /tmp/now; done`. The
// world cannot change during one Run (no other event runs), so a loop that
// polls a file repeats too until the next Run.
//
// A counter (`while :; do i=$((i+1)); done`) changes its state each turn,
// but in a way that can be carried forward exactly: when two turns in a
// row change the same integer variables by the same amounts, those
// variables are read only in +/- arithmetic assigned to variables (never in
// a test, a word of a command, or a child process), and nothing else
// changes, n more turns add n times those amounts (with the shell's 64-bit
// wrap-around).

// mark is the state of a process at the end of one loop turn.
type mark struct {
	seq       int // which mark of this Run
	site      int // the back jump's pc
	depth     int // len(frames)
	steps     int
	effects   int
	nvars     int        // len(vars)
	logged    int        // Process.logged
	lines     []turnLine // the lines the turn logged, steps from its start
	status    int
	debt      time.Duration
	fds       [3]sink
	stdin     string
	partial   [2]string
	frames    []frame
	loops     []loopFrame
	io        []ioFrame
	vars      []variable
	args      []string
	traps     int
	capture   int
	children  bool     // a command substitution or nested sh ran in the turn
	ctrlReads []string // variables read in the turn other than in linear arithmetic
	files     []file   // the files written in the Run so far, as they are
	guards    []guard  // the integer tests of the turn, in order
	clock     bool     // the turn read the clock
	brief     bool     // only seq, site, depth, steps, effects and nvars are set
}

// file is a file's path and content; or, for a file that the turn only
// appended to (appends is true), what the turn appended. A file appended
// to in a turn that was not all the loop ran since its last turn has
// only the seq of its mark (unseen is true), unlike any other mark: such a
// turn is not carried forward, and its file need not be read.
type file struct {
	path, content string
	appends       bool
	unseen        int
}

// cycleState is what the process keeps to find repeating turns in a Run.
type cycleState struct {
	seq       int
	marks     []mark // by loop depth: the last mark of the loop at that depth
	before    mark   // the mark before the last one, for counters
	spare     mark   // memory for the next mark
	last      int    // the depth whose mark is the most recent, or -1
	ctrlReads []string
	written   []string // files written in this Run
	guards    []guard  // the integer tests of the turn so far
	clock     bool     // the clock was read in the turn so far
	children  bool
	linear    int        // > 0 while a linear arithmetic assignment is evaluated
	lines     []turnLine // the lines logged in the turn so far
	appends   []appendNote
	reads     []string // the files read in the turn so far
}

// turnLine is a line a turn logged to a LogHost: its stream, its text,
// and the steps of the Run (in a mark: of the turn) when it was written,
// and its stamp.
type turnLine struct {
	stream int
	text   string
	steps  int
	at     time.Duration
}

// maxTurnLines bounds the lines a turn notes; a turn that logs more is not
// carried forward.
const maxTurnLines = 16

// sameLines reports whether two turns logged the same lines at the same
// steps of the turn.
func sameLines(a, b []turnLine) bool {
	return slices.EqualFunc(a, b, func(x, y turnLine) bool {
		return x.stream == y.stream && x.text == y.text && x.steps == y.steps
	})
}

// reset forgets the marks of an earlier Run: the world may have changed.
func (c *cycleState) reset() {
	c.seq, c.last = 0, -1
	c.marks = c.marks[:0]
	c.ctrlReads = c.ctrlReads[:0]
	c.written = c.written[:0]
	c.guards = c.guards[:0]
	c.children, c.clock = false, false
	c.lines = c.lines[:0]
	c.appends, c.reads = c.appends[:0], c.reads[:0]
}

// readVar notes a read of a variable, for counters.
func (c *cycleState) readVar(name string) {
	if c == nil || c.linear > 0 || slices.Contains(c.ctrlReads, name) {
		return
	}
	c.ctrlReads = append(c.ctrlReads, name)
}

// linearArith reports whether a word is one $((...)) of only +, - and
// parentheses over names and numbers: a value that changes linearly with
// the variables it reads.
func linearArith(w *word) bool {
	if w == nil || len(w.parts) != 1 || w.parts[0].kind != partArith {
		return false
	}
	for i := 0; i < len(w.parts[0].text); i++ {
		c := w.parts[0].text[i]
		if !isNameChar(c) && c != '$' && c != '+' && c != '-' && c != '(' && c != ')' && c != ' ' {
			return false
		}
	}
	return true
}

// turn is called at the end of each loop turn (a back jump at pc site).
// When the turn repeats the one before it, it fast-forwards as many whole
// turns as the budget holds.
func (p *Process) turn(site int) { p.turnAt(site, len(p.loops)) }

// turnAt is turn for the loop at depth (its number of enclosing loops plus
// one): a command that repeats itself, such as `yes`, is a loop one deeper
// than the loops around it.
func (p *Process) turnAt(site, depth int) {
	if p.exact {
		return
	}
	if p.cycle == nil {
		p.cycle = &cycleState{last: -1}
	}
	c := p.cycle
	if depth == 0 {
		return
	}
	c.seq++
	if len(c.marks) > depth {
		c.marks = c.marks[:depth]
	}
	for len(c.marks) < depth {
		c.marks = append(c.marks, mark{seq: -1})
	}
	prev := &c.marks[depth-1]
	if prev.seq >= 0 && prev.site == site && prev.depth == len(p.frames) && (p.effects != prev.effects || len(p.vars) != prev.nvars) {
		// The turn did something others see, or made or unset a variable,
		// so it repeats nothing: note where it ended, without the cost of
		// a whole mark (a loop that exports a variable a turn would copy
		// them all at each turn).
		prev.seq, prev.steps, prev.effects, prev.nvars, prev.brief = c.seq, p.steps, p.effects, len(p.vars), true
		prev.lines = prev.lines[:0]
		c.ctrlReads, c.guards, c.children, c.clock = c.ctrlReads[:0], c.guards[:0], false, false
		c.lines = c.lines[:0]
		c.appends, c.reads = c.appends[:0], c.reads[:0]
		prev.logged = p.logged
		c.before.seq, c.last = -1, depth-1
		return
	}
	cur := c.spare
	// A turn's appends stand for its files only when the turn is all the
	// loop ran since its last turn (no inner loop's turn ended in it).
	p.snapshot(&cur, site, prev.seq == c.seq-1 && c.last == depth-1)
	// The lines of the turn, at steps from its start; all of them must be
	// noted (not a child's, nor past maxTurnLines) and stamped past Instant
	// for the turn to be carried forward with them.
	linesOK := prev.seq >= 0 && cur.logged-prev.logged == len(c.lines)
	cur.lines = cur.lines[:0]
	for _, l := range c.lines {
		linesOK = linesOK && l.at > 0
		l.steps -= prev.steps
		cur.lines = append(cur.lines, l)
	}
	c.ctrlReads, c.guards, c.children, c.clock = c.ctrlReads[:0], c.guards[:0], false, false
	c.lines = c.lines[:0]
	c.appends, c.reads = c.appends[:0], c.reads[:0]
	period := cur.steps - prev.steps
	readClock := cur.clock || prev.clock
	consecutive := c.last == depth-1 && prev.seq == cur.seq-1
	var deltas []counter
	turns := 0
	if linesOK && !prev.brief && prev.site == site && prev.depth == cur.depth && period > 0 && cur.effects == prev.effects &&
		sameLines(prev.lines, cur.lines) {
		if sameControl(prev, &cur) && slices.Equal(prev.vars, cur.vars) {
			turns = (p.budgetSteps() - p.steps) / period
		} else if consecutive && c.before.seq == prev.seq-1 && !c.before.brief && c.before.site == site && prev.steps-c.before.steps == period &&
			prev.effects == c.before.effects && sameControl(&c.before, prev) && sameControl(prev, &cur) {
			deltas, turns = counters(&c.before, prev, &cur, (p.budgetSteps()-p.steps)/period)
		}
	}
	if consecutive {
		c.spare, c.before, *prev = c.before, *prev, cur
	} else {
		c.spare, *prev = *prev, cur
		c.before.seq = -1
	}
	c.last = depth - 1
	if turns > 0 && readClock {
		turns = min(turns, p.sameSecond(period))
	}
	if turns > 0 {
		turns = p.appendRoom(cur.files, turns)
	}
	if turns > 0 {
		p.forward(period, turns, deltas, cur.lines)
		p.appendTurns(cur.files, turns)
	}
}

// appendRoom returns how many of n turns that append to files as files
// say fit: the turn after the last that fits runs, and fails, for real.
func (p *Process) appendRoom(files []file, n int) int {
	h, ok := p.host.(AppendHost)
	for _, f := range files {
		if f.appends && f.content != "" && ok {
			n = min(n, h.AppendRoom(f.path, f.content, n))
		}
	}
	return n
}

// appendTurns makes the appends of n turns carried forward.
func (p *Process) appendTurns(files []file, n int) {
	h, ok := p.host.(AppendHost)
	for _, f := range files {
		if !f.appends || f.content == "" {
			continue
		}
		if ok {
			h.AppendRepeat(f.path, f.content, n)
			continue
		}
		for range n {
			p.host.WriteFile(f.path, f.content, true)
		}
	}
}

// sameSecond returns how many more turns of period steps end before the
// clock's second changes, when the turn that just ended started in this
// second too: the turns that read the clock repeat only that long.
func (p *Process) sameSecond(period int) int {
	now := p.host.Now().Add(p.base + p.cpu())
	start := now.Add(-time.Duration(period) * StepCPU)
	next := now.Truncate(time.Second).Add(time.Second)
	if start.Truncate(time.Second) != now.Truncate(time.Second) {
		return 0
	}
	return int(next.Sub(now)/(time.Duration(period)*StepCPU)) - 1
}

// forward charges n whole turns of period steps, adds n times each
// counter's delta, and logs n times the lines of the turn.
func (p *Process) forward(period, n int, deltas []counter, lines []turnLine) {
	if len(lines) > 0 {
		turn := time.Duration(period) * StepCPU
		out := make([]TimedLine, len(lines))
		for i, l := range lines {
			out[i] = TimedLine{Stream: streamName(l.stream), Text: l.text, After: l.at + turn}
		}
		p.host.(LogHost).LogRepeat(out, n, turn)
		p.logged += n * len(lines)
		p.cycle.marks[len(p.cycle.marks)-1].logged += n * len(lines)
		p.cycle.before.logged += n * len(lines)
	}
	p.steps += n * period
	for _, d := range deltas {
		v, _ := p.lookupVar(d.name)
		x, _ := strconv.ParseInt(v, 10, 64)
		p.setVar(d.name, strconv.FormatInt(x+int64(n)*d.delta, 10), false)
	}
	// The marks stay, moved by the turns charged: the next turn of a loop
	// that repeats is compared with them as if those turns had run.
	p.cycle.marks[len(p.cycle.marks)-1].steps += n * period
	p.cycle.before.steps += n * period
}

// counter is a variable that a loop turn changes by delta.
type counter struct {
	name  string
	delta int64
}

// counters returns the variables that change by the same integer delta
// from a to b and from b to c, when every other variable stays, and none of
// them was read other than in linear arithmetic or an integer test (a
// guard) or by a child process; and how many more turns keep every guard's
// outcome (at most limit).
func counters(a, b, c *mark, limit int) ([]counter, int) {
	if len(a.vars) != len(b.vars) || len(b.vars) != len(c.vars) || b.children || c.children {
		return nil, 0
	}
	var out []counter
	for i := range c.vars {
		va, vb, vc := a.vars[i], b.vars[i], c.vars[i]
		if va.name != vb.name || vb.name != vc.name || va.exported != vc.exported || vb.exported != vc.exported {
			return nil, 0
		}
		if va.value == vb.value && vb.value == vc.value {
			continue
		}
		if vc.exported || slices.Contains(b.ctrlReads, vc.name) || slices.Contains(c.ctrlReads, vc.name) {
			return nil, 0
		}
		xa, okA := decimal(va.value)
		xb, okB := decimal(vb.value)
		xc, okC := decimal(vc.value)
		if !okA || !okB || !okC || xb-xa != xc-xb {
			return nil, 0
		}
		out = append(out, counter{name: vc.name, delta: xc - xb})
	}
	if len(out) == 0 || len(b.guards) != len(c.guards) {
		return nil, 0
	}
	n := limit
	for i := range c.guards {
		n = min(n, c.guards[i].keeps(&b.guards[i], n))
	}
	return out, n
}

// guard is one integer test a turn made (`[ $i -lt 1000 ]`): the values
// it compared and what it found.
type guard struct {
	op   string
	x, y int64
	ok   bool
}

// guardOps are the integer comparisons of test.
var guardOps = []string{"-lt", "-le", "-gt", "-ge", "-eq", "-ne"}

// holds reports whether x op y.
func holds(op string, x, y int64) bool {
	switch op {
	case "-lt":
		return x < y
	case "-le":
		return x <= y
	case "-gt":
		return x > y
	case "-ge":
		return x >= y
	case "-eq":
		return x == y
	}
	return x != y
}

// keeps returns how many more turns (at most limit) this guard, seen as
// prev the turn before, keeps its outcome. What a turn compares moves by
// the same amount every turn (the state does, and the turn is the same),
// so the comparison of turn j is of x+j*dx and y+j*dy: a line, whose
// outcome changes at most once for an order and at one turn for
// equality. Values that would wrap around stop the count short of it.
func (g *guard) keeps(prev *guard, limit int) int {
	if g.op != prev.op || g.ok != prev.ok || holds(g.op, g.x, g.y) != g.ok {
		return 0
	}
	dx, dy := g.x-prev.x, g.y-prev.y
	n := min(int64(limit), room(g.x, dx), room(g.y, dy))
	at := func(j int64) bool { return holds(g.op, g.x+j*dx, g.y+j*dy) == g.ok }
	if at(n) && g.op != "-eq" && g.op != "-ne" {
		return int(n)
	}
	if g.op == "-eq" || g.op == "-ne" {
		// x+j*dx == y+j*dy at j = (y-x)/(dx-dy), if that is a whole turn.
		d := dx - dy
		if d == 0 || (g.y-g.x)%d != 0 {
			return int(n)
		}
		if j := (g.y - g.x) / d; j > 0 && j <= n {
			return int(j - 1)
		}
		return int(n)
	}
	lo, hi := int64(0), n // at(lo) holds, at(hi) does not
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if at(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return int(lo)
}

// room returns how many steps of d x can take before it leaves int64.
func room(x, d int64) int64 {
	switch {
	case d > 0:
		return (math.MaxInt64 - x) / d
	case d < 0:
		return (x - math.MinInt64) / -d
	}
	return math.MaxInt64
}

// decimal parses a variable's value when it is an integer written the
// way arithmetic writes it.
func decimal(s string) (int64, bool) {
	x, err := strconv.ParseInt(s, 10, 64)
	return x, err == nil && strconv.FormatInt(x, 10) == s
}

// snapshot copies the state of the process into m, reusing m's memory.
func (p *Process) snapshot(m *mark, site int, whole bool) {
	c := p.cycle
	*m = mark{
		seq: c.seq, site: site, depth: len(p.frames), steps: p.steps, effects: p.effects, nvars: len(p.vars), logged: p.logged,
		status: p.status, debt: p.debt, fds: p.fds, stdin: p.stdin, partial: p.partial,
		frames: append(m.frames[:0], p.frames...), loops: append(m.loops[:0], p.loops...),
		io: append(m.io[:0], p.io...), vars: append(m.vars[:0], p.vars...),
		args: append(m.args[:0], p.args...), traps: len(p.traps),
		children: c.children, ctrlReads: append(m.ctrlReads[:0], c.ctrlReads...),
		guards: append(m.guards[:0], c.guards...), clock: c.clock, lines: m.lines[:0],
	}
	if p.capture != nil {
		m.capture = len(*p.capture)
	}
	for i := range m.io {
		m.io[i].buf = slices.Clone(m.io[i].buf)
	}
	m.files = m.files[:0]
	for _, path := range c.written {
		if n := c.appendOnly(path); n != nil {
			if whole {
				m.files = append(m.files, file{path: path, content: n.data, appends: true})
			} else {
				m.files = append(m.files, file{path: path, unseen: c.seq})
			}
			continue
		}
		content, _ := p.host.ReadFile(path)
		m.files = append(m.files, file{path: path, content: content})
	}
}

// appendOnly returns the turn's note of a file it only appended to, without
// reading it, or nil.
func (c *cycleState) appendOnly(path string) *appendNote {
	for i := range c.appends {
		if n := &c.appends[i]; n.path == path {
			if n.other || c.children || slices.Contains(c.reads, path) {
				return nil
			}
			return n
		}
	}
	return nil
}

// sameControl reports whether two marks agree in everything but the values
// of variables.
func sameControl(a, b *mark) bool {
	if a.status != b.status || a.debt != b.debt || a.fds != b.fds || a.stdin != b.stdin || a.partial != b.partial ||
		a.traps != b.traps || a.capture != b.capture || !slices.Equal(a.frames, b.frames) || !slices.Equal(a.args, b.args) ||
		!slices.Equal(a.files, b.files) ||
		len(a.loops) != len(b.loops) || len(a.io) != len(b.io) {
		return false
	}
	for i := range a.loops {
		x, y := &a.loops[i], &b.loops[i]
		if x.breakPC != y.breakPC || x.contPC != y.contPC || x.status != y.status || x.next != y.next ||
			x.ioDepth != y.ioDepth || x.frame != y.frame || !slices.Equal(x.items, y.items) {
			return false
		}
	}
	for i := range a.io {
		if a.io[i].fds != b.io[i].fds || a.io[i].stdin != b.io[i].stdin || string(a.io[i].buf) != string(b.io[i].buf) {
			return false
		}
	}
	return true
}

// guardShape reports whether a command is an integer test of two words
// that are each a variable ($i, "${n}") or a number: `[ $i -lt 1000 ]`,
// `test "$n" -ne 0`. Its reads of those variables are a guard's, not
// control: see counters.
func guardShape(c *simpleCommand) bool {
	ws := c.words
	if len(c.assigns) > 0 || len(c.redirs) > 0 {
		return false
	}
	switch name, _ := wordText(ws, 0); {
	case name == "[" && len(ws) == 5:
		if t, _ := wordText(ws, 4); t != "]" {
			return false
		}
	case name == "test" && len(ws) == 4:
	default:
		return false
	}
	op, _ := wordText(ws, 2)
	return slices.Contains(guardOps, op) && operand(ws[1]) && operand(ws[3])
}

// wordText returns the text of word i when it is a plain literal.
func wordText(ws []*word, i int) (string, bool) {
	if i >= len(ws) || len(ws[i].parts) != 1 || ws[i].parts[0].kind != partLit {
		return "", false
	}
	return ws[i].parts[0].text, true
}

// operand reports whether a word is one variable or a literal number.
func operand(w *word) bool {
	if len(w.parts) != 1 {
		return false
	}
	part := w.parts[0]
	switch part.kind {
	case partParam:
		return part.op == "" && validName(part.text)
	case partLit:
		_, ok := decimal(part.text)
		return ok
	}
	return false
}

// maxGuards bounds the guards noted in one turn; past it, tests read for
// control.
const maxGuards = 8

// noteGuard records the outcome of a guard-shaped test whose expanded
// words are argv; when its operands are not both integers (the test then
// fails with an error) or there are too many, its variables count as read
// for control.
func (p *Process) noteGuard(c *simpleCommand, argv []string, status int) {
	cs := p.cycle
	if len(argv) < 4 {
		return
	}
	x, okX := decimal(argv[1])
	y, okY := decimal(argv[3])
	if okX && okY && len(cs.guards) < maxGuards {
		cs.guards = append(cs.guards, guard{op: argv[2], x: x, y: y, ok: status == 0})
		return
	}
	for _, w := range []*word{c.words[1], c.words[3]} {
		if w.parts[0].kind == partParam {
			cs.readVar(w.parts[0].text)
		}
	}
}
