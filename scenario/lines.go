package scenario

import (
	"bytes"
	"strconv"
	"strings"

	yamlv3 "go.yaml.in/yaml/v3"
)

// lineIndex finds the file line of a field of one YAML document, by its
// dotted path (spec.actions[2].at), so that problems found after decoding
// name their line as decoding errors do.
type lineIndex struct {
	root   *yamlv3.Node // the document's top node
	offset int          // lines of the file before the document's text
}

// documentAt returns the lineIndex of the document of data whose content
// starts on file line start, or nil when there is none.
func documentAt(data []byte, start int) *lineIndex {
	lines := bytes.SplitAfter(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), []byte("\n"))
	from := 0
	for i := 0; i <= len(lines); i++ {
		if i < len(lines) && !isSeparator(lines[i]) {
			continue
		}
		if idx := parseDocument(bytes.Join(lines[from:i], nil), from); idx != nil && idx.root.Line+idx.offset == start {
			return idx
		}
		from = i + 1
	}
	return nil
}

// parseDocument parses one document's text, which starts after offset
// lines of the file.
func parseDocument(text []byte, offset int) *lineIndex {
	var n yamlv3.Node
	if err := yamlv3.Unmarshal(text, &n); err != nil || len(n.Content) == 0 {
		return nil
	}
	return &lineIndex{root: n.Content[0], offset: offset}
}

// isSeparator reports whether a line separates two YAML documents: "---"
// followed by nothing but blanks or a comment.
func isSeparator(line []byte) bool {
	rest, ok := bytes.CutPrefix(line, []byte("---"))
	if !ok {
		return false
	}
	rest = bytes.TrimSpace(rest)
	return len(rest) == 0 || rest[0] == '#'
}

// line returns the file line of the field at path, or of its deepest
// ancestor present; 0 when x is nil.
func (x *lineIndex) line(path string) int {
	if x == nil {
		return 0
	}
	n, line, rest := x.root, x.root.Line, path
	for rest != "" && n != nil {
		for depth := 0; n != nil && n.Kind == yamlv3.AliasNode && depth < 8; depth++ {
			n = n.Alias
		}
		if n == nil {
			break
		}
		if rest[0] == '[' {
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				break
			}
			i, err := strconv.Atoi(rest[1:end])
			if err != nil || n.Kind != yamlv3.SequenceNode || i < 0 || i >= len(n.Content) {
				break
			}
			n, line = n.Content[i], n.Content[i].Line
			rest = strings.TrimPrefix(rest[end+1:], ".")
			continue
		}
		key, value := childKey(n, rest)
		if key == nil {
			break
		}
		n, line = value, key.Line
		rest = strings.TrimPrefix(rest[len(key.Value):], ".")
	}
	return line + x.offset
}

// childKey finds, in a mapping node, the longest key that begins path.
func childKey(n *yamlv3.Node, path string) (*yamlv3.Node, *yamlv3.Node) {
	if n.Kind != yamlv3.MappingNode {
		return nil, nil
	}
	var key, value *yamlv3.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		rest, ok := strings.CutPrefix(path, n.Content[i].Value)
		if !ok || (rest != "" && rest[0] != '.' && rest[0] != '[') {
			continue
		}
		if key == nil || len(n.Content[i].Value) > len(key.Value) {
			key, value = n.Content[i], n.Content[i+1]
		}
	}
	return key, value
}
