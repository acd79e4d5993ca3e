package server

import (
	"bufio"
	"fmt"
	"net/http"
	"strconv"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// logOptions are the parameters of a pod's log.
type logOptions struct {
	container  string
	previous   bool
	follow     bool
	timestamps bool
	tailLines  *int64
	since      *time.Duration
}

func logOptionsOf(req *http.Request) (logOptions, error) {
	q := req.URL.Query()
	o := logOptions{container: q.Get("container")}
	for name, dst := range map[string]*bool{"previous": &o.previous, "follow": &o.follow, "timestamps": &o.timestamps} {
		if v := q.Get(name); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return o, badRequest("%s: Invalid value: %q", name, v)
			}
			*dst = b
		}
	}
	if v := q.Get("tailLines"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return o, badRequest("tailLines: Invalid value: %q: must be greater than or equal to 0", v)
		}
		o.tailLines = &n
	}
	if v := q.Get("sinceSeconds"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			return o, badRequest("sinceSeconds: Invalid value: %q: must be greater than 0", v)
		}
		d := time.Duration(n) * time.Second
		o.since = &d
	}
	return o, nil
}

// serveLog serves a container's log as the kubelet does: the current
// instance's or, with previous, the one before; the last tailLines
// lines, those of the last sinceSeconds, each after its time with
// timestamps; with follow, new lines as the container writes them, until
// it stops or the client goes.
// Reference: pkg/kubelet/kubelet_pods.go GetContainerLogs,
// validateContainerLogStatus; pkg/kubelet/kuberuntime/logs ReadLogs.
func (s *Server) serveLog(w http.ResponseWriter, req *http.Request, rq request) error {
	if rq.r.kind != "Pod" {
		return s.unknownSubresource(rq)
	}
	o, err := logOptionsOf(req)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.catchUp()
	lines, total, engine, id, offset, err := s.logLines(rq, o)
	s.mu.Unlock()
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain")
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriter(w)
	flusher, _ := w.(http.Flusher)
	write := func(ls []runtime.LogLine, offset time.Duration) bool {
		for _, l := range ls {
			if o.timestamps {
				fmt.Fprintf(bw, "%s ", l.Time.Wall().Add(offset).Format(time.RFC3339Nano))
			}
			fmt.Fprintln(bw, l.Text)
		}
		if bw.Flush() != nil {
			return false
		}
		if flusher != nil {
			flusher.Flush()
		}
		return true
	}
	if !write(lines, offset) || !o.follow {
		return nil
	}
	seen := total
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-req.Context().Done():
			return nil
		case <-tick.C:
		}
		s.mu.Lock()
		s.catchUp()
		all, err := engine.Logs(id)
		running := err == nil && isRunning(engine, id)
		_, offset := s.clock.servedNow()
		s.mu.Unlock()
		if err != nil {
			return nil
		}
		if len(all) > seen {
			if !write(all[seen:], offset) {
				return nil
			}
			seen = len(all)
		}
		if !running {
			return nil
		}
	}
}

func isRunning(e *runtime.Engine, id string) bool {
	st, err := e.ContainerStatus(id)
	return err == nil && st.State == runtime.ContainerRunning
}

// logLines finds the container instance and returns its selected lines.
// The caller holds the lock.
// It returns the lines, how many the instance has written in all, the
// engine and id to follow it by, and the offset that serves their times.
func (s *Server) logLines(rq request, o logOptions) ([]runtime.LogLine, int, *runtime.Engine, string, time.Duration, error) {
	obj, err := rq.r.find(rq.ns, rq.name)
	if err != nil {
		return nil, 0, nil, "", 0, err
	}
	p := obj.(*corev1.Pod)
	container, err := kubectl.LogContainer(p, o.container)
	if err != nil {
		return nil, 0, nil, "", 0, badRequest("%v", err)
	}
	id, err := kubectl.LogContainerID(p, container, o.previous)
	if err != nil {
		return nil, 0, nil, "", 0, badRequest("%v", err)
	}
	store, ok := s.c.Store(p.Spec.NodeName)
	if !ok {
		return nil, 0, nil, "", 0, badRequest("container %q in pod %q is not available", container, p.Name)
	}
	lines, err := store.Runtime.Logs(id)
	if err != nil {
		return nil, 0, nil, "", 0, apierrors.NewNotFound(rq.r.groupResource(), p.Name)
	}
	total := len(lines)
	now := s.c.Now()
	if o.since != nil {
		from := now - sim.Time(*o.since)
		i := 0
		for i < len(lines) && lines[i].Time < from {
			i++
		}
		lines = lines[i:]
	}
	if o.tailLines != nil && int64(len(lines)) > *o.tailLines {
		lines = lines[int64(len(lines))-*o.tailLines:]
	}
	return lines, total, store.Runtime, id, s.clock.offset(now), nil
}
