package runtime

import (
	goruntime "runtime"
	"testing"
	"time"
)

// BenchmarkContainerCycle measures create, start, stop (timeout 0) and
// remove of a pause container in a ready sandbox. Target: at most 5 µs.
func BenchmarkContainerCycle(b *testing.B) {
	s := newStore(b)
	s.pull("registry.k8s.io/pause:3.10")
	cfg := ContainerConfig{Name: "pause", Image: "registry.k8s.io/pause:3.10"}
	b.ReportAllocs()
	for b.Loop() {
		id, err := s.e.CreateContainer(s.sb, cfg)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.e.StartContainer(id); err != nil {
			b.Fatal(err)
		}
		_ = s.e.StopContainer(id, 0, nil)
		_ = s.e.RemoveContainer(id)
		s.loop.RunFor(0)
	}
}

// TestMemoryPerRunningContainer measures what the engine keeps for each
// running pause container: heap in use before and after starting 10,000,
// divided. Target: at most 2 KiB (a pause container writes no log).
func TestMemoryPerRunningContainer(t *testing.T) {
	if testing.Short() {
		t.Skip("measures the heap")
	}
	const n = 10_000
	s := newStore(t)
	s.pull("registry.k8s.io/pause:3.10")
	cfg := ContainerConfig{Name: "pause", Image: "registry.k8s.io/pause:3.10"}
	before := heapInUse()
	ids := make([]string, 0, n)
	for range n {
		id, err := s.e.CreateContainer(s.sb, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.e.StartContainer(id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	after := heapInUse()
	per := (int64(after) - int64(before)) / n
	t.Logf("engine memory per running pause container: %d bytes", per)
	if per > 2048 {
		t.Errorf("memory per running container = %d bytes, want at most 2048", per)
	}
	if got := len(s.e.ListContainers(s.sb)); got != n {
		t.Errorf("ListContainers = %d containers, want %d", got, n)
	}
	goruntime.KeepAlive(ids)
	goruntime.KeepAlive(s)
}

func heapInUse() uint64 {
	var m goruntime.MemStats
	goruntime.GC()
	goruntime.GC()
	goruntime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkBusyLoopHour measures a simulated hour of a container that
// never stops computing, in wall time: a spin, a counter its test reads,
// a spin limited to 100m, and two that log a line a turn (an echo loop,
// yes). A second of CPU is a million shell steps; the loops that repeat
// themselves are charged, not run, and the lines of those that log are
// handed to the log as one record a Run, but kept line by line.
func BenchmarkBusyLoopHour(b *testing.B) {
	cases := []struct {
		name   string
		script string
		quota  time.Duration
	}{
		{"spin", "while true; do :; done", 0},
		{"counter", "i=0; while [ $i -lt 1000000000000 ]; do i=$((i+1)); done", 0},
		{"spin-100m", "while true; do :; done", CFSQuota(100)},
		{"echo", "while true; do echo hello; done", 0},
		{"yes", "yes", 0},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s := newStore(b)
				id := s.run(ContainerConfig{Name: "busy", Image: "busybox:1.36", Command: []string{"sh", "-c", tc.script}, CPUQuota: tc.quota})
				s.runFor(time.Hour)
				if st, _ := s.e.ContainerStats(id); st.UsageCoreNanoSeconds == 0 {
					b.Fatal("the container used no CPU")
				}
			}
		})
	}
}

// BenchmarkPodQuotaSpinHour measures a virtual hour of two spinning
// shells in one pod, in wall time: without a pod-level limit (each has a
// CPU), and under a pod limit of one CPU, whose runtime they take 5 ms
// (a bandwidth slice) at a time, as the kernel's CPUs do: the
// price of sharing the pod's quota fairly is a Run every slice.
func BenchmarkPodQuotaSpinHour(b *testing.B) {
	for _, tc := range []struct {
		name  string
		quota time.Duration
	}{{"free", 0}, {"pod-1cpu", CFSQuota(1000)}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s := newStore(b)
				sb, err := s.e.RunPodSandbox(SandboxConfig{Name: "team", Namespace: "default", UID: "u1", CPUQuota: tc.quota})
				if err != nil {
					b.Fatal(err)
				}
				s.sb = sb
				cfg := ContainerConfig{Name: "one", Image: "busybox:1.36", Command: []string{"sh", "-c", "while true; do :; done"}, CPUQuota: tc.quota}
				one := s.run(cfg)
				cfg.Name = "two"
				s.run(cfg)
				s.runFor(time.Hour)
				if s.usage(one) == 0 {
					b.Fatal("the container used no CPU")
				}
			}
		})
	}
}

// BenchmarkAppendLoopMinute measures a virtual minute of
// `while true; do echo x >> FILE; done`, in wall time, with FILE on the
// container's writable layer, an emptyDir on disk or in memory, and a
// claim of 1 MiB that fills in seconds and then fails every write. The
// turns are charged, not run, and the file keeps its lines as one run.
func BenchmarkAppendLoopMinute(b *testing.B) {
	for _, where := range []string{"/tmp/f", "/cache/f", "/mem/f", "/data/f"} {
		b.Run(where[1:len(where)-2], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s := newStore(b)
				claim := NewVolume(false)
				claim.Capacity = 1 << 20
				s.run(ContainerConfig{Name: "c", Image: "busybox",
					Command: []string{"sh", "-c", "while true; do echo x >> " + where + "; done"},
					Mounts:  []Mount{{Path: "/cache", Volume: NewVolume(false)}, {Path: "/mem", Volume: NewVolume(true)}, {Path: "/data", Volume: claim}}})
				s.runFor(time.Minute)
			}
		})
	}
}
