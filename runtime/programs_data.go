package runtime

import (
	"fmt"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/nodenucleus/nucleus/runtime/shell"
)

// redisLog returns a redis log line, e.g. "1:M 09 May 2026 07:00:00.000 * Ready...".
func redisLog(role, level, text string) planLog {
	return planLog{stream: "stdout", line: func(h *Host) string {
		return "1:" + role + " " + h.Now().Format("02 Jan 2006 15:04:05.000") + " " + level + " " + text
	}}
}

// redisImage is docker.io/library/redis: a TCP server on 6379 that speaks
// no HTTP. SIGTERM (and SIGINT) make it save and exit 0, with its
// shutdown log lines. redis-cli ping answers PONG while the server runs.
func redisImage() ImageSpec {
	shutdown := []planLog{
		{stream: "stdout", line: func(h *Host) string {
			return fmt.Sprintf("1:signal-handler (%d) Received SIGTERM scheduling shutdown...", h.Now().Unix())
		}},
		redisLog("M", "*", "User requested shutdown..."),
		redisLog("M", "*", "Saving the final RDB snapshot before exiting."),
		redisLog("M", "*", "DB saved on disk"),
		redisLog("M", "#", "Redis is now ready to exit, bye bye..."),
	}
	p := (&plan{}).
		log(0, redisLog("C", "*", "oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo")).
		log(0, redisLog("C", "*", "Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started")).
		log(0, redisLog("C", "#", "Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf")).
		log(0, redisLog("M", "*", "Running mode=standalone, port=6379.")).
		log(0, redisLog("M", "*", "Server initialized")).
		log(0, redisLog("M", "*", "Ready to accept connections tcp")).
		listen(0, 6379, func(*Host) Listener { return &Port{Speaks: ProtocolTCP} }).
		on(shell.SIGTERM, SignalBehaviour{Exit: true, After: 10 * time.Millisecond}, shutdown...).
		on(shell.SIGINT, SignalBehaviour{Exit: true, After: 10 * time.Millisecond}, shutdown...)
	run := p.program()
	return ImageSpec{
		Repository: "docker.io/library/redis", Size: 45 * mB, Memory: 4 * miB, Shell: true, Tags: redisTags(),
		Entrypoint: []string{"docker-entrypoint.sh"}, Cmd: []string{"redis-server"},
		Programs: map[string]ProgramFunc{"docker-entrypoint.sh": run, "redis-server": run, "redis-cli": redisCLI},
	}
}

// oneShot is a program that did its work when it started and exits with
// code at its first Run.
type oneShot struct{ code int }

func (o oneShot) Run() shell.Step                  { return shell.Step{Exited: true, ExitCode: o.code} }
func (o oneShot) Signal(syscall.Signal) shell.Step { return o.Run() }

// redisCLI is `redis-cli ping`, the usual exec probe of a redis pod.
func redisCLI(argv, _ []string, h *Host) Process {
	if !h.Connect("127.0.0.1", 6379) {
		h.Log("stderr", "Could not connect to Redis at 127.0.0.1:6379: Connection refused")
		return oneShot{1}
	}
	if len(argv) > 1 && strings.EqualFold(argv[len(argv)-1], "ping") {
		h.Log("stdout", "PONG")
		return oneShot{0}
	}
	h.Log("stdout", "(error) ERR unknown command")
	return oneShot{0}
}

// etcdImage is registry.k8s.io/etcd, the server of the docs' gRPC probe
// example: gRPC (with the health service answering SERVING) and HTTP
// (/health) on the client port 2379. On SIGTERM it exits 0: etcd handles
// the signal and, knowing that the kernel will not kill PID 1, exits by
// itself.
func etcdImage() ImageSpec {
	jsonLog := func(msg string) planLog {
		return planLog{stream: "stderr", line: func(h *Host) string {
			return `{"level":"info","ts":"` + h.Now().Format("2006-01-02T15:04:05.000Z") + `","msg":"` + msg + `"}`
		}}
	}
	p := (&plan{}).
		log(0, jsonLog("starting etcd")).
		log(0, jsonLog("serving client traffic insecurely; this is strongly discouraged!")).
		listen(0, 2379, func(*Host) Listener {
			return &Port{Speaks: ProtocolGRPC,
				Health: func(service string) string {
					if service == "" {
						return HealthServing
					}
					return HealthServiceUnknown
				},
				Answer: func(path string) (int, string) {
					if strings.SplitN(path, "?", 2)[0] == "/health" {
						return 200, `{"health":"true","reason":""}`
					}
					return 404, "404 page not found\n"
				}}
		}).
		on(shell.SIGTERM, SignalBehaviour{Exit: true}, jsonLog("received signal; shutting down")).
		on(shell.SIGINT, SignalBehaviour{Exit: true}, jsonLog("received signal; shutting down"))
	return ImageSpec{
		Repository: "registry.k8s.io/etcd", Size: 23 * mB, Memory: 20 * miB, Tags: etcdTags(),
		Entrypoint: []string{"/usr/local/bin/etcd"},
		Programs:   map[string]ProgramFunc{"etcd": p.program()},
	}
}

// stressImage is docker.io/polinux/stress, the image of the docs' "Assign
// Memory Resources" page: `stress --vm 1 --vm-bytes 150M` allocates 150 MiB
// (at 1 GiB/s) and holds it, so with a 100Mi limit it is OOM-killed.
func stressImage() ImageSpec {
	run := func(argv, env []string, h *Host) Process {
		return stressPlan(argv[1:]).program()(argv, env, h)
	}
	return ImageSpec{
		Repository: "docker.io/polinux/stress", Size: 4 * mB, Memory: 1 * miB, Shell: true, Tags: []string{"latest", "1.0.4"},
		Cmd:      []string{"stress"},
		Programs: map[string]ProgramFunc{"stress": run},
	}
}

// stressPlan returns the plan of one stress command line.
func stressPlan(args []string) *plan {
	workers := intFlag(args, "vm", 0)
	per := int64(256 * miB)
	for i, a := range args {
		if a == "--vm-bytes" && i+1 < len(args) {
			if n, ok := parseStressBytes(args[i+1]); ok {
				per = n
			}
		}
	}
	total := int64(workers) * per
	const rate = 1 << 30 // bytes per second a worker touches
	p := (&plan{}).log(0, stdout(fmt.Sprintf("stress: info: [1] dispatching hogs: 0 cpu, 0 io, %d vm, 0 hdd", workers)))
	if total > 0 {
		grow := time.Duration(total * int64(time.Second) / rate)
		p.useMemory(MemoryStep{At: 0, Bytes: 1 * miB, PerSecond: rate})
		p.useMemory(MemoryStep{At: grow, Bytes: 1*miB + total})
	}
	if secs := timeoutFlag(args); secs > 0 {
		p.log(time.Duration(secs)*time.Second, stdout(fmt.Sprintf("stress: info: [1] successful run completed in %ds", secs)))
		p.exitAt(time.Duration(secs)*time.Second, 0)
	}
	return p
}

// parseStressBytes parses stress's sizes: a number with an optional B, K,
// M or G suffix (powers of 1024).
func parseStressBytes(s string) (int64, bool) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "G"):
		mult, s = 1<<30, strings.TrimSuffix(s, "G")
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "B"):
		s = strings.TrimSuffix(s, "B")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > 1<<40 {
		return 0, false
	}
	return n * mult, true
}

// timeoutFlag returns stress's --timeout N (or Ns) in seconds, 0 if none.
func timeoutFlag(args []string) int {
	for i, a := range args {
		if (a == "--timeout" || a == "-t") && i+1 < len(args) {
			if n, err := strconv.Atoi(strings.TrimSuffix(args[i+1], "s")); err == nil && n > 0 {
				return n
			}
		}
	}
	return 0
}
