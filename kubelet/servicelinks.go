package kubelet

import (
	"net"
	"strconv"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/apiserver"
)

// serviceLinks is the service-link variables of the containers of one
// namespace, worked out once and shared, read-only, by every container
// started while the Services stay as they are.
type serviceLinks struct {
	writes uint64            // the Services' write count they were worked out at
	vars   map[string]string // name -> value
	names  []string          // the names, sorted
	pairs  []string          // NAME=value, in the order of names
}

// linksKey names one set of service links: a namespace's, with links
// enabled, or the one set every pod without links gets.
type linksKey struct {
	ns    string
	links bool
}

// serviceLinks returns the service-link variables of a container of a pod
// in namespace ns (see serviceEnv), from the store manager's cache while no
// Service has changed since they were worked out.
func (k *Kubelet) serviceLinks(ns string, links bool) *serviceLinks {
	key := linksKey{ns, links}
	if !links {
		key.ns = "" // only the kubernetes Service: the same for every namespace
	}
	writes := k.api.Services.Writes()
	if l, ok := k.links[key]; ok && l.writes == writes {
		return l
	}
	l := &serviceLinks{writes: writes, vars: k.serviceEnv(ns, links)}
	l.names = sortedKeys(l.vars)
	l.pairs = make([]string, len(l.names))
	for i, n := range l.names {
		l.pairs[i] = n + "=" + l.vars[n]
	}
	if k.links == nil {
		k.links = map[linksKey]*serviceLinks{}
	}
	k.links[key] = l
	return l
}

// serviceEnv returns the service-link variables a container of a pod in
// namespace ns starts with: those of the "kubernetes" Service in the
// default namespace, always, and, when links are enabled, those of every
// Service of the pod's namespace that exists now (a Service made later
// reaches only containers started later). A Service without a cluster IP
// (headless, ExternalName) gives none. A Service of the pod's namespace
// named kubernetes stands in for the default one.
// Reference: pkg/kubelet/kubelet_pods.go (getServiceEnvVarMap).
func (k *Kubelet) serviceEnv(ns string, links bool) map[string]string {
	chosen := map[string]*corev1.Service{}
	for _, svc := range k.api.Services.ListShared() { // sorted by namespace, then name
		if !hasClusterIP(svc) {
			continue
		}
		switch {
		case svc.Namespace == ns && links:
			chosen[svc.Name] = svc
		case svc.Namespace == metav1.NamespaceDefault && svc.Name == apiserver.KubernetesServiceName:
			if _, ok := chosen[svc.Name]; !ok {
				chosen[svc.Name] = svc
			}
		}
	}
	env := map[string]string{}
	for _, svc := range chosen {
		addServiceLinks(env, svc)
	}
	return env
}

func hasClusterIP(svc *corev1.Service) bool {
	ip := svc.Spec.ClusterIP
	return ip != "" && ip != corev1.ClusterIPNone && len(svc.Spec.Ports) > 0
}

// addServiceLinks adds one Service's variables to env: NAME_SERVICE_HOST,
// NAME_SERVICE_PORT (the first port) and NAME_SERVICE_PORT_<PORTNAME> for
// each named port, then Docker's link variables: NAME_PORT (the first port
// as proto://ip:port) and, per port, NAME_PORT_<port>_<PROTO> with its
// _PROTO, _PORT and _ADDR. NAME is the Service's name upper-cased, with
// dashes as underscores.
// Reference: pkg/kubelet/envvars/envvars.go (FromServices,
// makeLinkVariables).
func addServiceLinks(env map[string]string, svc *corev1.Service) {
	prefix := strings.ToUpper(strings.ReplaceAll(svc.Name, "-", "_"))
	ip := svc.Spec.ClusterIP
	ports := svc.Spec.Ports
	env[prefix+"_SERVICE_HOST"] = ip
	env[prefix+"_SERVICE_PORT"] = strconv.Itoa(int(ports[0].Port))
	for i, p := range ports {
		port := strconv.Itoa(int(p.Port))
		if p.Name != "" {
			env[prefix+"_SERVICE_PORT_"+strings.ToUpper(strings.ReplaceAll(p.Name, "-", "_"))] = port
		}
		proto := string(p.Protocol)
		if proto == "" {
			proto = string(corev1.ProtocolTCP)
		}
		url := strings.ToLower(proto) + "://" + net.JoinHostPort(ip, port)
		if i == 0 {
			env[prefix+"_PORT"] = url
		}
		pp := prefix + "_PORT_" + port + "_" + strings.ToUpper(proto)
		env[pp] = url
		env[pp+"_PROTO"] = strings.ToLower(proto)
		env[pp+"_PORT"] = port
		env[pp+"_ADDR"] = ip
	}
}
