package runtime

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nodenucleus/nucleus/runtime/shell"
)

// agnhostImage is registry.k8s.io/e2e-test-images/agnhost, Kubernetes' own
// test image: one Go binary whose first argument picks what it does.
// Subcommands: liveness, netexec, serve-hostname and pause (the default).
// Its servers do not handle SIGTERM, so as PID 1 they exit with 2 (see
// goExit); pause handles it and exits with 2 on purpose.
func agnhostImage() ImageSpec {
	return ImageSpec{
		Repository: "registry.k8s.io/e2e-test-images/agnhost", Size: 51 * mB, Memory: 10 * miB, Shell: true, Tags: agnhostTags(),
		Entrypoint: []string{"/agnhost"}, Cmd: []string{"pause"},
		Programs: map[string]ProgramFunc{"agnhost": func(argv, env []string, h *Host) Process {
			return agnhostPlan(argv[1:]).program()(argv, env, h)
		}},
	}
}

// agnhostPlan returns the plan of one agnhost command line.
func agnhostPlan(args []string) *plan {
	sub := "pause"
	if len(args) > 0 {
		sub = args[0]
		args = args[1:]
	}
	switch sub {
	case "liveness":
		return goExit((&plan{}).listen(0, 8080, agnhostLiveness))
	case "netexec":
		port := intFlag(args, "http-port", 8080)
		return goExit((&plan{}).
			log(0, stdout(fmt.Sprintf("Started HTTP server on port %d", port))).
			listen(0, port, agnhostNetexec))
	case "serve-hostname":
		port := intFlag(args, "port", 9376)
		return goExit((&plan{}).
			log(0, stderr(fmt.Sprintf("Serving on port %d.", port))).
			listen(0, port, func(h *Host) Listener {
				return &Port{Answer: func(string) (int, string) { return 200, h.Hostname() }}
			}))
	case "pause":
		return (&plan{}).log(0, stdout("Paused")).
			on(shell.SIGTERM, SignalBehaviour{Exit: true, Code: 2}).
			on(shell.SIGINT, SignalBehaviour{Exit: true, Code: 1})
	}
	return (&plan{}).
		log(0, stderr(fmt.Sprintf("Error: unknown command %q for \"agnhost\"", sub))).
		log(0, stderr("Run 'agnhost --help' for usage.")).
		exitAt(0, 1)
}

// agnhostLiveness is `agnhost liveness`, the server of the docs' "Define a
// liveness HTTP request": /healthz answers 200 "ok" for the first 10
// seconds after the start and 500 after.
func agnhostLiveness(h *Host) Listener {
	return &Port{Answer: func(path string) (int, string) {
		up := h.Uptime()
		switch strings.SplitN(path, "?", 2)[0] {
		case "/healthz":
			if up > 10*time.Second {
				return 500, fmt.Sprintf("error: %v", up.Seconds())
			}
			return 200, "ok"
		case "/started":
			return 200, fmt.Sprintf("%v", up.Seconds())
		}
		return 404, "404 page not found\n"
	}}
}

// agnhostNetexec is `agnhost netexec`'s HTTP server: / (the time),
// /hostname, /healthz, /echo?msg= and /exit?code=.
func agnhostNetexec(h *Host) Listener {
	return &Port{Answer: func(path string) (int, string) {
		switch strings.SplitN(path, "?", 2)[0] {
		case "/":
			return 200, "NOW: " + h.Now().String()
		case "/hostname":
			return 200, h.Hostname()
		case "/healthz":
			return 200, "ok"
		case "/echo":
			return 200, queryValue(path, "msg")
		case "/exit":
			code, err := strconv.Atoi(queryValue(path, "code"))
			if err != nil || code < 0 || code > 127 {
				return 400, "code should be between 0 and 127"
			}
			h.Exit(code)
			return 200, ""
		}
		return 404, "404 page not found\n"
	}}
}

// intFlag returns the value of --name=N or --name N in args, or def.
func intFlag(args []string, name string, def int) int {
	for i, a := range args {
		v, ok := strings.CutPrefix(a, "--"+name+"=")
		if !ok && a == "--"+name && i+1 < len(args) {
			v, ok = args[i+1], true
		}
		if ok {
			if n, err := strconv.Atoi(v); err == nil && n > 0 && n < 65536 {
				return n
			}
		}
	}
	return def
}
