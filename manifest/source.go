package manifest

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	yamlv3 "go.yaml.in/yaml/v3"
	"sigs.k8s.io/yaml"
)

// chunk is the text of one YAML document of a file, and the file line its
// text starts on.
type chunk struct {
	data []byte
	line int
}

// source is one parsed document: its JSON form, which the typed decoding
// reads, and its YAML node tree, which knows the line of every field.
type source struct {
	file string
	json []byte
	root *yamlv3.Node // the document's top node; nil when lines are unknown
	// lineOffset turns a line inside the chunk into a line of the file.
	lineOffset int
	// start is the file line where the document's content begins.
	start int
}

// splitDocuments cuts a file into YAML documents at separator lines, the
// way Kubernetes' YAML reader does: a line that starts with "---" followed
// by nothing but spaces or a comment.
func splitDocuments(data []byte) []chunk {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	lines := bytes.SplitAfter(data, []byte("\n"))
	var chunks []chunk
	start := 0
	for i, l := range lines {
		if !isSeparator(l) {
			continue
		}
		chunks = append(chunks, chunk{data: bytes.Join(lines[start:i], nil), line: start + 1})
		start = i + 1
	}
	if start < len(lines) {
		chunks = append(chunks, chunk{data: bytes.Join(lines[start:], nil), line: start + 1})
	}
	return chunks
}

// isSeparator reports whether a line separates two YAML documents.
func isSeparator(line []byte) bool {
	rest, ok := bytes.CutPrefix(line, []byte("---"))
	if !ok {
		return false
	}
	rest = bytes.TrimSpace(rest)
	return len(rest) == 0 || rest[0] == '#'
}

// yamlLine finds "line N" in the YAML parser's messages.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// parseChunk turns one document into a source. It returns nil for an empty
// document (only blanks and comments), and an *Error for text that is not
// valid YAML or JSON, or that repeats a key.
func parseChunk(file string, c chunk) (*source, error) {
	trimmed := bytes.TrimSpace(c.data)
	if len(trimmed) == 0 {
		return nil, nil
	}
	src := &source{file: file, lineOffset: c.line - 1, start: c.line}
	var node yamlv3.Node
	yamlErr := yamlv3.Unmarshal(c.data, &node)
	if yamlErr == nil && len(node.Content) > 0 {
		src.root = node.Content[0]
		src.start = src.root.Line + src.lineOffset
	}
	if trimmed[0] == '{' && json.Valid(trimmed) {
		// JSON is used as written; its duplicate keys are caught by the
		// strict decoding, which sees them.
		src.json = trimmed
		return src, nil
	}
	if yamlErr != nil {
		return nil, src.yamlError(yamlErr)
	}
	if src.root == nil {
		return nil, nil
	}
	if path, line, dup := findDuplicate(src.root, ""); dup {
		return nil, &Error{File: file, Line: line + src.lineOffset, Path: path, Reason: "duplicate field"}
	}
	if path, line, bad := findNonFinite(src.root, ""); bad {
		return nil, &Error{File: file, Line: line + src.lineOffset, Path: path,
			Reason: "Invalid value: infinity or NaN: must be a finite number (JSON, and so Kubernetes, has no infinity or NaN)"}
	}
	js, err := yaml.YAMLToJSON(c.data)
	if err != nil {
		return nil, src.yamlError(err)
	}
	if string(bytes.TrimSpace(js)) == "null" {
		return nil, nil
	}
	src.json = js
	return src, nil
}

// yamlError turns a YAML parser error into an *Error with a file line.
func (s *source) yamlError(err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "error converting YAML to JSON: ")
	e := &Error{File: s.file, Line: s.start, Reason: "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		e.Line = n + s.lineOffset
		e.Reason = "invalid YAML: " + msg[len(m[0]):]
	}
	return e
}

// line returns the file line of the field at path (dotted, with [i]
// indexes), or of its deepest ancestor found in the document; 0 when the
// document has no node tree.
func (s *source) line(path string) int {
	if s.root == nil {
		return 0
	}
	n := s.root
	line := n.Line
	rest := path
	for rest != "" {
		n = resolveAlias(n)
		if n == nil {
			break
		}
		if rest[0] == '[' {
			end := strings.IndexByte(rest, ']')
			i, err := strconv.Atoi(rest[1:max(end, 1)])
			if end < 0 || err != nil || n.Kind != yamlv3.SequenceNode || i < 0 || i >= len(n.Content) {
				break
			}
			n = n.Content[i]
			line = n.Line
			rest = strings.TrimPrefix(rest[end+1:], ".")
			continue
		}
		key, value := matchKey(n, rest)
		if key == nil {
			break
		}
		line = key.Line
		n = value
		rest = strings.TrimPrefix(rest[len(key.Value):], ".")
	}
	return line + s.lineOffset
}

// matchKey finds, in a mapping node, the longest key that starts the path
// (keys may hold dots, like app.kubernetes.io/name), and returns the key
// node and its value node.
func matchKey(n *yamlv3.Node, path string) (*yamlv3.Node, *yamlv3.Node) {
	if n.Kind != yamlv3.MappingNode {
		return nil, nil
	}
	var key, value *yamlv3.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		rest, ok := strings.CutPrefix(path, k)
		if !ok || (rest != "" && rest[0] != '.' && rest[0] != '[') {
			continue
		}
		if key == nil || len(k) > len(key.Value) {
			key, value = n.Content[i], n.Content[i+1]
		}
	}
	return key, value
}

// resolveAlias follows a YAML alias (*name) to the node it names.
func resolveAlias(n *yamlv3.Node) *yamlv3.Node {
	for depth := 0; n != nil && n.Kind == yamlv3.AliasNode && depth < 8; depth++ {
		n = n.Alias
	}
	return n
}

// findDuplicate returns the path and chunk line of the first key that a
// mapping repeats, walking the tree in document order.
func findDuplicate(n *yamlv3.Node, path string) (string, int, bool) {
	return findNode(n, path, func(n *yamlv3.Node, path string) (string, int, bool) {
		if n.Kind != yamlv3.MappingNode {
			return "", 0, false
		}
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Kind == yamlv3.ScalarNode && k.Value != "<<" {
				if seen[k.Value] {
					return joinPath(path, k.Value), k.Line, true
				}
				seen[k.Value] = true
			}
		}
		return "", 0, false
	})
}

// findNonFinite returns the path and line of the first number that JSON
// cannot hold, and so no Kubernetes field: YAML's .inf, -.inf and .nan.
func findNonFinite(n *yamlv3.Node, path string) (string, int, bool) {
	return findNode(n, path, func(n *yamlv3.Node, path string) (string, int, bool) {
		if n.Kind != yamlv3.ScalarNode || n.ShortTag() != "!!float" {
			return "", 0, false
		}
		v := strings.ToLower(strings.TrimLeft(n.Value, "+-"))
		return path, n.Line, v == ".inf" || v == ".nan"
	})
}

// findNode walks the node tree depth first, in document order, and
// returns the first path and line at which visit finds something.
func findNode(n *yamlv3.Node, path string, visit func(*yamlv3.Node, string) (string, int, bool)) (string, int, bool) {
	if p, l, ok := visit(n, path); ok {
		return p, l, true
	}
	switch n.Kind {
	case yamlv3.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if p, l, ok := findNode(n.Content[i+1], joinPath(path, n.Content[i].Value), visit); ok {
				return p, l, true
			}
		}
	case yamlv3.SequenceNode:
		for i, c := range n.Content {
			if p, l, ok := findNode(c, indexPath(path, i), visit); ok {
				return p, l, true
			}
		}
	}
	return "", 0, false
}
