package timeline_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/manifest"
	"github.com/nodenucleus/nucleus/sim"
	"github.com/nodenucleus/nucleus/timeline"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// run applies a manifest from testdata to a fresh one-store cluster,
// records it for d and returns the timeline.
func run(t *testing.T, name string, d time.Duration) *timeline.Timeline {
	t.Helper()
	file := filepath.Join("testdata", name+".yaml")
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	docs, _, err := manifest.NewDecoder().Decode(file, data)
	require.NoError(t, err)
	c, err := cluster.New(cluster.Config{Seed: 1})
	require.NoError(t, err)
	rec := timeline.Record(c)
	for _, doc := range docs {
		require.NoError(t, c.Apply(doc.Object))
	}
	c.RunUntil(sim.Time(d))
	return rec.Timeline(c.Now())
}

// golden compares got with testdata/file, or rewrites it with -update.
func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", file)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./timeline -update")
	require.Equal(t, string(want), string(got), "%s differs; if the change is right, run go test ./timeline -update", file)
}

// The two runs drawn in every format: the crash loop (busybox "sleep 5;
// exit 1" under restartPolicy Always, back-off 10s, 20s, 40s, 80s) and the
// documentation's liveness-http pod (agnhost answers 500 after 10s: three
// failed probes, a kill, a restart).
// Reference: kubelet.md §3.4, §7.1 (crash loop); §4.2, §4.3 (liveness).
var runs = []struct {
	name string
	d    time.Duration
}{
	{"crash-loop", 3 * time.Minute},
	{"liveness-http", time.Minute},
}

func TestGoldenText(t *testing.T) {
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, run(t, r.name, r.d).WriteText(&b, 100))
			golden(t, r.name+".txt", b.Bytes())
		})
	}
}

func TestGoldenMermaid(t *testing.T) {
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, run(t, r.name, r.d).WriteMermaid(&b))
			golden(t, r.name+".md", b.Bytes())
		})
	}
}

func TestGoldenSVG(t *testing.T) {
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, run(t, r.name, r.d).WriteSVG(&b))
			golden(t, r.name+".svg", b.Bytes())
		})
	}
}
