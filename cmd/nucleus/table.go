package main

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// tablePadding is the space kubectl's tab writer leaves after the widest
// cell of a column (cli-runtime printers GetNewTabWriter).
const tablePadding = 3

// prependColumn returns table (a header line and one line per row, as
// kubectl aligns them) with a new first column: header over cells, one cell
// per row. kubectl pads every column to its widest cell plus three spaces,
// and one column's width does not change another's, so this is exactly the
// table kubectl prints with the column in it (as NAMESPACE with -A). It
// returns an error when the rows and cells do not match.
func prependColumn(table, header string, cells []string) (string, error) {
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
		b.WriteString(strings.Repeat(" ", width+tablePadding-utf8.RuneCountInString(column[i])))
		b.WriteString(line)
	}
	return b.String(), nil
}
