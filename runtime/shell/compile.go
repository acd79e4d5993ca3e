package shell

// The compiler flattens the syntax tree into a list of instructions with
// jumps, like a tiny virtual machine. A running Process is then only a program
// counter and a few small stacks, so it can stop in the middle of a loop when a
// command sleeps and carry on at the next Run.

// opcode is one instruction of the shell machine.
type opcode uint8

const (
	opCmd        opcode = iota // run the simple command cmd
	opJump                     // go to target
	opJumpIfFail               // go to target when $? != 0
	opJumpIfOK                 // go to target when $? == 0
	opNot                      // $? = !$?
	opStatus0                  // $? = 0 (an if with no branch taken)
	opRedirPush                // apply redirs for a compound command
	opRedirPop                 // undo the last opRedirPush
	opPipeStart                // send stdout of the next stage into a pipe buffer
	opPipeNext                 // the buffer becomes stdin; a new buffer catches stdout
	opPipeLast                 // the buffer becomes stdin; stdout goes back to where it was
	opPipeEnd                  // restore stdin
	opLoopPush                 // enter a loop: break goes to target, continue to target2
	opLoopSave                 // remember the body's status as the loop's status
	opLoopPop                  // leave a loop; $? = the loop's status
	opForNext                  // next item into name, or go to target when done
	opDefun                    // define the function fn
)

// instr is one instruction. Only the fields its opcode needs are set.
type instr struct {
	op      opcode
	target  int
	target2 int
	cmd     *simpleCommand
	redirs  []redirection
	loop    *forCommand // opLoopPush of a for loop: the items to expand
	fn      *funcDef    // opDefun: the function
}

// compiler appends instructions for each node.
type compiler struct {
	code []instr
}

func compile(root *list) []instr {
	c := &compiler{}
	c.list(root)
	return c.code
}

func (c *compiler) emit(in instr) int {
	c.code = append(c.code, in)
	return len(c.code) - 1
}

// here returns the index of the next instruction, for jump targets.
func (c *compiler) here() int { return len(c.code) }

func (c *compiler) list(l *list) {
	for _, ao := range l.items {
		c.andOr(ao)
	}
}

// andOr compiles `a && b || c`: each operator skips its right-hand pipeline
// when the status so far already decides it.
func (c *compiler) andOr(ao *andOr) {
	c.pipeline(ao.first)
	for i, op := range ao.ops {
		jop := opJumpIfFail
		if op == "||" {
			jop = opJumpIfOK
		}
		j := c.emit(instr{op: jop})
		c.pipeline(ao.rest[i])
		c.code[j].target = c.here()
	}
}

func (c *compiler) pipeline(pl *pipeline) {
	if len(pl.cmds) == 1 {
		c.command(pl.cmds[0])
	} else {
		c.emit(instr{op: opPipeStart})
		for i, cmd := range pl.cmds {
			if i > 0 {
				op := opPipeNext
				if i == len(pl.cmds)-1 {
					op = opPipeLast
				}
				c.emit(instr{op: op})
			}
			c.command(cmd)
		}
		c.emit(instr{op: opPipeEnd})
	}
	if pl.not {
		c.emit(instr{op: opNot})
	}
}

// withRedirs wraps body in opRedirPush/opRedirPop when redirs is not empty.
func (c *compiler) withRedirs(redirs []redirection, body func()) {
	if len(redirs) > 0 {
		c.emit(instr{op: opRedirPush, redirs: redirs})
	}
	body()
	if len(redirs) > 0 {
		c.emit(instr{op: opRedirPop})
	}
}

func (c *compiler) command(cmd command) {
	switch n := cmd.(type) {
	case *simpleCommand:
		c.emit(instr{op: opCmd, cmd: n})
	case *groupCommand:
		c.withRedirs(n.redirs, func() { c.list(n.body) })
	case *ifCommand:
		c.withRedirs(n.redirs, func() { c.ifCommand(n) })
	case *loopCommand:
		c.withRedirs(n.redirs, func() { c.loopCommand(n) })
	case *forCommand:
		c.withRedirs(n.redirs, func() { c.forCommand(n) })
	case *funcDef:
		c.emit(instr{op: opDefun, fn: n})
	}
}

func (c *compiler) ifCommand(n *ifCommand) {
	var toEnd []int
	for i, cond := range n.conds {
		c.list(cond)
		skip := c.emit(instr{op: opJumpIfFail})
		c.list(n.bodies[i])
		toEnd = append(toEnd, c.emit(instr{op: opJump}))
		c.code[skip].target = c.here()
	}
	if n.elseBody != nil {
		c.list(n.elseBody)
	} else {
		c.emit(instr{op: opStatus0})
	}
	for _, j := range toEnd {
		c.code[j].target = c.here()
	}
}

// loopCommand compiles while/until:
//
//	push(break=pop, continue=top); top: cond; exit-jump pop; body; save; jump top; pop
func (c *compiler) loopCommand(n *loopCommand) {
	push := c.emit(instr{op: opLoopPush})
	top := c.here()
	c.list(n.cond)
	exitOp := opJumpIfFail
	if n.until {
		exitOp = opJumpIfOK
	}
	exit := c.emit(instr{op: exitOp})
	c.list(n.body)
	c.emit(instr{op: opLoopSave})
	c.emit(instr{op: opJump, target: top})
	pop := c.emit(instr{op: opLoopPop})
	c.code[exit].target = pop
	c.code[push].target, c.code[push].target2 = pop, top
}

// forCommand compiles: push(items); top: next-or-jump pop; body; save; jump top; pop
func (c *compiler) forCommand(n *forCommand) {
	push := c.emit(instr{op: opLoopPush, loop: n})
	top := c.emit(instr{op: opForNext, loop: n})
	c.list(n.body)
	c.emit(instr{op: opLoopSave})
	c.emit(instr{op: opJump, target: top})
	pop := c.emit(instr{op: opLoopPop})
	c.code[top].target = pop
	c.code[push].target, c.code[push].target2 = pop, top
}
