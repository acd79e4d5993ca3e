package scenario

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStoreCountOpensAlikeStores: an entry of spec.stores with a count is
// that many stores, Name-1 to Name-Count, each with the entry's capacity
// and labels, between the entries around it.
func TestStoreCountOpensAlikeStores(t *testing.T) {
	yaml := header + `  stores:
  - name: north
  - name: store
    count: 3
    capacity: {pods: "20"}
    labels: {tier: edge}
  - name: south
`
	s, err := Load("scenario.yaml", []byte(yaml))
	require.NoError(t, err)
	assert.Equal(t, 5, s.Spec.StoreCount())
	r, err := s.Start()
	require.NoError(t, err)
	var names []string
	for _, st := range r.Cluster.Stores() {
		names = append(names, st.Name)
	}
	assert.Equal(t, []string{"north", "store-1", "store-2", "store-3", "south"}, names)
	n, err := r.Cluster.API().Nodes.Get("", "store-3")
	require.NoError(t, err)
	assert.Equal(t, "edge", n.Labels["tier"], "store-3's labels")
	pods := n.Status.Capacity["pods"]
	assert.Equal(t, int64(20), pods.Value(), "store-3's pod capacity")
	// 1 + 1 stores of 110 pods, 3 of 20: 280, under the 10,000 floor.
	assert.Equal(t, int64(280), s.Spec.storePods())
}

// TestStoreCountIsValidated: a count is at least 0, its stores' names
// are valid and distinct from the other stores', and the chain has at
// most 5,000 stores, Kubernetes' documented limit
// (https://kubernetes.io/docs/setup/best-practices/cluster-large/).
func TestStoreCountIsValidated(t *testing.T) {
	tests := []struct{ name, stores, want string }{
		{"negative", "  - {name: store, count: -1}\n",
			"spec.stores[0].count: Invalid value: -1: must be greater than or equal to 0"},
		{"a name taken", "  - {name: store-2}\n  - {name: store, count: 3}\n",
			"spec.stores[1].name: Duplicate value: \"store-2\""},
		{"over the limit", "  - {name: store, count: 5000}\n  - {name: extra}\n",
			"spec.stores: Too many: 5001: must have at most 5000 items"},
		{"a count of a billion", "  - {name: store, count: 1000000000}\n",
			"spec.stores: Too many: 1000000000: must have at most 5000 items"},
		{"an invalid name", "  - {name: Store, count: 2}\n",
			"spec.stores[0].name: Invalid value: \"Store-2\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load("scenario.yaml", []byte(header+"  stores:\n"+tt.stores))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// TestLargestChainAsksForAsManyPodsAsKubernetesAllows: 5,000 stores of
// 110 pods hold more than 150,000 pods, so a run on them may ask for
// exactly 150,000 (5 Deployments of 30,000) and not one more.
// Reference: https://kubernetes.io/docs/setup/best-practices/cluster-large/
// (no more than 5,000 nodes, 150,000 pods, 110 pods per node).
func TestLargestChainAsksForAsManyPodsAsKubernetesAllows(t *testing.T) {
	chain := header + "  stores:\n  - {name: store, count: 5000}\n"
	for _, extra := range []int64{0, 1} {
		yaml := chain
		for i := 1; i <= 5; i++ {
			yaml += deployment(fmt.Sprintf("shop-%d", i), 30000)
		}
		if extra > 0 {
			yaml += deployment("one-more", extra)
		}
		s, err := Load("scenario.yaml", []byte(yaml))
		if extra == 0 {
			require.NoError(t, err)
			assert.Equal(t, 5000, s.Spec.StoreCount())
			assert.Equal(t, int64(150000), s.Pods())
			continue
		}
		require.Error(t, err)
		assert.Contains(t, err.Error(), "the run asks for 150001 pods in all, more than the 150000")
	}
}
