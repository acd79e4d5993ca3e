package runtime_test

import (
	"fmt"
	"time"

	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// A scripted image: slow to start, healthy for a minute, and polite on
// SIGTERM. The store pulls it, runs it, and asks it over HTTP.
func Example() {
	loop := sim.New(1)
	catalog := runtime.NewCatalog()
	err := catalog.Register("example.com/shop/checkout", 30_000_000, runtime.Behaviour{
		StartupTime: 5 * time.Second,
		Ports: []runtime.PortBehaviour{{Port: 8080, Paths: []runtime.PathBehaviour{
			{Path: "/healthz", Status: 200, Until: time.Minute},
			{Path: "/healthz", Status: 500, Body: "database gone"},
		}}},
		OnSIGTERM: runtime.SignalBehaviour{Exit: true, After: 2 * time.Second},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	e, _ := runtime.New(loop, runtime.Config{Store: "store-1", Catalog: catalog})
	sb, _ := e.RunPodSandbox(runtime.SandboxConfig{Name: "checkout", Namespace: "default"})
	ip := func() string { st, _ := e.PodSandboxStatus(sb); return st.IP }()

	e.PullImage("example.com/shop/checkout:v1", func(_ string, size int64, err error) {
		fmt.Printf("%s pulled %d bytes\n", loop.Now(), size)
		id, _ := e.CreateContainer(sb, runtime.ContainerConfig{Name: "checkout", Image: "example.com/shop/checkout:v1"})
		_ = e.StartContainer(id)
		for _, at := range []time.Duration{time.Second, 10 * time.Second, 2 * time.Minute} {
			loop.After(at, func() {
				if l, ok := e.Dial(ip, 8080); ok {
					status, _ := l.HTTP("/healthz")
					fmt.Printf("%s GET /healthz: %d\n", loop.Now(), status)
				} else {
					fmt.Printf("%s connection refused\n", loop.Now())
				}
			})
		}
		loop.After(3*time.Minute, func() {
			_ = e.StopContainer(id, 30*time.Second, func() {
				st, _ := e.ContainerStatus(id)
				fmt.Printf("%s stopped: exit %d (%s)\n", loop.Now(), st.ExitCode, st.Reason)
			})
		})
	})
	loop.RunFor(10 * time.Minute)
	// Output:
	// 00:00:00.8 pulled 30000000 bytes
	// 00:00:01.8 connection refused
	// 00:00:10.8 GET /healthz: 200
	// 00:02:00.8 GET /healthz: 500
	// 00:03:02.8 stopped: exit 0 (Completed)
}
