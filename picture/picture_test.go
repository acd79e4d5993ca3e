package picture_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/picture"
	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/sim"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// take runs an example scenario to at and takes its picture.
func take(t *testing.T, name string, at time.Duration) *picture.Picture {
	t.Helper()
	file := filepath.Join("..", "scenarios", name+".yaml")
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	s, err := scenario.Load(file, data)
	require.NoError(t, err)
	r, err := s.Start()
	require.NoError(t, err)
	r.Cluster.RunUntil(sim.Time(at))
	return picture.Take(r.Cluster, s.Name)
}

func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", file)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./picture -update")
	require.Equal(t, string(want), string(got), "%s differs (regenerate with -update and look at it)", path)
}

// The readiness desk at 1m10s: shop-3 fails its readiness probe, so it is
// running but not ready (amber) while the other two serve (green).
// Reference: pkg/kubelet/prober (readiness only marks the pod not Ready).
func TestReadinessDeskPicture(t *testing.T) {
	p := take(t, "readiness-desk", 70*time.Second)
	require.Len(t, p.Stores, 1)
	var moods []picture.Mood
	for _, e := range p.Stores[0].Employees {
		moods = append(moods, e.Mood)
	}
	assert.Equal(t, []picture.Mood{picture.Serving, picture.Serving, picture.Starting}, moods)
	assert.Equal(t, "Running 0/1", p.Stores[0].Employees[2].Status)
	var b bytes.Buffer
	require.NoError(t, p.WriteSVG(&b))
	for _, label := range []string{"head office (control plane)", "manager (kubelet)", "service desk (kube-proxy)",
		"training department (runtime)", "employees (pods): 3", "readiness-desk: the chain at 00:01:10"} {
		assert.Contains(t, b.String(), label)
	}
	golden(t, "readiness-desk.svg", b.Bytes())
}

// A store that went dark: its node is NotReady and its employees are no
// longer Ready; the chain's other stores carry on.
// Reference: pkg/controller/nodelifecycle (MarkPodsNotReady on a node that
// stopped posting status).
func TestStoreGoesDarkPicture(t *testing.T) {
	p := take(t, "store-goes-dark", 3*time.Minute)
	require.Len(t, p.Stores, 3)
	assert.False(t, p.Stores[1].Ready, "store-2 is dark")
	for _, e := range p.Stores[1].Employees {
		assert.Equal(t, picture.Starting, e.Mood, "%s on the dark store", e.Name)
	}
	var b bytes.Buffer
	require.NoError(t, p.WriteSVG(&b))
	assert.True(t, strings.HasPrefix(b.String(), `<svg xmlns="http://www.w3.org/2000/svg" width="1600"`))
	assert.Contains(t, b.String(), "store-2 (node): silent, NotReady")
	golden(t, "store-goes-dark.svg", b.Bytes())
}
