package kubelet

import (
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/runtime"
)

// The cluster's DNS, as kubeadm sets it up: the kube-dns Service's
// address and the cluster domain.
const (
	clusterDNS    = "10.96.0.10"
	clusterDomain = "cluster.local"
	// storeNameserver is the resolver in a store's own /etc/resolv.conf,
	// which dnsPolicy Default hands to a pod.
	storeNameserver = "192.168.0.1"
)

// The kubelet's bounds on a pod's DNS configuration.
// Reference: pkg/kubelet/network/dns/dns.go (validation.MaxDNSNameservers,
// MaxDNSSearchPaths).
const (
	maxDNSNameservers = 3
	maxDNSSearchPaths = 32
)

// etcMounts writes the pod's /etc/hosts, /etc/hostname and
// /etc/resolv.conf for container c, and returns their mounts. The kubelet
// writes /etc/hosts again each time a container is created. The files are
// written when a container first reads them (most never do), as they
// would have been now: the pod's address as it is now, and the rest from
// fields of the pod's spec that never change.
func (k *Kubelet) etcMounts(w *worker, c *corev1.Container) []runtime.Mount {
	ip := w.ip
	write := func(v *runtime.Volume) {
		p := w.pod
		v.WriteFile("hosts", k.hostsFile(p, ip))
		v.WriteFile("hostname", podHostname(p)+"\n")
		v.WriteFile("resolv.conf", k.shared(resolvConf(p)))
	}
	if w.etc == nil {
		w.etc = runtime.NewVolumeOf(false, write)
	} else {
		w.etc.Rebuild(write)
	}
	return []runtime.Mount{
		{Path: "/etc/hosts", Volume: w.etc, SubPath: "hosts"},
		{Path: "/etc/hostname", Volume: w.etc, SubPath: "hostname"},
		{Path: "/etc/resolv.conf", Volume: w.etc, SubPath: "resolv.conf"},
	}
}

// shared returns one copy of s for all the pods whose files hold the
// same text (the resolv.conf of a namespace), so that a store of 110 pods
// keeps it once.
func (k *Kubelet) shared(s string) string {
	if v, ok := k.etcTexts[s]; ok {
		return v
	}
	if k.etcTexts == nil {
		k.etcTexts = map[string]string{}
	}
	k.etcTexts[s] = s
	return s
}

// podHostname is the pod's hostname: spec.hostname, else its name.
func podHostname(p *corev1.Pod) string {
	if p.Spec.Hostname != "" {
		return p.Spec.Hostname
	}
	return p.Name
}

// hostsFile is the kubelet's managed /etc/hosts: localhost, the pod's own
// name at its address (with its full name under a subdomain), then the
// pod's hostAliases. A pod on the host's network gets the store's own
// hosts file with the aliases.
// Reference: pkg/kubelet/kubelet_pods.go (managedHostsFileContent,
// nodeHostsFileContent, hostsEntriesFromHostAliases);
// https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/.
func (k *Kubelet) hostsFile(p *corev1.Pod, ip string) string {
	var b strings.Builder
	if p.Spec.HostNetwork {
		b.WriteString("127.0.0.1\tlocalhost\n" + k.cfg.NodeIP + "\t" + k.cfg.NodeName + "\n")
	} else {
		b.WriteString("# Kubernetes-managed hosts file.\n" +
			"127.0.0.1\tlocalhost\n" +
			"::1\tlocalhost ip6-localhost ip6-loopback\n" +
			"fe00::0\tip6-localnet\n" +
			"fe00::0\tip6-mcastprefix\n" +
			"fe00::1\tip6-allnodes\n" +
			"fe00::2\tip6-allrouters\n")
		host := podHostname(p)
		if p.Spec.Subdomain != "" {
			b.WriteString(ip + "\t" + host + "." + p.Spec.Subdomain + "." + p.Namespace + ".svc." + clusterDomain + "\t" + host + "\n")
		} else {
			b.WriteString(ip + "\t" + host + "\n")
		}
	}
	if len(p.Spec.HostAliases) > 0 {
		b.WriteString("\n# Entries added by HostAliases.\n")
		for _, a := range p.Spec.HostAliases {
			b.WriteString(a.IP + "\t" + strings.Join(a.Hostnames, "\t") + "\n")
		}
	}
	// The pod keeps the file: a copy of its exact size, without the
	// builder's room to grow.
	return strings.Clone(b.String())
}

// resolvConf is the pod's /etc/resolv.conf as the runtime writes it from
// the kubelet's DNS config: the cluster's DNS with the search path of the
// pod's namespace and ndots:5 (ClusterFirst), the store's own resolver
// (Default, and ClusterFirst on the host's network), or nothing (None);
// then dnsConfig's nameservers and searches added, and its options
// merged by name.
// Reference: pkg/kubelet/network/dns/dns.go (GetPodDNS, getPodDNSType,
// appendDNSConfig, mergeDNSOptions);
// https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-dns-config.
func resolvConf(p *corev1.Pod) string {
	var servers, searches, options []string
	policy := p.Spec.DNSPolicy
	if policy == corev1.DNSClusterFirst && p.Spec.HostNetwork {
		policy = corev1.DNSDefault
	}
	switch policy {
	case corev1.DNSNone:
	case corev1.DNSDefault:
		servers = []string{storeNameserver}
	default: // ClusterFirst, ClusterFirstWithHostNet
		servers = []string{clusterDNS}
		searches = []string{p.Namespace + ".svc." + clusterDomain, "svc." + clusterDomain, clusterDomain}
		options = []string{"ndots:5"}
	}
	if c := p.Spec.DNSConfig; c != nil {
		servers = appendUnique(servers, c.Nameservers)
		searches = appendUnique(searches, c.Searches)
		for _, o := range c.Options {
			options = mergeOption(options, o)
		}
	}
	servers = servers[:min(len(servers), maxDNSNameservers)]
	searches = searches[:min(len(searches), maxDNSSearchPaths)]
	var b strings.Builder
	if len(searches) > 0 {
		b.WriteString("search " + strings.Join(searches, " ") + "\n")
	}
	for _, s := range servers {
		b.WriteString("nameserver " + s + "\n")
	}
	if len(options) > 0 {
		b.WriteString("options " + strings.Join(options, " ") + "\n")
	}
	return b.String()
}

// appendUnique appends the values of more that list does not hold yet.
func appendUnique(list, more []string) []string {
	for _, v := range more {
		if !slices.Contains(list, v) {
			list = append(list, v)
		}
	}
	return list
}

// mergeOption adds option o ("name" or "name:value") to options, in place
// of an option of the same name.
func mergeOption(options []string, o corev1.PodDNSConfigOption) []string {
	s := o.Name
	if o.Value != nil {
		s += ":" + *o.Value
	}
	for i, have := range options {
		if name, _, _ := strings.Cut(have, ":"); name == o.Name {
			options[i] = s
			return options
		}
	}
	return append(options, s)
}
