package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// manyPods is a chain of one store and n pods, applied at time zero.
func manyPods(n int) string {
	var b strings.Builder
	b.WriteString(oneStore)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p%05d\n  labels: {app: bench}\nspec:\n  containers:\n  - name: app\n    image: busybox\n    command: [sleep, \"3600\"]\n", i)
	}
	return b.String()
}

// benchmarkList lists 10,000 pods per op with the Accept header given,
// through the server's handler (no network), the clock paused so every
// op reads the same chain.
func benchmarkList(b *testing.B, accept string) {
	s := serve(b, manyPods(10000), 1)
	paused := true
	s.srv.Set(&paused, 0, 0)
	req := httptest.NewRequest(http.MethodGet, "/api/v1/namespaces/default/pods", nil)
	req.Header.Set("Accept", accept)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rec := httptest.NewRecorder()
		s.srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("list: %d %s", rec.Code, rec.Body.String()[:200])
		}
		b.SetBytes(int64(rec.Body.Len()))
	}
}

// BenchmarkListPodsTable is `kubectl get pods` over 10,000 pods: a
// server-side Table.
func BenchmarkListPodsTable(b *testing.B) {
	benchmarkList(b, "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
}

// BenchmarkListPodsJSON is `kubectl get pods -o json` (or an informer's
// list) over 10,000 pods.
func BenchmarkListPodsJSON(b *testing.B) {
	benchmarkList(b, "application/json")
}

// BenchmarkWatch100 measures watch fan-out: 100 watches of pods over
// loopback HTTP, and per op one pod created whose ADDED event every watch
// must read. ns/op is the time from a create to its hundredth delivery,
// amortized.
func BenchmarkWatch100(b *testing.B) {
	s := serve(b, oneStore, 1)
	paused := true
	s.srv.Set(&paused, 0, 0)
	const watchers = 100
	var added atomic.Int64
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	opened := make(chan struct{}, watchers)
	for i := 0; i < watchers; i++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.addr+"/api/v1/namespaces/default/pods?watch=true&resourceVersion=0", nil)
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return
			}
			defer resp.Body.Close()
			opened <- struct{}{}
			sc := bufio.NewScanner(resp.Body)
			sc.Buffer(make([]byte, 1<<20), 1<<20)
			for sc.Scan() {
				var ev struct {
					Type string `json:"type"`
				}
				if json.Unmarshal(sc.Bytes(), &ev) == nil && ev.Type == "ADDED" {
					added.Add(1)
				}
			}
		}()
	}
	for i := 0; i < watchers; i++ {
		<-opened
	}
	pods := s.client.CoreV1().Pods("default")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := pods.Create(context.Background(), busybox(fmt.Sprintf("w%06d", i), nil, "sleep", "3600"), metav1.CreateOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	want := int64(b.N) * watchers
	for added.Load() < want {
		runtimeGosched()
	}
	b.StopTimer()
	b.ReportMetric(float64(want)/b.Elapsed().Seconds(), "events/s")
	cancel()
	s.stop()
	wg.Wait()
}

// benchmarkWrite sends one write per op through the server's handler (no
// network), the clock paused: body(i) is the op's request. It measures
// the served path's write cost: decoding, validation, the chain's action
// and the field managers' bookkeeping.
func benchmarkWrite(b *testing.B, prepare func(s *served), body func(i int) *http.Request) {
	s := serve(b, oneStore, 1)
	paused := true
	s.srv.Set(&paused, 0, 0)
	if prepare != nil {
		prepare(s)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rec := httptest.NewRecorder()
		s.srv.ServeHTTP(rec, body(i))
		if rec.Code >= 300 {
			b.Fatalf("write: %d %s", rec.Code, rec.Body.String())
		}
	}
}

// BenchmarkCreatePod is `kubectl create` of a pod: a POST per op.
func BenchmarkCreatePod(b *testing.B) {
	benchmarkWrite(b, nil, func(i int) *http.Request {
		data, _ := json.Marshal(busybox(fmt.Sprintf("c%06d", i), nil, "sleep", "3600"))
		req := httptest.NewRequest(http.MethodPost, "/api/v1/namespaces/default/pods?fieldManager=kubectl-create", strings.NewReader(string(data)))
		req.Header.Set("Content-Type", "application/json")
		return req
	})
}

// configMapBody is a ConfigMap "settings" whose one key holds i.
func configMapBody(i int) string {
	return fmt.Sprintf(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings","namespace":"default"},"data":{"n":"%d"}}`, i)
}

// BenchmarkUpdateConfigMap is a PUT per op that changes a ConfigMap's
// value, as kubectl replace sends it.
func BenchmarkUpdateConfigMap(b *testing.B) {
	benchmarkWrite(b, func(s *served) {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/namespaces/default/configmaps", strings.NewReader(configMapBody(-1)))
		req.Header.Set("Content-Type", "application/json")
		s.srv.ServeHTTP(httptest.NewRecorder(), req)
	}, func(i int) *http.Request {
		req := httptest.NewRequest(http.MethodPut, "/api/v1/namespaces/default/configmaps/settings?fieldManager=kubectl-replace", strings.NewReader(configMapBody(i)))
		req.Header.Set("Content-Type", "application/json")
		return req
	})
}

// BenchmarkApplyConfigMap is a server-side apply per op that changes a
// ConfigMap's value (the first creates it).
func BenchmarkApplyConfigMap(b *testing.B) {
	benchmarkWrite(b, nil, func(i int) *http.Request {
		req := httptest.NewRequest(http.MethodPatch, "/api/v1/namespaces/default/configmaps/settings?fieldManager=kubectl", strings.NewReader(configMapBody(i)))
		req.Header.Set("Content-Type", "application/apply-patch+yaml")
		return req
	})
}
