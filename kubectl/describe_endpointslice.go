package kubectl

import (
	"io"
	"strconv"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// unset is what describe prints for a field that is not set.
const unset = "<unset>"

// DescribeEndpointSlice writes what `kubectl describe endpointslice` prints
// for s at time now: identity, address type, the ports table and, for each
// endpoint, its addresses, Ready condition, hostname, target pod, node and
// zone, then the events evs. It returns an error naming a nil slice or a
// port without a protocol (the API server defaults it to TCP), and the
// first error from writing to w.
// Reference: kubectl describe.go describeEndpointSliceV1.
func DescribeEndpointSlice(w io.Writer, s *discoveryv1.EndpointSlice, evs []corev1.Event, now time.Time) error {
	if s == nil {
		return missing(field.NewPath("endpointSlice"), "EndpointSlice")
	}
	for i, p := range s.Ports {
		if p.Protocol == nil {
			return field.Required(field.NewPath("endpointSlice", "ports").Index(i).Child("protocol"), "the API server defaults it to TCP")
		}
	}
	d := newDescriber(w)
	d.identity(s)
	d.write(0, "AddressType:\t%s\n", s.AddressType)
	describeSlicePorts(d, s.Ports)
	describeSliceEndpoints(d, s.Endpoints)
	d.events(evs, now)
	return d.finish()
}

// describeSlicePorts writes the Name/Port/Protocol table, or
// "Ports: <unset>".
func describeSlicePorts(d *describer, ports []discoveryv1.EndpointPort) {
	if len(ports) == 0 {
		d.write(0, "Ports: <unset>\n")
		return
	}
	d.write(0, "Ports:\n")
	d.write(1, "Name\tPort\tProtocol\n")
	d.write(1, "----\t----\t--------\n")
	for _, p := range ports {
		name, num := unset, unset
		if p.Name != nil && *p.Name != "" {
			name = *p.Name
		}
		if p.Port != nil {
			num = strconv.Itoa(int(*p.Port))
		}
		d.write(1, "%s\t%s\t%s\n", name, num, *p.Protocol)
	}
}

// describeSliceEndpoints writes one block per endpoint, or
// "Endpoints: <none>".
func describeSliceEndpoints(d *describer, eps []discoveryv1.Endpoint) {
	if len(eps) == 0 {
		d.write(0, "Endpoints: <none>\n")
		return
	}
	d.write(0, "Endpoints:\n")
	for _, e := range eps {
		d.write(1, "- Addresses:\t%s\n", orNone(strings.Join(e.Addresses, ", ")))
		d.write(2, "Conditions:\n")
		ready := unset
		if e.Conditions.Ready != nil {
			ready = strconv.FormatBool(*e.Conditions.Ready)
		}
		d.write(3, "Ready:\t%s\n", ready)
		d.write(2, "Hostname:\t%s\n", strOr(e.Hostname, unset))
		if e.TargetRef != nil {
			d.write(2, "TargetRef:\t%s/%s\n", e.TargetRef.Kind, e.TargetRef.Name)
		}
		d.write(2, "NodeName:\t%s\n", strOr(e.NodeName, unset))
		d.write(2, "Zone:\t%s\n", strOr(e.Zone, unset))
	}
}

// strOr returns *s, or def when s is nil.
func strOr(s *string, def string) string {
	if s == nil {
		return def
	}
	return *s
}
