package kubelet

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A container's environment is its own variables in the order they were
// defined, then the service links it does not override, in name order;
// a container without variables of its own gets the shared list itself,
// capped so that an append cannot write into it.
// Reference: pkg/kubelet/kubelet_pods.go (makeEnvironmentVariables).
func TestPairsShareTheServiceLinks(t *testing.T) {
	links := &serviceLinks{vars: map[string]string{"A_HOST": "10.0.0.1", "B_HOST": "10.0.0.2"}}
	links.names = sortedKeys(links.vars)
	links.pairs = []string{"A_HOST=10.0.0.1", "B_HOST=10.0.0.2"}

	bare := &containerEnv{values: map[string]string{}, links: links}
	got := bare.pairs()
	assert.Equal(t, links.pairs, got)
	assert.Same(t, &links.pairs[0], &got[0], "a container without variables copies the shared list")
	grown := append(got, "X=1")
	assert.Equal(t, "X=1", grown[2])
	assert.Equal(t, []string{"A_HOST=10.0.0.1", "B_HOST=10.0.0.2"}, links.pairs, "an append changed the shared list")

	own := &containerEnv{values: map[string]string{}, links: links}
	own.set("Z", "1")
	own.set("B_HOST", "own")
	assert.Equal(t, []string{"Z=1", "B_HOST=own", "A_HOST=10.0.0.1"}, own.pairs())

	none := &containerEnv{values: map[string]string{}}
	assert.Empty(t, none.pairs())
	v, ok := none.lookup("A_HOST")
	assert.False(t, ok, "lookup without links found %q", v)
}
