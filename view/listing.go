package view

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/events"
)

// Source is what a `get` reads: the chain stopped at its instant, and the
// logbook of Events kept from time zero.
type Source struct {
	Cluster *cluster.Cluster
	Log     *events.Log
}

// Now returns the instant the chain stopped at, on the wall clock.
func (s Source) Now() time.Time { return s.Cluster.Now().Wall() }

// Scope is the namespace a command looks in: one namespace, or every one
// (-A, --all-namespaces).
type Scope struct {
	Namespace string
	All       bool
}

// Holds reports whether an object in namespace ns is in the scope.
func (sc Scope) Holds(ns string) bool { return sc.All || ns == sc.Namespace }

// InScope returns the objects of objs whose namespace is in sc, in order.
func InScope[T metav1.Object](objs []T, sc Scope) []T {
	var out []T
	for _, o := range objs {
		if sc.Holds(o.GetNamespace()) {
			out = append(out, o)
		}
	}
	return out
}

// EmptyMessage returns kubectl's message for an empty table in sc:
// "No resources found" for every namespace or a cluster-scoped kind,
// "No resources found in NS namespace." otherwise.
func (sc Scope) EmptyMessage(namespaced bool) string {
	if sc.All || !namespaced {
		return NoResources("")
	}
	return NoResources(sc.Namespace)
}

// NoResources returns kubectl's message for an empty table.
func NoResources(namespace string) string {
	if namespace == "" {
		return "No resources found"
	}
	return fmt.Sprintf("No resources found in %s namespace.", namespace)
}

// Listing is what `get` prints for one kind of object: the objects, as
// kubectl's -o json and -o yaml print them, and their table.
type Listing struct {
	// APIVersion and Kind name each item of a -o json|yaml List.
	APIVersion, Kind string
	// Namespaced is false for cluster-scoped kinds (Nodes).
	Namespaced bool
	Items      []metav1.Object
	// Table writes the items as kubectl's table, wide or not; all is -A,
	// and the table adds its own NAMESPACE column when OwnNamespaceColumn
	// (otherwise WriteTable adds one).
	Table              func(w io.Writer, wide, all bool) error
	OwnNamespaceColumn bool
}

// WriteTable writes v's table as `kubectl get` does in scope sc, with a
// NAMESPACE column first for -A; an empty table is kubectl's "No
// resources found" line on errOut instead.
func (v Listing) WriteTable(out, errOut io.Writer, wide bool, sc Scope) error {
	switch {
	case len(v.Items) == 0:
		_, err := fmt.Fprintln(errOut, sc.EmptyMessage(v.Namespaced))
		return err
	case sc.All && v.Namespaced && !v.OwnNamespaceColumn:
		return v.tableWithNamespaces(out, wide)
	}
	return v.Table(out, wide, sc.All && v.Namespaced)
}

// tableWithNamespaces writes v's table with kubectl's NAMESPACE column in
// front, as `kubectl get -A` prints it.
func (v Listing) tableWithNamespaces(w io.Writer, wide bool) error {
	var buf bytes.Buffer
	if err := v.Table(&buf, wide, true); err != nil {
		return err
	}
	namespaces := make([]string, len(v.Items))
	for i, o := range v.Items {
		namespaces[i] = o.GetNamespace()
	}
	out, err := PrependColumn(buf.String(), "NAMESPACE", namespaces)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, out)
	return err
}

// WriteTables writes the tables of several types as `kubectl get
// TYPE,TYPE...` does: one table for each listing that has objects, with a
// blank line between them, names qualified by the type (`pod/web`,
// `deployment.apps/web`) when more than one type was asked (qualify) and
// the table has a NAME column;
// kubectl's "No resources found" on errOut when none has any. namespaced
// says whether any type asked for is namespaced, for that message.
func WriteTables(out, errOut io.Writer, ls []Listing, qualify, namespaced, wide bool, sc Scope) error {
	var shows []Listing
	for _, v := range ls {
		if len(v.Items) > 0 {
			shows = append(shows, v)
		}
	}
	if len(shows) == 0 {
		_, err := fmt.Fprintln(errOut, sc.EmptyMessage(namespaced))
		return err
	}
	for i, v := range shows {
		if i > 0 {
			fmt.Fprintln(out)
		}
		var buf bytes.Buffer
		if err := v.WriteTable(&buf, errOut, wide, sc); err != nil {
			return err
		}
		table := buf.String()
		if qualify && hasNameColumn(table) {
			var err error
			if table, err = QualifyNames(table, v.Qualifier()); err != nil {
				return err
			}
		}
		if _, err := io.WriteString(out, table); err != nil {
			return err
		}
	}
	return nil
}

// hasNameColumn reports whether table's header has a NAME column, which a
// get of several types prefixes with the kind. The Events table has none
// (its NAME column is one of -o wide's), and is printed as it is.
func hasNameColumn(table string) bool {
	header, _, _ := strings.Cut(table, "\n")
	for _, c := range columnStart.FindAllString(header, -1) {
		if c == "NAME" {
			return true
		}
	}
	return false
}

// Qualifier returns how kubectl prefixes the names of v's kind: the kind
// in lower case, with its API group when it has one ("deployment.apps/").
func (v Listing) Qualifier() string {
	q := strings.ToLower(v.Kind)
	if group, _, ok := strings.Cut(v.APIVersion, "/"); ok {
		q += "." + group
	}
	return q + "/"
}

// TablePadding is the space kubectl's tab writer leaves after the widest
// cell of a column (cli-runtime printers GetNewTabWriter).
const TablePadding = 3

// columnStart finds where each column of a table's header begins: a
// header word follows two or more spaces (a header may hold one space, as
// NODE SELECTOR does).
var columnStart = regexp.MustCompile(`\S+( \S+)*`)

// QualifyNames returns table with prefix before every cell of its NAME
// column, the column widened to fit.
func QualifyNames(table, prefix string) (string, error) {
	lines := strings.SplitAfter(table, "\n")
	if len(lines) == 0 {
		return table, nil
	}
	cols := columnStart.FindAllStringIndex(lines[0], -1)
	at := -1
	for i, c := range cols {
		if lines[0][c[0]:c[1]] == "NAME" {
			at = i
		}
	}
	if at < 0 || at+1 >= len(cols) {
		return "", fmt.Errorf("qualifyNames: no NAME column followed by another in %q", lines[0])
	}
	start, end := cols[at][0], cols[at+1][0]
	cells := make([]string, len(lines))
	width := 0
	for i, line := range lines {
		if len(line) < end {
			continue
		}
		cells[i] = strings.TrimRight(line[start:end], " ")
		if i > 0 {
			cells[i] = prefix + cells[i]
		}
		width = max(width, len(cells[i]))
	}
	var b strings.Builder
	for i, line := range lines {
		if len(line) < end {
			b.WriteString(line)
			continue
		}
		fmt.Fprintf(&b, "%s%-*s%s", line[:start], width+TablePadding, cells[i], line[end:])
	}
	return b.String(), nil
}

// PrependColumn returns table (a header line and one line per row, as
// kubectl aligns them) with a new first column: header over cells, one cell
// per row. kubectl pads every column to its widest cell plus three spaces,
// and one column's width does not change another's, so this is exactly the
// table kubectl prints with the column in it (as NAMESPACE with -A). It
// returns an error when the rows and cells do not match.
func PrependColumn(table, header string, cells []string) (string, error) {
	lines := strings.SplitAfter(table, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) != len(cells)+1 {
		return "", fmt.Errorf("prependColumn: %d table lines for %d cells", len(lines), len(cells))
	}
	column := append([]string{header}, cells...)
	width := 0
	for _, c := range column {
		width = max(width, utf8.RuneCountInString(c))
	}
	var b strings.Builder
	for i, line := range lines {
		b.WriteString(column[i])
		b.WriteString(strings.Repeat(" ", width+TablePadding-utf8.RuneCountInString(column[i])))
		b.WriteString(line)
	}
	return b.String(), nil
}
