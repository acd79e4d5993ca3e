package kubectl

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// loadBalancerWidth is how many characters of a load balancer's addresses
// `kubectl get services` shows without -o wide.
const loadBalancerWidth = 16

// maxListed is how many endpoints or ports a cell lists before it adds
// " + N more...".
const maxListed = 3

// PrintServices writes svcs to w as `kubectl get services` prints them at
// time now: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, and SELECTOR when
// wide. CLUSTER-IP is the first of spec.clusterIPs ("None" for a headless
// Service, <none> for an ExternalName one); EXTERNAL-IP is the external
// IPs, the load balancer's addresses (<pending> until it has one) or the
// ExternalName; PORT(S) lists port/protocol, with the node port as
// "80:30080/TCP". It returns an error naming a nil Service, and the first
// error from writing to w.
// Reference: printers.go printService, getServiceExternalIP, makePortString.
func PrintServices(w io.Writer, svcs []*corev1.Service, now time.Time, wide bool) error {
	t, err := serviceTable(svcs, now, wide)
	if err != nil {
		return err
	}
	return t.Write(w)
}

// ServiceTable returns the table `kubectl get` shows for the same objects,
// with the -o wide columns, as the API server's server-side printing
// makes it; the errors are PrintServices's.
func ServiceTable(svcs []*corev1.Service, now time.Time) (Table, error) {
	return serviceTable(svcs, now, true)
}

func serviceTable(svcs []*corev1.Service, now time.Time, wide bool) (Table, error) {
	header := []string{"NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"}
	return makeTable(header, []string{"SELECTOR"}, wide, len(svcs), func(i int) ([]string, error) {
		s := svcs[i]
		if s == nil {
			return nil, missing(field.NewPath("services").Index(i), "Service")
		}
		clusterIP := none
		if len(s.Spec.ClusterIPs) > 0 {
			clusterIP = s.Spec.ClusterIPs[0]
		}
		cells := []string{s.Name, string(s.Spec.Type), clusterIP, serviceExternalIP(s, wide),
			orNone(servicePorts(s.Spec.Ports)), since(s.CreationTimestamp, now)}
		if wide {
			cells = append(cells, labels.FormatLabels(s.Spec.Selector))
		}
		return cells, nil
	})
}

// serviceExternalIP returns the EXTERNAL-IP cell of a Service.
// Reference: printers.go getServiceExternalIP.
func serviceExternalIP(s *corev1.Service, wide bool) string {
	switch s.Spec.Type {
	case corev1.ServiceTypeClusterIP, corev1.ServiceTypeNodePort:
		return orNone(strings.Join(s.Spec.ExternalIPs, ","))
	case corev1.ServiceTypeLoadBalancer:
		lb := loadBalancerAddresses(s.Status.LoadBalancer, wide)
		if len(s.Spec.ExternalIPs) > 0 {
			var all []string
			if lb != "" {
				all = strings.Split(lb, ",")
			}
			return strings.Join(append(all, s.Spec.ExternalIPs...), ",")
		}
		if lb != "" {
			return lb
		}
		return "<pending>"
	case corev1.ServiceTypeExternalName:
		return s.Spec.ExternalName
	}
	return "<unknown>"
}

// loadBalancerAddresses returns the load balancer's distinct IPs (or
// hostnames) sorted and joined by commas, cut to loadBalancerWidth
// characters with "..." unless wide.
func loadBalancerAddresses(st corev1.LoadBalancerStatus, wide bool) string {
	seen := map[string]bool{}
	var addrs []string
	for _, in := range st.Ingress {
		a := in.IP
		if a == "" {
			a = in.Hostname
		}
		if a != "" && !seen[a] {
			seen[a] = true
			addrs = append(addrs, a)
		}
	}
	sort.Strings(addrs)
	r := strings.Join(addrs, ",")
	if !wide && len(r) > loadBalancerWidth {
		r = r[:loadBalancerWidth-3] + "..."
	}
	return r
}

// servicePorts returns the PORT(S) cell: "80/TCP", or "80:30080/TCP" for a
// port with a node port, joined by commas.
// Reference: printers.go makePortString.
func servicePorts(ports []corev1.ServicePort) string {
	pieces := make([]string, len(ports))
	for i, p := range ports {
		if p.NodePort > 0 {
			pieces[i] = fmt.Sprintf("%d:%d/%s", p.Port, p.NodePort, p.Protocol)
		} else {
			pieces[i] = fmt.Sprintf("%d/%s", p.Port, p.Protocol)
		}
	}
	return strings.Join(pieces, ",")
}

// PrintEndpointSlices writes slices to w as `kubectl get endpointslices`
// prints them at time now: NAME ADDRESSTYPE PORTS ENDPOINTS AGE. PORTS and
// ENDPOINTS list the first three ports and addresses (ready or not) and
// then " + N more..."; an empty list prints <unset>. It returns an error
// naming a nil EndpointSlice, and the first error from writing to w.
// Reference: printers.go printEndpointSlice, formatDiscoveryPorts,
// formatDiscoveryEndpoints, listWithMoreString.
func PrintEndpointSlices(w io.Writer, slices []*discoveryv1.EndpointSlice, now time.Time) error {
	t, err := endpointSliceTable(slices, now)
	if err != nil {
		return err
	}
	return t.Write(w)
}

// EndpointSliceTable returns the table `kubectl get` shows for the same objects,
// with the -o wide columns, as the API server's server-side printing
// makes it; the errors are PrintEndpointSlices's.
func EndpointSliceTable(slices []*discoveryv1.EndpointSlice, now time.Time) (Table, error) {
	return endpointSliceTable(slices, now)
}

func endpointSliceTable(slices []*discoveryv1.EndpointSlice, now time.Time) (Table, error) {
	header := []string{"NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"}
	return makeTable(header, nil, false, len(slices), func(i int) ([]string, error) {
		s := slices[i]
		if s == nil {
			return nil, missing(field.NewPath("endpointSlices").Index(i), "EndpointSlice")
		}
		var ports, addrs []string
		for _, p := range s.Ports {
			switch {
			case p.Port != nil:
				ports = append(ports, strconv.Itoa(int(*p.Port)))
			case p.Name != nil:
				ports = append(ports, *p.Name)
			default:
				ports = append(ports, "*")
			}
		}
		for _, e := range s.Endpoints {
			addrs = append(addrs, e.Addresses...)
		}
		return []string{s.Name, string(s.AddressType), firstFew(ports), firstFew(addrs), since(s.CreationTimestamp, now)}, nil
	})
}

// firstFew returns the first maxListed items joined by commas and
// " + N more..." for the rest, or "<unset>" for none.
// Reference: printers.go listWithMoreString.
func firstFew(items []string) string {
	switch {
	case len(items) == 0:
		return "<unset>"
	case len(items) > maxListed:
		return fmt.Sprintf("%s + %d more...", strings.Join(items[:maxListed], ","), len(items)-maxListed)
	}
	return strings.Join(items, ",")
}
