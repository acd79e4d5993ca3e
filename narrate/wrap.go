package narrate

import "strings"

// wrap breaks line into lines of at most width characters at spaces, the
// continuation lines indented by the width of the line's first word (its
// time) and a space, so the times stay in a column of their own. A word
// longer than the room left stands on a line of its own, unbroken.
func wrap(line string, width int) string {
	words := strings.Fields(line)
	if len(words) == 0 || len([]rune(line)) <= width {
		return line
	}
	indent := strings.Repeat(" ", len(words[0])+1)
	if len(indent) >= width/2 {
		indent = "  "
	}
	var b strings.Builder
	col := 0
	for i, w := range words {
		n := len([]rune(w))
		switch {
		case i == 0:
		case col+1+n > width:
			b.WriteString("\n" + indent)
			col = len(indent)
			b.WriteString(w)
			col += n
			continue
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += n
	}
	return b.String()
}
