package manifest

import (
	"strconv"
	"strings"
)

// Error is one problem found in a manifest: a typo in a field name, a
// duplicate key, a value of the wrong type, an unknown kind. It names the
// file, the line where the problem sits (when it is known) and the field
// path, like `pod.yaml:7: spec.containerz: unknown field`.
type Error struct {
	// File is the name the caller gave to Decode.
	File string
	// Line is the 1-based line of the offending field, or 0 when unknown.
	Line int
	// Path is the field path from the top of the document, in the same
	// dotted form kubectl uses (spec.containers[0].image); empty when the
	// problem concerns the whole document.
	Path string
	// Reason says what is wrong, in one line.
	Reason string
}

// Error returns the problem as one line: FILE:LINE: PATH: REASON, leaving
// out the line or the path when they are not known.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":")
		b.WriteString(strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(oneLine(e.Reason))
	return b.String()
}

// Warning names a real Kubernetes field that the manifest sets but nucleus
// does not simulate. The object is still accepted; the field has no effect.
type Warning struct {
	// File is the name the caller gave to Decode.
	File string
	// Line is the 1-based line of the field, or 0 when unknown.
	Line int
	// Path is the field path, e.g. spec.volumes.
	Path string
	// Message says what happens to the field.
	Message string
}

// String returns the warning as one line: FILE:LINE: PATH: MESSAGE.
func (w Warning) String() string {
	e := Error{File: w.File, Line: w.Line, Path: w.Path, Reason: w.Message}
	return e.Error()
}

// notSimulated is the message of every Warning.
const notSimulated = "not simulated by nucleus; ignored"

// oneLine folds a multi-line message into one line.
func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\r", "")
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

// joinPath appends a field name to a dotted path.
func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// indexPath appends an array index to a dotted path.
func indexPath(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}
