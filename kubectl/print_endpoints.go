//lint:file-ignore SA1019 v1 Endpoints is served on purpose

package kubectl

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// EndpointsTable returns the table `kubectl get endpoints` shows at time
// now, as the API server's server-side printing makes it: NAME ENDPOINTS
// AGE. ENDPOINTS lists the ready addresses as ip:port (a bare ip in a
// subset without ports), the first three and then " + N more...";
// <none> for an Endpoints with no subsets, and nothing for one whose
// addresses are all not ready. It returns an error naming a nil
// Endpoints.
// Reference: pkg/printers/internalversion/printers.go printEndpoints,
// formatEndpoints.
func EndpointsTable(eps []*corev1.Endpoints, now time.Time) (Table, error) {
	header := []string{"NAME", "ENDPOINTS", "AGE"}
	return makeTable(header, nil, false, len(eps), func(i int) ([]string, error) {
		ep := eps[i]
		if ep == nil {
			return nil, missing(field.NewPath("endpoints").Index(i), "Endpoints")
		}
		return []string{ep.Name, endpointsCell(ep), since(ep.CreationTimestamp, now)}, nil
	})
}

// endpointsCell returns the ENDPOINTS cell of one Endpoints object. Like
// kubectl, it counts every ready address of every port and marks the
// list as longer once a fourth is looked at.
func endpointsCell(ep *corev1.Endpoints) string {
	if len(ep.Subsets) == 0 {
		return none
	}
	var list []string
	more, count := false, 0
	add := func(addrs []corev1.EndpointAddress, port string) {
		count += len(addrs)
		for _, a := range addrs {
			if len(list) == maxListed {
				more = true
				return
			}
			if port == "" {
				list = append(list, a.IP)
			} else {
				list = append(list, net.JoinHostPort(a.IP, port))
			}
		}
	}
	for _, ss := range ep.Subsets {
		if len(ss.Ports) == 0 {
			add(ss.Addresses, "")
			continue
		}
		for _, p := range ss.Ports {
			add(ss.Addresses, strconv.Itoa(int(p.Port)))
		}
	}
	ret := strings.Join(list, ",")
	if more {
		return fmt.Sprintf("%s + %d more...", ret, count-maxListed)
	}
	return ret
}
