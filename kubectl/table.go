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

// printTable writes header and then one row per item, cells joined by tabs
// and aligned as kubectl aligns them. wideHeader is appended when wide is
// set; row returns the cells of item i (the wide cells included when wide)
// or an error for bad input. It returns the first error.
func printTable(w io.Writer, header, wideHeader []string, wide bool, n int, row func(i int) ([]string, error)) error {
	tw := tabwriter.NewWriter(w, tabMinWidth, tabWidth, tabPadding, tabPadChar, 0)
	if wide {
		header = append(append([]string(nil), header...), wideHeader...)
	}
	if _, err := fmt.Fprintln(tw, strings.Join(header, "\t")); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		cells, err := row(i)
		if err != nil {
			return err
		}
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
