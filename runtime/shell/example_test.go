package shell_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/nodenucleus/nucleus/runtime/shell"
)

// store is a tiny Host: a clock, a log printed as it comes, and files.
type store struct {
	now   time.Time
	files map[string]string
}

func (s *store) Now() time.Time   { return s.now }
func (s *store) Hostname() string { return "liveness-exec" }
func (s *store) Log(stream, line string) {
	fmt.Printf("%s %s: %s\n", s.now.Format("15:04:05"), stream, line)
}
func (s *store) ReadFile(p string) (string, bool) { c, ok := s.files[p]; return c, ok }
func (s *store) WriteFile(p, c string, appendTo bool) error {
	if appendTo {
		c = s.files[p] + c
	}
	s.files[p] = c
	return nil
}
func (s *store) Remove(p string) error {
	if _, ok := s.files[p]; !ok {
		return errors.New("no such file")
	}
	delete(s.files, p)
	return nil
}
func (s *store) MakeDir(string) error { return nil }
func (s *store) Stat(p string) (bool, bool) {
	_, ok := s.files[p]
	return false, ok
}
func (s *store) LookupHost(string) (string, bool)                { return "", false }
func (s *store) Connect(string, int) bool                        { return false }
func (s *store) HTTPGet(string, int, string) (int, string, bool) { return 0, "", false }

// The liveness-probe example from the Kubernetes documentation: the container
// creates /tmp/healthy, removes it after 30 seconds, and sleeps. The engine
// calls Run, and calls it again after each Step's Sleep.
func Example() {
	host := &store{now: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC), files: map[string]string{}}
	p := shell.Start([]string{"/bin/sh", "-c",
		"touch /tmp/healthy; echo started; sleep 30; rm -f /tmp/healthy; echo unhealthy; sleep 600"}, nil, host)
	for {
		st := p.Run()
		_, healthy := host.files["/tmp/healthy"]
		fmt.Printf("%s step %+v healthy=%v\n", host.now.Format("15:04:05"), st, healthy)
		if st.Exited {
			break
		}
		host.now = host.now.Add(st.Sleep)
	}
	// Output:
	// 12:00:00 stdout: started
	// 12:00:00 step {Exited:false ExitCode:0 Sleep:30s CPU:8µs} healthy=true
	// 12:00:30 stdout: unhealthy
	// 12:00:30 step {Exited:false ExitCode:0 Sleep:10m0s CPU:8µs} healthy=false
	// 12:10:30 step {Exited:true ExitCode:0 Sleep:0s CPU:0s} healthy=false
}

// Why deleting a `sleep 3600` busybox pod takes the whole grace period: the
// shell is PID 1 and has no handler for SIGTERM, so only SIGKILL ends it.
func ExampleProcess_Signal() {
	host := &store{now: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC), files: map[string]string{}}
	plain := shell.Start([]string{"sh", "-c", "sleep 3600"}, nil, host)
	plain.Run()
	fmt.Printf("SIGTERM: %+v\n", plain.Signal(shell.SIGTERM))
	fmt.Printf("SIGKILL: %+v\n", plain.Signal(shell.SIGKILL))

	trapped := shell.Start([]string{"sh", "-c", "trap 'echo bye; exit 0' TERM; sleep 3600"}, nil, host)
	trapped.Run()
	fmt.Printf("SIGTERM with trap: %+v\n", trapped.Signal(shell.SIGTERM))
	// Output:
	// SIGTERM: {Exited:false ExitCode:0 Sleep:1h0m0s CPU:0s}
	// SIGKILL: {Exited:true ExitCode:137 Sleep:0s CPU:0s}
	// 12:00:00 stdout: bye
	// SIGTERM with trap: {Exited:true ExitCode:0 Sleep:0s CPU:7µs}
}

// A busybox container with no command: sh finds no script and no stdin and
// exits 0 at once, so under restartPolicy Always it ends in CrashLoopBackOff.
func ExampleStart() {
	host := &store{now: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC), files: map[string]string{}}
	fmt.Printf("%+v\n", shell.Start([]string{"sh"}, nil, host).Run())
	fmt.Println(shell.Known("/bin/sleep"), shell.Known("nginx"))
	// Output:
	// {Exited:true ExitCode:0 Sleep:0s CPU:0s}
	// true false
}
