package runtime

import "strings"

// appendFile returns old with content appended, for the file at p. A file
// that a program keeps appending to (`echo line >> /tmp/log` in a loop)
// grows in place, in a builder of its own, so that each append costs the
// bytes it adds, not a copy of the whole file.
func (c *container) appendFile(p, old, content string) string {
	if c.appends == nil {
		c.appends = map[string]*strings.Builder{}
	}
	b, ok := c.appends[p]
	if !ok || b.Len() != len(old) || b.String() != old {
		// A new file, or one written some other way since: start again
		// from what it holds.
		b = &strings.Builder{}
		b.WriteString(old)
		c.appends[p] = b
	}
	b.WriteString(content)
	return b.String()
}

// forgetFile drops the builder of a file that is removed or truncated.
func (c *container) forgetFile(p string) {
	delete(c.appends, p)
}
