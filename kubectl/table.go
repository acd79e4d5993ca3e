package kubectl

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Column alignment of kubectl's human-readable output
// (k8s.io/cli-runtime/pkg/printers GetNewTabWriter), the same as
// `kubectl get pods` uses.
const (
	tabMinWidth = 6
	tabWidth    = 4
	tabPadding  = 3
	tabPadChar  = ' '
)

// none is what kubectl prints for an empty cell.
const none = "<none>"

// Table is one `kubectl get` view as cells: the header, and one row of
// cells per object. The last Wide columns are the ones only `-o wide`
// shows; a table made for the API server's server-side printing holds
// them all, and kubectl hides them unless asked.
type Table struct {
	Header []string
	Rows   [][]string
	Wide   int
}

// makeTable returns the table of n items: header, and wideHeader after it
// when wide is set; row returns the cells of item i (the wide cells
// included when wide) or an error for bad input. It returns the first
// error.
func makeTable(header, wideHeader []string, wide bool, n int, row func(i int) ([]string, error)) (Table, error) {
	t := Table{Header: header}
	if wide {
		t.Header = append(append([]string(nil), header...), wideHeader...)
		t.Wide = len(wideHeader)
	}
	t.Rows = make([][]string, 0, n)
	for i := 0; i < n; i++ {
		cells, err := row(i)
		if err != nil {
			return Table{}, err
		}
		t.Rows = append(t.Rows, cells)
	}
	return t, nil
}

// Write writes the table to w, cells joined by tabs and aligned as kubectl
// aligns them. It returns the first error from writing to w.
func (t Table) Write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, tabMinWidth, tabWidth, tabPadding, tabPadChar, 0)
	if _, err := fmt.Fprintln(tw, strings.Join(t.Header, "\t")); err != nil {
		return err
	}
	for _, cells := range t.Rows {
		if _, err := fmt.Fprintln(tw, strings.Join(cells, "\t")); err != nil {
			return err
		}
	}
	return tw.Flush()
}

// missing returns the error for a nil object at path.
func missing(path *field.Path, kind string) error {
	return field.Required(path, "a "+kind+" is required, got nil")
}

// containerCells returns the CONTAINERS and IMAGES cells of `-o wide`:
// names and images joined by commas.
// Reference: printers.go layoutContainerCells.
func containerCells(containers []corev1.Container) (names, images string) {
	n := make([]string, len(containers))
	im := make([]string, len(containers))
	for i, c := range containers {
		n[i], im[i] = c.Name, c.Image
	}
	return strings.Join(n, ","), strings.Join(im, ",")
}

// orNone returns s, or "<none>" when s is empty.
func orNone(s string) string {
	if s == "" {
		return none
	}
	return s
}

// itoa64 returns n in decimal.
func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
