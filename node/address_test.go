package node

import (
	"net/netip"
	"testing"
)

// Reference: kube-controller-manager --node-cidr-mask-size (default 24 for
// IPv4) and pkg/controller/nodeipam/ipam/cidrset/cidr_set.go (AllocateNext
// takes the next /24 after the last one and wraps round the cluster CIDR).
func TestPodRangesFollowOnAndWrapRoundTheClusterCIDR(t *testing.T) {
	for _, tc := range []struct {
		index int
		want  string
	}{
		{1, "10.244.1.0/24"}, {255, "10.244.255.0/24"}, {256, "10.245.0.0/24"},
		{1023, "10.247.255.0/24"}, {1024, "10.248.0.0/24"}, {3071, "10.255.255.0/24"},
		{3072, "10.224.0.0/24"}, {5000, "10.231.136.0/24"},
	} {
		if got := podCIDR(tc.index); got != tc.want {
			t.Errorf("podCIDR(%d) = %s, want %s", tc.index, got, tc.want)
		}
	}
}

// Every store of the largest chain has a pod range of its own, inside the
// chain's pod network, and an address of its own.
func TestLargestChainAddressesAreDistinct(t *testing.T) {
	for _, stores := range []int{1, 255, 256, 1023, 1024, MaxIndex} {
		network := netip.MustParsePrefix(ClusterCIDR(stores))
		seen := map[string]int{HeadOfficeIP: 0}
		for i := 1; i <= stores; i++ {
			r := netip.MustParsePrefix(podCIDR(i))
			if !network.Contains(r.Addr()) || r.Bits() < network.Bits() {
				t.Fatalf("%d stores: store %d's pod range %s is outside %s", stores, i, r, network)
			}
			ip := storeIP(i)
			for _, key := range []string{r.String(), ip} {
				if j, dup := seen[key]; dup {
					t.Fatalf("%d stores: stores %d and %d share %s", stores, j, i, key)
				}
				seen[key] = i
			}
		}
	}
}

func TestClusterCIDRGrowsWithTheChain(t *testing.T) {
	for _, tc := range []struct {
		stores int
		want   string
	}{{1, "10.244.0.0/16"}, {255, "10.244.0.0/16"}, {256, "10.244.0.0/14"}, {1023, "10.244.0.0/14"}, {1024, "10.224.0.0/11"}, {5000, "10.224.0.0/11"}} {
		if got := ClusterCIDR(tc.stores); got != tc.want {
			t.Errorf("ClusterCIDR(%d) = %s, want %s", tc.stores, got, tc.want)
		}
	}
}
