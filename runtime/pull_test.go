package runtime

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Overlapping pulls of one image (the pods of a store starting at once)
// end with one image on the store, which every container created from it
// shares; each pull still answers with the image's id.
func TestOverlappingPullsShareOneImage(t *testing.T) {
	s := newStore(t)
	var ids []string
	for range 3 {
		s.e.PullImage("nginx:1.27", func(id string, _ int64, err error) {
			require.NoError(t, err)
			ids = append(ids, id)
		})
	}
	for s.loop.Step() && len(ids) < 3 {
	}
	require.Len(t, ids, 3)
	assert.Equal(t, ids[0], ids[1])
	assert.Equal(t, ids[0], ids[2])
	a, err := s.e.CreateContainer(s.sb, ContainerConfig{Name: "a", Image: "nginx:1.27"})
	require.NoError(t, err)
	b, err := s.e.CreateContainer(s.sb, ContainerConfig{Name: "b", Image: "nginx:1.27"})
	require.NoError(t, err)
	assert.Same(t, s.e.containers[a].image, s.e.containers[b].image, "two containers of one image")
	s.pull("nginx:1.27")
	assert.Same(t, s.e.containers[a].image, s.e.images["docker.io/library/nginx:1.27"], "a later pull replaced the image")
}
