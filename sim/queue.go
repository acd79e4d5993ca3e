package sim

// timer is one scheduled callback. Timers are recycled once they have run or
// been cancelled, so a Handle carries the sequence number it was issued with
// and is only honoured while the timer still holds it.
type timer struct {
	at    Time
	seq   uint64
	fn    func()
	index int // position in the queue, or -1 when not queued
}

// before reports whether a runs before b: earlier time first, then earlier
// scheduling.
func (a *timer) before(b *timer) bool {
	if a.at != b.at {
		return a.at < b.at
	}
	return a.seq < b.seq
}

// queue is a binary min-heap of timers ordered by (at, seq). It is written
// out by hand, rather than through container/heap, so that pushing and
// popping allocate nothing.
type queue []*timer

func (q *queue) push(t *timer) {
	t.index = len(*q)
	*q = append(*q, t)
	q.up(t.index)
}

// pop removes and returns the first timer. The queue must not be empty.
func (q *queue) pop() *timer {
	h := *q
	first := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h[0].index = 0
	h[last] = nil
	*q = h[:last]
	if last > 0 {
		q.down(0)
	}
	first.index = -1
	return first
}

// remove takes the timer at position i out of the queue.
func (q *queue) remove(i int) {
	h := *q
	last := len(h) - 1
	t := h[i]
	if i != last {
		h[i] = h[last]
		h[i].index = i
	}
	h[last] = nil
	*q = h[:last]
	if i != last {
		if !q.down(i) {
			q.up(i)
		}
	}
	t.index = -1
}

func (q queue) up(i int) {
	t := q[i]
	for i > 0 {
		parent := (i - 1) / 2
		p := q[parent]
		if !t.before(p) {
			break
		}
		q[i] = p
		p.index = i
		i = parent
	}
	q[i] = t
	t.index = i
}

// down sifts the timer at i towards the leaves and reports whether it moved.
func (q queue) down(i int) bool {
	start := i
	t := q[i]
	n := len(q)
	for {
		child := 2*i + 1
		if child >= n {
			break
		}
		if right := child + 1; right < n && q[right].before(q[child]) {
			child = right
		}
		c := q[child]
		if !c.before(t) {
			break
		}
		q[i] = c
		c.index = i
		i = child
	}
	q[i] = t
	t.index = i
	return i != start
}
