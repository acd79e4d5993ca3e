package runtime

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pullErr pulls ref and returns the pull's error.
func (s *store) pullErr(ref string) error {
	var err error
	done := false
	s.e.PullImage(ref, func(_ string, _ int64, e error) { err, done = e, true })
	for !done && s.loop.Step() {
	}
	return err
}

// A tag the repository never published is not found, worded as containerd
// words a registry's 404 for the manifest: the resolver's "<ref>: not
// found" inside the CRI plugin's "failed to pull and unpack image" and
// "failed to resolve reference".
// Reference: containerd core/remotes/docker/resolver.go (Resolve: ErrNotFound
// when no host has the manifest) and internal/cri/server/images/image_pull.go
// (PullImage's error wrapping).
func TestPullUnpublishedTag(t *testing.T) {
	s := newStore(t)
	err := s.pullErr("nginx:9.99")
	require.Error(t, err)
	assert.Equal(t, `failed to pull and unpack image "docker.io/library/nginx:9.99": failed to resolve reference "docker.io/library/nginx:9.99": docker.io/library/nginx:9.99: not found`, err.Error())

	for _, ref := range []string{
		"nginx", "nginx:1.14.2", "nginx:1.29", "busybox:1.28", "registry.k8s.io/busybox:1.27.2", "debian", "ubuntu:22.04",
		"fedora:41", "gcr.io/google-samples/hello-app:2.0", "curlimages/curl:8.6.0", "alpine/socat:1.8.0.3", "polinux/stress",
		"vish/stress", "docker.io/redis:6.0.5",
		// A digest is served whatever the tag says.
		"nginx:9.99@sha256:" + strings.Repeat("ab", 32),
	} {
		assert.NoError(t, s.pullErr(ref), ref)
	}
	for _, ref := range []string{"busybox:1.99", "registry.k8s.io/busybox:1.36", "gcr.io/google-samples/hello-app:3.0", "gcr.io/no/such-image:1.0"} {
		assert.ErrorContains(t, s.pullErr(ref), ": not found", ref)
	}
	// Docker Hub answers a repository that does not exist as it answers
	// a private one: 401, which containerd words as "pull access denied".
	assert.Equal(t, `failed to pull and unpack image "docker.io/library/nignx:1.27": failed to resolve reference "docker.io/library/nignx:1.27": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
		s.pullErr("nignx:1.27").Error())
	assert.ErrorContains(t, s.pullErr("hello-app:1.0"), "pull access denied", "hello-app is on gcr.io, not Docker Hub")
}

// An image a scenario registers has no list of tags: every tag is served.
func TestRegisteredImageServesAnyTag(t *testing.T) {
	s := newStore(t)
	require.NoError(t, s.e.Catalog().Register("example.com/shop", mB, Behaviour{}))
	assert.NoError(t, s.pullErr("example.com/shop:whatever"))
}

// Debian, Ubuntu and Fedora have bash; busybox does not, so a script's
// `bash -c` is "not found" there (exit 127), and a container whose command
// is bash fails to start.
func TestBashImages(t *testing.T) {
	script := []string{"sh", "-c", `bash -c 'echo from bash'; echo "status $?"`}
	for image, want := range map[string]string{
		"debian":       "from bash\nstatus 0\n",
		"ubuntu:24.04": "from bash\nstatus 0\n",
		"busybox:1.36": "sh: bash: not found\nstatus 127\n",
	} {
		s := newStore(t)
		id := s.run(ContainerConfig{Name: "c", Image: image, Command: script})
		s.runFor(time.Second)
		assert.Equal(t, want, logText(t, s, id), image)
	}

	s := newStore(t)
	id := s.run(ContainerConfig{Name: "c", Image: "fedora:41", Command: []string{"/bin/bash", "-c", "exit 3"}})
	s.runFor(time.Second)
	assert.Equal(t, int32(3), s.status(id).ExitCode, "fedora runs /bin/bash")

	s = newStore(t)
	s.pull("busybox:1.36")
	id, err := s.e.CreateContainer(s.sb, ContainerConfig{Name: "c", Image: "busybox:1.36", Command: []string{"bash"}})
	require.NoError(t, err)
	assert.ErrorContains(t, s.e.StartContainer(id), `exec: "bash": executable file not found in $PATH`, "busybox has no bash")
	assert.Equal(t, "StartError", s.status(id).Reason)

	// With no command, debian's CMD is bash: no terminal, so it exits 0.
	s = newStore(t)
	id = s.run(ContainerConfig{Name: "c", Image: "debian"})
	s.runFor(time.Second)
	assert.Equal(t, ContainerExited, s.status(id).State)
	assert.Equal(t, int32(0), s.status(id).ExitCode)
}

// hello-app logs that it listens, then one line per request.
// Reference: GoogleCloudPlatform/kubernetes-engine-samples hello-app/main.go.
func TestHelloAppLogs(t *testing.T) {
	s := newStore(t)
	id := s.run(ContainerConfig{Name: "c", Image: "gcr.io/google-samples/hello-app:1.0"})
	s.runFor(time.Second)
	l, ok := s.e.Dial(s.ip(), 8080)
	require.True(t, ok)
	l.HTTP("/hello?x=1")
	logs := logText(t, s, id)
	assert.Contains(t, logs, " Server listening on port 8080\n")
	assert.Contains(t, logs, " Serving request: /hello\n")
}

// curlimages/curl's entrypoint prepends curl when the first argument is a
// flag, and otherwise runs the arguments as a command.
func TestCurlImageEntrypoint(t *testing.T) {
	s := newStore(t)
	id := s.run(ContainerConfig{Name: "c", Image: "curlimages/curl:8.6.0", Args: []string{"sh", "-c", "echo hi"}})
	s.runFor(time.Second)
	assert.Equal(t, "hi\n", logText(t, s, id))
}

// alpine/socat relays what reaches its listening port to the address it
// connects to; with no upstream there is no answer.
func TestSocatRelays(t *testing.T) {
	s := newStore(t)
	s.run(ContainerConfig{Name: "web", Image: "nginx:1.27"})
	s.run(ContainerConfig{Name: "relay", Image: "alpine/socat:1.8.0.3", Args: []string{"tcp-listen:8081,fork", "tcp-connect:127.0.0.1:80"}})
	s.run(ContainerConfig{Name: "dead", Image: "alpine/socat:1.8.0.3", Args: []string{"tcp-listen:5432,fork", "tcp-connect:external-db.example.com:5432"}})
	s.runFor(time.Second)
	l, ok := s.e.Dial(s.ip(), 8081)
	require.True(t, ok)
	status, body := l.HTTP("/")
	assert.Equal(t, 200, status)
	assert.Contains(t, body, "Welcome to nginx!")
	l, ok = s.e.Dial(s.ip(), 5432)
	require.True(t, ok, "socat listens even when its upstream does not resolve")
	status, _ = l.HTTP("/")
	assert.Equal(t, 0, status)

	bad := s.run(ContainerConfig{Name: "bad", Image: "alpine/socat:1.8.0.3", Args: []string{"tcp-listen:1"}})
	s.runFor(time.Second)
	assert.Equal(t, int32(1), s.status(bad).ExitCode)
	assert.Contains(t, logText(t, s, bad), "E exactly 2 addresses required (there are 1)")
}

// vish/stress -cpus 2 keeps the CPU busy: with a limit of one CPU it uses
// one CPU-second each second, as the docs' "Assign CPU Resources" page
// shows it using about 1 CPU.
func TestCPUStress(t *testing.T) {
	s := newStore(t)
	id := s.run(ContainerConfig{Name: "c", Image: "vish/stress", Args: []string{"-cpus", "2"}, CPUQuota: CFSQuota(500)})
	s.runFor(10 * time.Second)
	st, err := s.e.ContainerStats(id)
	require.NoError(t, err)
	assert.InDelta(t, float64(5*time.Second), float64(st.UsageCoreNanoSeconds), float64(200*time.Millisecond), "half a CPU for 10s")
}

// logText returns a container's log, one line each.
func logText(t *testing.T, s *store, id string) string {
	t.Helper()
	lines, err := s.e.Logs(id)
	require.NoError(t, err)
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.Text + "\n")
	}
	return b.String()
}

// `nc -l -p PORT` fed a response serves it to whoever connects, the
// classic one-line web server of shell tutorials.
// Reference: busybox networking/nc.c (-l listens, -p names the port; the
// connection gets stdin).
func TestNcListens(t *testing.T) {
	s := newStore(t)
	s.run(ContainerConfig{Name: "c", Image: "busybox:1.36", Command: []string{"sh", "-c",
		`while true; do printf 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhi from nc' | nc -l -p 8080; done`}})
	s.runFor(time.Second)
	l, ok := s.e.Dial(s.ip(), 8080)
	require.True(t, ok)
	status, body := l.HTTP("/")
	assert.Equal(t, 200, status)
	assert.Equal(t, "hi from nc", body)
}
