package runtime

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// What the kubelet's probes and kube-proxy can observe of each catalog
// server: who listens, in which protocol, and what HTTP answers.
// Reference: proxy-and-runtime.md B1.1 (the runtime runs what the image
// holds); the docs' probe examples (agnhost liveness, goproxy, etcd).
func TestCatalogListeners(t *testing.T) {
	tests := []struct {
		name   string
		cfg    ContainerConfig
		port   int
		proto  Protocol
		path   string
		status int // 0: no HTTP answer
		body   string
		health string // gRPC health of the whole server; "" = no gRPC
	}{
		{"nginx", ContainerConfig{Image: "nginx:1.27"}, 80, ProtocolHTTP, "/", 200, "Welcome to nginx!", ""},
		{"nginx 404", ContainerConfig{Image: "nginx:1.27"}, 80, ProtocolHTTP, "/nope", 404, "404 Not Found", ""},
		{"httpd", ContainerConfig{Image: "httpd:2.4"}, 80, ProtocolHTTP, "/", 200, "It works!", ""},
		{"redis speaks no HTTP", ContainerConfig{Image: "redis:7"}, 6379, ProtocolTCP, "/", 0, "", ""},
		{"goproxy", ContainerConfig{Image: "registry.k8s.io/goproxy:0.1"}, 8080, ProtocolHTTP, "/", 500, "proxy server", ""},
		{"etcd gRPC health", ContainerConfig{Image: "registry.k8s.io/etcd:3.5.1-0", Command: []string{"/usr/local/bin/etcd", "--data-dir", "/var/lib/etcd"}}, 2379, ProtocolGRPC, "/health", 200, `"health":"true"`, HealthServing},
		{"agnhost netexec", ContainerConfig{Image: "registry.k8s.io/e2e-test-images/agnhost:2.40", Args: []string{"netexec", "--http-port=8081"}}, 8081, ProtocolHTTP, "/hostname", 200, "web", ""},
		{"agnhost serve-hostname", ContainerConfig{Image: "registry.k8s.io/e2e-test-images/agnhost:2.40", Args: []string{"serve-hostname"}}, 9376, ProtocolHTTP, "/", 200, "web", ""},
		{"hello-app 1.0", ContainerConfig{Image: "gcr.io/google-samples/hello-app:1.0"}, 8080, ProtocolHTTP, "/", 200, "Hello, world!\nVersion: 1.0.0\nHostname: web\n", ""},
		{"hello-app 2.0", ContainerConfig{Image: "gcr.io/google-samples/hello-app:2.0"}, 8080, ProtocolHTTP, "/any", 200, "Version: 2.0.0\n", ""},
		{"node-hello", ContainerConfig{Image: "gcr.io/google-samples/node-hello:1.0"}, 8080, ProtocolHTTP, "/", 200, "Hello World!", ""},
		{"guestbook frontend", ContainerConfig{Image: "docker.io/corelab/gb-frontend:v5"}, 80, ProtocolHTTP, "/", 200, "<title>Guestbook</title>", ""},
		{"redis follower", ContainerConfig{Image: "us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower:v2"}, 6379, ProtocolTCP, "/", 0, "", ""},
		{"agnhost liveness at 1s", ContainerConfig{Image: "registry.k8s.io/e2e-test-images/agnhost:2.40", Args: []string{"liveness"}}, 8080, ProtocolHTTP, "/healthz", 200, "ok", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			tt.cfg.Name = "c"
			s.run(tt.cfg)
			s.runFor(time.Second)
			l, ok := s.e.Dial(s.ip(), tt.port)
			require.True(t, ok, "Dial(%s:%d)", s.ip(), tt.port)
			assert.Equal(t, tt.proto, ProtocolOf(l), "protocol")
			status, body := l.HTTP(tt.path)
			assert.Equal(t, tt.status, status, "HTTP(%q) status", tt.path)
			assert.Contains(t, body, tt.body, "HTTP(%q) body", tt.path)
			health, grpc := GRPCHealthOf(l, "")
			assert.Equal(t, tt.health, health, "gRPC health")
			assert.Equal(t, tt.health != "", grpc, "speaks gRPC")
		})
	}
}

// The docs' "Define a liveness HTTP request": /healthz answers 200 for the
// first 10 seconds after the start, 500 after.
// Reference: test/images/agnhost/liveness/server.go (duration > 10s: 500).
func TestAgnhostLivenessOverTime(t *testing.T) {
	tests := []struct {
		at     time.Duration
		status int
	}{{0, 200}, {3 * time.Second, 200}, {10 * time.Second, 200}, {10*time.Second + time.Millisecond, 500}, {time.Minute, 500}}
	s := newStore(t)
	s.run(ContainerConfig{Name: "liveness", Image: "registry.k8s.io/e2e-test-images/agnhost:2.40", Args: []string{"liveness"}})
	start := s.loop.Now()
	for _, tt := range tests {
		s.loop.RunUntil(start.Add(tt.at))
		l, ok := s.e.Dial(s.ip(), 8080)
		require.True(t, ok)
		got, _ := l.HTTP("/healthz")
		assert.Equal(t, tt.status, got, "/healthz at %v", tt.at)
	}
}

// A scripted port: closed during startup, answers per path and time, with
// its latency; ports close when the container exits.
// Reference: proxy-and-runtime.md B1.1 (StopContainer), B4.
func TestScriptedPorts(t *testing.T) {
	s := newStore(t)
	require.NoError(t, s.e.Catalog().Register("example.com/shop", 20*mB, Behaviour{
		StartupTime: 5 * time.Second,
		Ports: []PortBehaviour{
			{Port: 8080, Latency: 300 * time.Millisecond, Paths: []PathBehaviour{
				{Path: "/ready", Status: 503, Until: 8 * time.Second},
				{Path: "/ready", Status: 200, Body: "ready"},
			}},
			{Port: 9000, Protocol: ProtocolGRPC},
			{Port: 6000, Protocol: ProtocolTCP},
		},
	}))
	id := s.run(ContainerConfig{Name: "shop", Image: "example.com/shop:v1"})
	s.runFor(4 * time.Second)
	_, ok := s.e.Dial(s.ip(), 8080)
	assert.False(t, ok, "port open during startup")
	s.runFor(2 * time.Second)
	l, ok := s.e.Dial(s.ip(), 8080)
	require.True(t, ok, "port open after startup")
	assert.Equal(t, 300*time.Millisecond, LatencyOf(l))
	st, _ := l.HTTP("/ready")
	assert.Equal(t, 503, st, "/ready at 6s")
	s.runFor(3 * time.Second)
	st, body := l.HTTP("/ready")
	assert.Equal(t, 200, st, "/ready at 9s")
	assert.Equal(t, "ready", body)
	st, _ = l.HTTP("/other")
	assert.Equal(t, 404, st)
	g, _ := s.e.Dial(s.ip(), 9000)
	h, ok := GRPCHealthOf(g, "")
	assert.True(t, ok)
	assert.Equal(t, HealthServing, h)
	tcp, _ := s.e.Dial(s.ip(), 6000)
	assert.Equal(t, ProtocolTCP, ProtocolOf(tcp))
	require.NoError(t, s.e.Crash(id, 3))
	_, ok = s.e.Dial(s.ip(), 8080)
	assert.False(t, ok, "port open after the container exited")
	assert.Equal(t, int32(3), s.status(id).ExitCode)
}
