package kubelet_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/kubelet"
	"github.com/nodenucleus/nucleus/manifest"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/stories")

// story is a narrated run of one manifest: the golden file holds the
// technical narration, then the pods as `kubectl get pods` shows them at
// the end.
type story struct {
	name     string
	run      time.Duration
	deleteAt time.Duration // 0: no deletion
	later    []later       // more manifests applied during the run
	capacity string        // the store's memory, e.g. "1Gi"; "" means the default
	images   []scripted    // scripted images registered in the warehouse
}

// scripted is an image registered with a scripted behaviour.
type scripted struct {
	repo      string
	behaviour runtime.Behaviour
}

// later is a manifest applied at an instant.
type later struct {
	at   time.Duration
	file string
}

// Reference: each story's YAML names the kubelet.md rules it shows; the
// golden transcript is read like code when it changes.
var stories = []story{
	{name: "crash-loop", run: 6 * time.Minute},                             // kubelet.md §3.4, §7.1
	{name: "onfailure-completes", run: time.Minute},                        // kubelet.md §1.1 D.5, §2.1 rule 6
	{name: "init-fails-never", run: time.Minute},                           // kubelet.md §1.1 D.1, §2.2
	{name: "sidecar", run: time.Minute},                                    // kubelet.md §1.1 B, §2.2 sidecars
	{name: "image-pull-backoff", run: 3 * time.Minute},                     // kubelet.md §3.6, proxy-and-runtime.md B3.3
	{name: "graceful-delete", run: 2 * time.Minute, deleteAt: time.Minute}, // kubelet.md §6
	{name: "liveness-exec", run: 2 * time.Minute},                          // kubelet.md §4.2, §4.3, §2.2
	{name: "liveness-http", run: time.Minute},                              // kubelet.md §4.2, §4.3
	{name: "readiness", run: 2 * time.Minute},                              // kubelet.md §4.3, §5
	{name: "init-containers", run: 2 * time.Minute, later: []later{ // kubelet.md §2.2, §7.1 Init:N/M
		{30 * time.Second, "init-containers-myservice"}, {time.Minute, "init-containers-mydb"}}},
	{name: "oom-killed", run: 3 * time.Minute},                             // kubelet.md §8.2 OOMKilled, §3.4
	{name: "prestop-sidecar", run: 2 * time.Minute, deleteAt: time.Minute}, // kubelet.md §6.2 steps 4-6
	{name: "memory-pressure", run: 8 * time.Minute, capacity: "1Gi", // kubelet.md §9.2, §9.4, §8.3
		images: pressureImages, later: []later{{3 * time.Minute, "memory-pressure-latecomer"}}},
}

// pressureImages are the memory-pressure story's programs: a cache that
// grows every 30 seconds, from 100Mi to 400Mi, and two steady services.
var pressureImages = []scripted{
	{"example.com/shop/cache", runtime.Behaviour{Memory: []runtime.MemoryStep{
		{Bytes: 100 << 20}, {At: 30 * time.Second, Bytes: 150 << 20}, {At: time.Minute, Bytes: 200 << 20},
		{At: 90 * time.Second, Bytes: 300 << 20}, {At: 2 * time.Minute, Bytes: 400 << 20}}}},
	{"example.com/shop/checkout", runtime.Behaviour{Memory: []runtime.MemoryStep{{Bytes: 300 << 20}}}},
	{"example.com/shop/ledger", runtime.Behaviour{Memory: []runtime.MemoryStep{{Bytes: 250 << 20}}}},
}

func TestStories(t *testing.T) {
	for _, s := range stories {
		t.Run(s.name, func(t *testing.T) {
			got := tell(t, s)
			golden := filepath.Join("testdata", "stories", s.name+".golden")
			if *update {
				require.NoError(t, os.WriteFile(golden, got, 0o644))
				return
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "missing golden file; run go test ./kubelet -run TestStories -update")
			require.Equal(t, string(want), string(got))
		})
	}
}

func tell(t *testing.T, s story) []byte {
	t.Helper()
	file := filepath.Join("testdata", "stories", s.name+".yaml")
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	docs, _, err := manifest.NewDecoder().Decode(file, data)
	require.NoError(t, err)
	cfg := cluster.Config{Seed: 1}
	if s.capacity != "" {
		capacity := kubelet.DefaultCapacity()
		capacity[corev1.ResourceMemory] = resource.MustParse(s.capacity)
		cfg.Stores = []cluster.StoreConfig{{Name: "store-1", Capacity: capacity}}
	}
	if len(s.images) > 0 {
		cfg.Catalog = runtime.NewCatalog()
		for _, im := range s.images {
			require.NoError(t, cfg.Catalog.Register(im.repo, 10_000_000, im.behaviour))
		}
	}
	c, err := cluster.New(cfg)
	require.NoError(t, err)
	var out bytes.Buffer
	c.Subscribe(narrate.New(&out, narrate.Kubernetes))
	for _, d := range docs {
		require.NoError(t, c.Apply(d.Object))
	}
	for _, l := range s.later {
		c.RunUntil(sim.Time(l.at))
		fmt.Fprintf(&out, "--- kubectl get pods at %v\n", c.Now())
		require.NoError(t, pod.PrintTable(&out, c.Pods(), c.Now().Wall(), false))
		fmt.Fprintf(&out, "--- kubectl apply -f %s.yaml\n", l.file)
		more, _, err := manifest.NewDecoder().Decode(l.file, mustRead(t, filepath.Join("testdata", "stories", l.file+".yaml")))
		require.NoError(t, err)
		for _, d := range more {
			require.NoError(t, c.Apply(d.Object))
		}
	}
	if s.deleteAt > 0 {
		c.RunUntil(sim.Time(s.deleteAt))
		fmt.Fprintf(&out, "--- kubectl delete pod %s\n", docs[0].Object.(interface{ GetName() string }).GetName())
		require.NoError(t, c.DeletePod("default", docs[0].Object.(interface{ GetName() string }).GetName(), nil))
	}
	c.RunUntil(sim.Time(s.run))
	fmt.Fprintf(&out, "--- kubectl get pods at %v\n", c.Now())
	require.NoError(t, pod.PrintTable(&out, c.Pods(), c.Now().Wall(), false))
	return out.Bytes()
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return data
}
