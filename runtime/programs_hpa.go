package runtime

import (
	"time"

	"github.com/nodenucleus/nucleus/runtime/shell"
	"github.com/nodenucleus/nucleus/sim"
)

// RequestCPU is the CPU one request to registry.k8s.io/hpa-example
// costs: its index.php adds up a million square roots before it answers
// "OK!". nucleus charges 7 ms of CPU for it, a figure of its own chosen so
// that the HPA walkthrough's load generator (a busybox loop of wget
// every 10 ms) drives the php-apache Deployment to about the seven
// replicas the page shows.
const RequestCPU = 7 * time.Millisecond

// requestBacklog is how far behind a CPU-bound server may fall before it
// answers 503 at once instead of queueing a request: Apache's clients
// would have given up by then.
const requestBacklog = 10 * time.Second

// ServeCPU queues cpu of work for a request that arrives now. The
// container works through its queue of requests with the CPU it has (one
// CPU, or its limit's quota of each CFS period), so the CPU shows in its
// usage as it is served, never faster than the limit allows. When the
// queue already holds more than requestBacklog of work at that pace,
// ServeCPU reports false and the request is turned away untouched.
func (h *Host) ServeCPU(cpu time.Duration) bool {
	now := h.c.e.loop.Now()
	a := &h.c.cpu
	a.drain(now)
	if a.backlog+cpu > a.budget(now, now.Add(requestBacklog)) {
		return false
	}
	a.backlog += cpu
	return true
}

// drain serves as much of the queued request work as the container's CPU
// allowed between the last drain and now.
func (a *cpuAccount) drain(now sim.Time) {
	if a.backlog > 0 && now > a.drained {
		if done := min(a.backlog, a.budget(a.drained, now)); done > 0 {
			a.serve(a.drained, done)
			a.backlog -= done
		}
	}
	a.drained = now
}

// apacheNotice returns an Apache 2.4 prefork error-log line, as php:5-apache
// writes them.
func apacheNotice(module, text string) planLog {
	return planLog{stream: "stderr", line: func(h *Host) string {
		return "[" + h.Now().Format("Mon Jan 02 15:04:05.000000 2006") + "] [" + module + ":notice] [pid 1] " + text
	}}
}

// hpaExampleImage is registry.k8s.io/hpa-example, the php-apache server of
// the HorizontalPodAutoscaler walkthrough: Apache with PHP on port 80,
// whose every request burns RequestCPU before it answers "OK!".
func hpaExampleImage() ImageSpec {
	fqdn := planLog{stream: "stderr", line: func(h *Host) string {
		return "AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using " +
			h.IP() + ". Set the 'ServerName' directive globally to suppress this message"
	}}
	p := (&plan{}).
		log(0, fqdn).log(0, fqdn).
		log(0, apacheNotice("mpm_prefork", "AH00163: Apache/2.4.10 (Debian) PHP/5.6.14 configured -- resuming normal operations")).
		log(0, apacheNotice("core", "AH00094: Command line: 'apache2 -D FOREGROUND'")).
		listen(0, 80, func(h *Host) Listener {
			return &Port{Answer: func(path string) (int, string) {
				if path != "/" && path != "/index.php" {
					return 404, "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n</body></html>\n"
				}
				if !h.ServeCPU(RequestCPU) {
					return 503, "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>503 Service Unavailable</title>\n</head></html>\n"
				}
				return 200, "OK!"
			}}
		}).
		on(shell.SIGWINCH, SignalBehaviour{Exit: true, After: 100 * time.Millisecond},
			apacheNotice("mpm_prefork", "AH00170: caught SIGWINCH, shutting down gracefully")).
		on(shell.SIGTERM, SignalBehaviour{Exit: true},
			apacheNotice("mpm_prefork", "AH00169: caught SIGTERM, shutting down"))
	run := p.program()
	return ImageSpec{
		Repository: "registry.k8s.io/hpa-example", Size: 178 * mB, Memory: 12 * miB, Shell: true,
		Cmd:        []string{"apache2-foreground"},
		StopSignal: shell.SIGWINCH,
		Programs:   map[string]ProgramFunc{"apache2-foreground": run, "apache2": run},
	}
}
