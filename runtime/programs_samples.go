package runtime

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/nodenucleus/nucleus/runtime/shell"
)

// goLog is a line as Go's log package writes it to stderr:
// "2026/05/09 07:00:00 text".
func goLog(text func(h *Host) string) planLog {
	return planLog{stream: "stderr", line: func(h *Host) string {
		return h.Now().Format("2006/01/02 15:04:05") + " " + text(h)
	}}
}

// helloAppImage is gcr.io/google-samples/hello-app, the web server of the
// Kubernetes tutorials (GoogleCloudPlatform/kubernetes-engine-samples,
// hello-app/main.go): on port 8080 every path answers "Hello, world!",
// the version and the pod's name, and each request is logged. The 1.0 and
// 2.0 images were built on alpine, so they have a shell (the docs' "Define
// Environment Variables" page runs `kubectl exec envar-demo -- printenv`
// in one). It is a Go program without a signal handler, so SIGTERM ends it
// with code 2 (see goExit).
func helloAppImage() ImageSpec {
	run := func(argv, env []string, h *Host) Process {
		version := "1.0.0"
		if h.c.image.ref.Tag == "2.0" {
			version = "2.0.0"
		}
		p := goExit((&plan{}).
			log(0, goLog(func(*Host) string { return "Server listening on port 8080" })).
			listen(0, 8080, func(h *Host) Listener {
				return &Port{Answer: func(path string) (int, string) {
					h.Log("stderr", h.Now().Format("2006/01/02 15:04:05")+" Serving request: "+strings.SplitN(path, "?", 2)[0])
					return 200, "Hello, world!\nVersion: " + version + "\nHostname: " + h.Hostname() + "\n"
				}}
			}))
		return p.program()(argv, env, h)
	}
	return ImageSpec{
		Repository: "gcr.io/google-samples/hello-app", Size: 6 * mB, Memory: 5 * miB, Shell: true, Tags: []string{"1.0", "2.0"},
		Entrypoint: []string{"/hello-app"},
		Programs:   map[string]ProgramFunc{"hello-app": run},
	}
}

// nodeHelloImage is gcr.io/google-samples/node-hello, the Node.js server
// of the docs' envFrom example: "Hello World!" on 8080 for every path. It
// runs `node server.js` on a Debian-based node image (so it has bash) and
// installs no signal handler: as PID 1 it ignores SIGTERM and dies of the
// SIGKILL at the end of the grace period (137).
func nodeHelloImage() ImageSpec {
	p := (&plan{}).listen(0, 8080, func(*Host) Listener {
		return &Port{Answer: func(string) (int, string) { return 200, "Hello World!" }}
	})
	run := p.program()
	return ImageSpec{
		Repository: "gcr.io/google-samples/node-hello", Size: 250 * mB, Memory: 30 * miB, Shell: true, Tags: []string{"1.0"},
		Cmd:      []string{"node", "server.js"},
		Programs: map[string]ProgramFunc{"node": run, "bash": shellProgram},
	}
}

// cpuStressImage is docker.io/vish/stress, the image of the docs' "Assign
// CPU Resources" page: `-cpus N` keeps N goroutines busy for ever, so the
// container uses all the CPU its limit allows. (A container here has at
// most one CPU, so N above 1 uses one.)
func cpuStressImage() ImageSpec {
	run := func(argv, _ []string, h *Host) Process {
		cpus := 0
		for i, a := range argv {
			if (a == "-cpus" || a == "--cpus") && i+1 < len(argv) {
				cpus, _ = strconv.Atoi(argv[i+1])
			}
		}
		h.Log("stderr", fmt.Sprintf("I%s    1 main.go:26] Allocating \"0\" memory, in \"4Ki\" chunks, with a 1ms sleep between allocations", h.Now().Format("0102 15:04:05.000000")))
		if cpus <= 0 {
			return &busy{idle: true}
		}
		h.Log("stderr", fmt.Sprintf("I%s    1 main.go:39] Spawning a thread to consume CPU", h.Now().Format("0102 15:04:05.000000")))
		return &busy{}
	}
	return ImageSpec{
		Repository: "docker.io/vish/stress", Size: 1_800 * kB, Memory: 2 * miB, Tags: []string{"latest"},
		Entrypoint: []string{"/stress", "-logtostderr"},
		Programs:   map[string]ProgramFunc{"stress": run},
	}
}

// busy is a process that uses every CPU it is given (or, idle, none),
// until a signal ends it as a Go program without a handler ends: code 2.
type busy struct {
	idle   bool
	budget time.Duration
}

func (b *busy) SetBudget(d time.Duration) { b.budget = d }

func (b *busy) Run() shell.Step {
	if b.idle {
		return shell.Step{Sleep: shell.Forever}
	}
	return shell.Step{CPU: max(b.budget, shell.StepCPU)}
}

func (b *busy) Signal(syscall.Signal) shell.Step { return shell.Step{Exited: true, ExitCode: 2} }

// curlImage is docker.io/curlimages/curl: alpine with curl. Its entrypoint
// runs curl with the arguments when the first one is a flag, or is no
// command the image has (a URL), or there are none; otherwise it runs the
// arguments as a command. So `args: ["-s", URL]`, `args: [URL]` and
// `command: ["sh", "-c", ...]` all work.
// Reference: curl/curl-container, the image's entrypoint.sh (`[ "${1#-}"
// != "${1}" ] || [ -z "$(command -v "${1}")" ]`).
func curlImage() ImageSpec {
	entry := func(argv, env []string, h *Host) Process {
		args := argv[1:]
		if len(args) == 0 || strings.HasPrefix(args[0], "-") ||
			!(shell.Known(args[0]) || h.HasProgram(path.Base(args[0]))) {
			args = append([]string{"curl"}, args...)
		}
		return shellProgram(args, env, h)
	}
	return ImageSpec{
		Repository: "docker.io/curlimages/curl", Size: 8 * mB, Memory: 1 * miB, Shell: true, Tags: curlTags(),
		Entrypoint: []string{"/entrypoint.sh"}, Cmd: []string{"curl"},
		Programs: map[string]ProgramFunc{"entrypoint.sh": entry, "curl": shellProgram, "ssl_client": sslClient},
	}
}

// sslClient is /usr/bin/ssl_client of the images built on alpine: the TLS
// helper that their busybox wget runs for https, and which checks the
// server's certificate (the shell's wget asks whether the image has it).
// Run by hand, without the socket wget hands it, it prints its usage and
// exits 1.
// Reference: alpinelinux/aports main/busybox/ssl_client.c (usage).
func sslClient(_, _ []string, h *Host) Process {
	h.Log("stdout", "usage: ssl_client [-s FD] [-I] -n SNI")
	return oneShot{1}
}

// socatImage is docker.io/alpine/socat, whose entrypoint is socat: with
// `TCP-LISTEN:PORT,fork TCP-CONNECT:HOST:PORT` it listens on PORT and
// relays each connection to HOST:PORT, so an HTTP request to it gets the
// answer of what listens there (and no answer when nothing does: socat
// accepts, fails to connect and closes).
func socatImage() ImageSpec {
	run := func(argv, env []string, h *Host) Process {
		if len(argv) != 3 {
			h.Log("stderr", fmt.Sprintf("%s socat[1] E exactly 2 addresses required (there are %d); use option \"-h\" for help",
				h.Now().Format("2006/01/02 15:04:05"), len(argv)-1))
			return oneShot{1}
		}
		port, ok := socatListen(argv[1])
		if !ok {
			h.Log("stderr", fmt.Sprintf("%s socat[1] E unknown device/address \"%s\"", h.Now().Format("2006/01/02 15:04:05"), argv[1]))
			return oneShot{1}
		}
		target, tport, _ := socatConnect(argv[2])
		p := (&plan{}).listen(0, port, func(h *Host) Listener {
			return &Port{Answer: func(path string) (int, string) {
				status, body, ok := h.HTTPGet(target, tport, path)
				if !ok {
					h.Log("stderr", fmt.Sprintf("%s socat[%d] E getaddrinfo(\"%s\", \"NULL\", {1,0,1,6}, {}): Name does not resolve",
						h.Now().Format("2006/01/02 15:04:05"), 2, target))
					return 0, ""
				}
				return status, body
			}}
		})
		return p.program()(argv, env, h)
	}
	return ImageSpec{
		Repository: "docker.io/alpine/socat", Size: 4 * mB, Memory: 1 * miB, Shell: true, Tags: socatTags(),
		Entrypoint: []string{"socat"},
		Programs:   map[string]ProgramFunc{"socat": run, "ssl_client": sslClient},
	}
}

// socatListen reads "TCP-LISTEN:PORT[,options]" (also TCP4-LISTEN, any
// case).
func socatListen(addr string) (int, bool) {
	kind, rest, ok := strings.Cut(addr, ":")
	if !ok {
		return 0, false
	}
	switch strings.ToUpper(kind) {
	case "TCP-LISTEN", "TCP4-LISTEN", "TCP6-LISTEN", "TCP-L":
	default:
		return 0, false
	}
	port, err := strconv.Atoi(strings.SplitN(rest, ",", 2)[0])
	return port, err == nil && port > 0 && port < 65536
}

// socatConnect reads "TCP-CONNECT:HOST:PORT" (also TCP:, TCP4:).
func socatConnect(addr string) (string, int, bool) {
	parts := strings.Split(strings.SplitN(addr, ",", 2)[0], ":")
	if len(parts) != 3 {
		return "", 0, false
	}
	port, err := strconv.Atoi(parts[2])
	return parts[1], port, err == nil
}

// guestbookFrontendImage is the guestbook tutorial's PHP front end (Apache
// on port 80): the page at "/", and guestbook.php, which reads the
// messages from the redis Services (redis-follower for reads).
func guestbookFrontendImage(repo string) ImageSpec {
	p := (&plan{}).
		log(0, httpdNotice("mpm_prefork", "AH00163: Apache/2.4.38 (Debian) PHP/7.4.33 configured -- resuming normal operations")).
		listen(0, 80, func(h *Host) Listener {
			return &Port{Answer: func(path string) (int, string) {
				switch strings.SplitN(path, "?", 2)[0] {
				case "/", "/index.html":
					return 200, "<html ng-app=\"redis\">\n  <head>\n    <title>Guestbook</title>\n  </head>\n</html>\n"
				case "/guestbook.php":
					if _, ok := h.LookupHost("redis-follower"); !ok {
						return 500, ""
					}
					return 200, "{\"data\": \"\"}"
				}
				return 404, "Not Found\n"
			}}
		}).
		on(shell.SIGTERM, SignalBehaviour{Exit: true}, httpdNotice("mpm_prefork", "AH00169: caught SIGTERM, shutting down")).
		on(shell.SIGWINCH, SignalBehaviour{Exit: true}, httpdNotice("mpm_prefork", "AH00170: caught SIGWINCH, shutting down gracefully"))
	run := p.program()
	return ImageSpec{
		Repository: repo, Size: 150 * mB, Memory: 20 * miB, Shell: true, Tags: []string{"v4", "v5"},
		Entrypoint: []string{"apache2-foreground"}, StopSignal: shell.SIGWINCH,
		Programs: map[string]ProgramFunc{"apache2-foreground": run},
	}
}

// redisFollowerImage is the guestbook's redis replica: redis started with
// "--replicaof redis-leader 6379".
func redisFollowerImage() ImageSpec {
	return redisReplicaImage("us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower", []string{"v1", "v2"},
		"--replicaof", "redis-leader")
}

// redisSlaveImage is gcr.io/google_samples/gb-redisslave, the guestbook's
// replica before redis-follower: the redis image with a run.sh that starts
// "redis-server --slaveof redis-master 6379" (with GET_HOSTS_FROM=env it
// takes the master's address from REDIS_MASTER_SERVICE_HOST instead; the
// documentation's manifest sets dns, the default, so the name is what
// nucleus runs).
func redisSlaveImage() ImageSpec {
	return redisReplicaImage("gcr.io/google_samples/gb-redisslave", []string{"v1", "v3"}, "--slaveof", "redis-master")
}

// redisReplicaImage is the redis image under repo, whose command makes it
// a replica of leader's port 6379 (flag: --replicaof, or --slaveof, its
// older name).
func redisReplicaImage(repo string, tags []string, flag, leader string) ImageSpec {
	im := redisImage()
	im.Repository, im.Tags, im.Size = repo, tags, 40*mB
	im.Entrypoint, im.Cmd = []string{"docker-entrypoint.sh"}, []string{"redis-server", flag, leader, "6379"}
	return im
}
