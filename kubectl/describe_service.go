package kubectl

import (
	"fmt"
	"io"
	"net"
	"sort"
	"strconv"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// DescribeService writes what `kubectl describe service` prints for svc at
// time now: identity, selector, type, IP families, cluster IPs, then for
// each port its target port, node port and the ready endpoints behind it
// (the first three "ip:port", then " + N more..."), session affinity and
// traffic policies, and the events evs. Of slices only those labelled
// kubernetes.io/service-name=<svc> in svc's namespace count, by name, as
// kubectl lists them. It returns an error naming a nil Service or
// EndpointSlice or a malformed endpoint, and the first error from writing.
// Reference: kubectl describe.go describeService, formatEndpointSlices.
func DescribeService(w io.Writer, svc *corev1.Service, slices []*discoveryv1.EndpointSlice, evs []corev1.Event, now time.Time) error {
	if svc == nil {
		return missing(field.NewPath("service"), "Service")
	}
	own, err := serviceSlices(svc, slices)
	if err != nil {
		return err
	}
	d := newDescriber(w)
	describeServiceHeader(d, svc)
	for _, sp := range svc.Spec.Ports {
		name := sp.Name
		if name == "" {
			name = "<unset>"
		}
		d.write(0, "Port:\t%s\t%d/%s\n", name, sp.Port, sp.Protocol)
		if sp.TargetPort.Type == intstr.Int {
			d.write(0, "TargetPort:\t%d/%s\n", sp.TargetPort.IntVal, sp.Protocol)
		} else {
			d.write(0, "TargetPort:\t%s/%s\n", sp.TargetPort.StrVal, sp.Protocol)
		}
		if sp.NodePort != 0 {
			d.write(0, "NodePort:\t%s\t%d/%s\n", name, sp.NodePort, sp.Protocol)
		}
		eps, err := readyEndpoints(own, sp.Name)
		if err != nil {
			return err
		}
		d.write(0, "Endpoints:\t%s\n", eps)
	}
	describeServiceFooter(d, svc)
	d.events(evs, now)
	return d.finish()
}

// serviceSlices returns the slices that belong to svc, sorted by name, or
// an error naming a nil slice.
func serviceSlices(svc *corev1.Service, slices []*discoveryv1.EndpointSlice) ([]*discoveryv1.EndpointSlice, error) {
	var own []*discoveryv1.EndpointSlice
	for i, s := range slices {
		if s == nil {
			return nil, missing(field.NewPath("slices").Index(i), "EndpointSlice")
		}
		if s.Namespace == svc.Namespace && s.Labels[discoveryv1.LabelServiceName] == svc.Name {
			own = append(own, s)
		}
	}
	sort.SliceStable(own, func(i, j int) bool { return own[i].Name < own[j].Name })
	return own, nil
}

// describeServiceHeader writes the lines from Name to LoadBalancer Ingress.
func describeServiceHeader(d *describer, svc *corev1.Service) {
	spec := svc.Spec
	d.write(0, "Name:\t%s\n", svc.Name)
	d.write(0, "Namespace:\t%s\n", svc.Namespace)
	d.labels("Labels", svc.Labels)
	d.annotations("Annotations", svc.Annotations)
	d.write(0, "Selector:\t%s\n", labels.FormatLabels(spec.Selector))
	d.write(0, "Type:\t%s\n", spec.Type)
	if spec.IPFamilyPolicy != nil {
		d.write(0, "IP Family Policy:\t%s\n", *spec.IPFamilyPolicy)
	}
	families := make([]string, len(spec.IPFamilies))
	for i, f := range spec.IPFamilies {
		families[i] = string(f)
	}
	d.write(0, "IP Families:\t%s\n", orNone(strings.Join(families, ",")))
	d.write(0, "IP:\t%s\n", spec.ClusterIP)
	d.write(0, "IPs:\t%s\n", orNone(strings.Join(spec.ClusterIPs, ",")))
	if len(spec.ExternalIPs) > 0 {
		d.write(0, "External IPs:\t%v\n", strings.Join(spec.ExternalIPs, ","))
	}
	if spec.LoadBalancerIP != "" {
		d.write(0, "Desired LoadBalancer IP:\t%s\n", spec.LoadBalancerIP)
	}
	if spec.ExternalName != "" {
		d.write(0, "External Name:\t%s\n", spec.ExternalName)
	}
	if ing := svc.Status.LoadBalancer.Ingress; len(ing) > 0 {
		d.write(0, "LoadBalancer Ingress:\t%s\n", ingressString(ing))
	}
}

// ingressString returns the load balancer's addresses as describe lists
// them: "ip (mode)" or the hostname, joined by ", ".
func ingressString(ing []corev1.LoadBalancerIngress) string {
	parts := make([]string, len(ing))
	for i, in := range ing {
		switch {
		case in.IP != "" && in.IPMode != nil:
			parts[i] = fmt.Sprintf("%s (%s)", in.IP, *in.IPMode)
		case in.IP != "":
			parts[i] = in.IP
		default:
			parts[i] = in.Hostname
		}
	}
	return strings.Join(parts, ", ")
}

// describeServiceFooter writes session affinity, traffic policies, the
// health-check node port and the load balancer source ranges.
func describeServiceFooter(d *describer, svc *corev1.Service) {
	spec := svc.Spec
	d.write(0, "Session Affinity:\t%s\n", spec.SessionAffinity)
	if spec.ExternalTrafficPolicy != "" {
		d.write(0, "External Traffic Policy:\t%s\n", spec.ExternalTrafficPolicy)
	}
	if spec.InternalTrafficPolicy != nil {
		d.write(0, "Internal Traffic Policy:\t%s\n", *spec.InternalTrafficPolicy)
	}
	if spec.HealthCheckNodePort != 0 {
		d.write(0, "HealthCheck NodePort:\t%d\n", spec.HealthCheckNodePort)
	}
	if len(spec.LoadBalancerSourceRanges) > 0 {
		d.write(0, "LoadBalancer Source Ranges:\t%v\n", strings.Join(spec.LoadBalancerSourceRanges, ","))
	}
}

// readyEndpoints returns the Endpoints line of one Service port: the ready
// (or readiness-unknown) endpoints of the slice ports named portName, as
// "ip:port" (a bare ip for a slice without ports), the first three and then
// " + N more...", or <none> when there are no slices at all. Like kubectl,
// it marks the list as longer as soon as a fourth endpoint is looked at,
// ready or not. It returns an error naming an endpoint without addresses or
// a selected slice port without a number.
// Reference: kubectl describe.go formatEndpointSlices.
func readyEndpoints(slices []*discoveryv1.EndpointSlice, portName string) (string, error) {
	if len(slices) == 0 {
		return none, nil
	}
	var list []string
	more, count := false, 0
	for i, s := range slices {
		path := field.NewPath("slices").Index(i)
		add := func(eps []discoveryv1.Endpoint, port *int32) error {
			for j, e := range eps {
				if len(list) == maxListed {
					more = true
				}
				if len(e.Addresses) == 0 {
					return field.Required(path.Child("endpoints").Index(j).Child("addresses"), "an endpoint has at least one address")
				}
				if e.Conditions.Ready != nil && !*e.Conditions.Ready {
					continue
				}
				if !more {
					addr := e.Addresses[0]
					if port != nil {
						addr = net.JoinHostPort(addr, strconv.Itoa(int(*port)))
					}
					list = append(list, addr)
				}
				count++
			}
			return nil
		}
		if len(s.Ports) == 0 {
			if err := add(s.Endpoints, nil); err != nil {
				return "", err
			}
			continue
		}
		for k, p := range s.Ports {
			if p.Name == nil && portName != "" || p.Name != nil && *p.Name != portName {
				continue
			}
			if p.Port == nil {
				return "", field.Required(path.Child("ports").Index(k).Child("port"), "describe needs the port number")
			}
			if err := add(s.Endpoints, p.Port); err != nil {
				return "", err
			}
		}
	}
	ret := strings.Join(list, ",")
	if more {
		return fmt.Sprintf("%s + %d more...", ret, count-maxListed), nil
	}
	return ret, nil
}
