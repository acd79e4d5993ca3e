package kubelet

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Reference: pkg/kubelet/network/dns/dns.go (getPodDNSType: ClusterFirst
// on the host's network falls back to Default; appendDNSConfig: servers
// and searches added without duplicates, options merged by name);
// pkg/kubelet/kubelet_pods.go (nodeHostsFileContent for the host's
// network, with the hostAliases after it).
func TestResolvConfAndHostNetworkHosts(t *testing.T) {
	two := "2"
	tests := []struct {
		name   string
		policy corev1.DNSPolicy
		host   bool
		config *corev1.PodDNSConfig
		want   string
	}{
		{"ClusterFirst", corev1.DNSClusterFirst, false, nil,
			"search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n"},
		{"ClusterFirst on the host's network is Default", corev1.DNSClusterFirst, true, nil, "nameserver 192.168.0.1\n"},
		{"ClusterFirstWithHostNet", corev1.DNSClusterFirstWithHostNet, true, nil,
			"search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n"},
		{"Default", corev1.DNSDefault, false, nil, "nameserver 192.168.0.1\n"},
		{"dnsConfig added and merged", corev1.DNSClusterFirst, false, &corev1.PodDNSConfig{
			Nameservers: []string{"10.96.0.10", "1.1.1.1"}, Searches: []string{"cluster.local", "corp.example"},
			Options: []corev1.PodDNSConfigOption{{Name: "ndots", Value: &two}, {Name: "edns0"}}},
			"search shop.svc.cluster.local svc.cluster.local cluster.local corp.example\nnameserver 10.96.0.10\nnameserver 1.1.1.1\noptions ndots:2 edns0\n"},
	}
	for _, tt := range tests {
		p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "shop"},
			Spec: corev1.PodSpec{DNSPolicy: tt.policy, HostNetwork: tt.host, DNSConfig: tt.config}}
		if got := resolvConf(p); got != tt.want {
			t.Errorf("%s: resolv.conf = %q, want %q", tt.name, got, tt.want)
		}
	}

	k := &Kubelet{cfg: Config{NodeName: "store-1", NodeIP: "192.168.0.11"}}
	p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "shop"},
		Spec: corev1.PodSpec{HostNetwork: true, HostAliases: []corev1.HostAlias{{IP: "10.1.2.3", Hostnames: []string{"db"}}}}}
	want := "127.0.0.1\tlocalhost\n192.168.0.11\tstore-1\n\n# Entries added by HostAliases.\n10.1.2.3\tdb\n"
	if got := k.hostsFile(p, "192.168.0.11"); got != want {
		t.Errorf("hosts on the host's network = %q, want %q", got, want)
	}
}
