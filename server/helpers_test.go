package server_test

import (
	"bytes"

	"context"
	corev1 "k8s.io/api/core/v1"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"

	"github.com/nodenucleus/nucleus/events"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/server"
)

// syncBuffer is a buffer the loop writes narration to while a test reads
// it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// served is a server running for a test on a free loopback port.
type served struct {
	addr      string
	srv       *server.Server
	sc        *scenario.Scenario
	run       *scenario.Result
	narration *syncBuffer
	client    *kubernetes.Clientset
	stop      func()
}

// serve starts a server over the scenario text at pace, on 127.0.0.1,
// and stops it when the test ends.
func serve(t testing.TB, text string, pace float64) *served {
	t.Helper()
	sc, err := scenario.Load("test.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	out := &syncBuffer{}
	logbook := events.NewLog()
	run, err := sc.Start(narrate.New(out, narrate.Kubernetes), logbook)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(server.Config{Scenario: sc, Run: run, Log: logbook, Pace: pace})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	hs := &http.Server{Handler: srv}
	loopDone := make(chan struct{})
	go func() { srv.Run(ctx); close(loopDone) }()
	go func() { _ = hs.Serve(ln) }()
	s := &served{addr: "http://" + ln.Addr().String(), srv: srv, sc: sc, run: run, narration: out}
	var once sync.Once
	s.stop = func() {
		once.Do(func() {
			cancel()
			sd, c := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer c()
			if hs.Shutdown(sd) != nil {
				hs.Close()
			}
			<-loopDone
		})
	}
	t.Cleanup(s.stop)
	s.client, err = kubernetes.NewForConfig(&rest.Config{Host: s.addr, QPS: -1})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// oneStore is a chain of one store and nothing on it.
const oneStore = `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata:
  name: test
spec:
  duration: 24h
`

// eventually polls cond every 10ms for up to 10s of wall time.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

// ledgerPods returns the pods at head office; the caller holds the
// server's lock (in Do).
func ledgerPods(t testing.TB, s *served) []*corev1.Pod {
	t.Helper()
	return s.run.Cluster.Pods()
}

// runtimeGosched yields while a benchmark waits for its watchers.
func runtimeGosched() { time.Sleep(100 * time.Microsecond) }
