package runtime

import (
	"strconv"
	"strings"
	"time"

	"github.com/nodenucleus/nucleus/runtime/shell"
)

// nginxNotice returns an nginx error-log line of the master (who
// "master") or of its worker process ("worker"), e.g.
// "2026/05/09 07:00:00 [notice] 1#1: ": the PIDs are the processes' own.
func nginxNotice(who, text string) planLog {
	return planLog{stream: "stderr", line: func(h *Host) string {
		pid := h.pid
		if who == "worker" {
			pid = nginxWorker(h)
		}
		return nginxLine(h, "notice", pid, text)
	}}
}

// nginxLine returns an nginx error-log line of the process pid.
func nginxLine(h *Host, level string, pid int, text string) string {
	id := strconv.Itoa(pid)
	return h.Now().Format("2006/01/02 15:04:05") + " [" + level + "] " + id + "#" + id + ": " + text
}

// nginxImage is docker.io/library/nginx: HTTP 200 on port 80 for "/" and
// 404 elsewhere. Its STOPSIGNAL is SIGQUIT, a graceful shutdown that
// exits 0; SIGTERM and SIGINT are a fast shutdown, also exit 0.
// nginxRoot is where nginx's default server finds its pages.
const nginxRoot = "/usr/share/nginx/html"

func nginxImage() ImageSpec {
	p := (&plan{}).
		log(0, stdout("/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration")).
		log(0, stdout("/docker-entrypoint.sh: Configuration complete; ready for start up")).
		log(0, nginxNotice("master", "using the \"epoll\" event method")).
		log(0, nginxNotice("master", "nginx/1.27.3")).
		log(0, nginxNotice("master", "start worker processes")).
		log(0, planLog{stream: "stderr", line: func(h *Host) string {
			return nginxLine(h, "notice", h.pid, "start worker process "+strconv.Itoa(nginxWorker(h)))
		}}).
		listen(0, 80, func(h *Host) Listener {
			return &Port{Answer: func(path string) (int, string) {
				// nginx serves the files of its html directory, where a
				// volume may be mounted; "/" is its index.html.
				switch {
				case path == "/": // a probe's usual path, spelled once
					path = "/index.html"
				case strings.HasSuffix(path, "/"):
					path += "index.html"
				}
				if body, ok := h.ReadFile(nginxRoot + path); ok && !strings.Contains(path, "..") {
					return 200, body
				}
				return 404, "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n"
			}}
		}).
		on(shell.SIGQUIT, SignalBehaviour{Exit: true},
			nginxNotice("master", "signal 3 (SIGQUIT) received, shutting down"),
			nginxNotice("worker", "gracefully shutting down"),
			nginxNotice("worker", "exiting"),
			planLog{stream: "stderr", line: func(h *Host) string {
				return nginxLine(h, "notice", h.pid, "worker process "+strconv.Itoa(nginxWorker(h))+" exited with code 0")
			}},
			nginxNotice("master", "exit")).
		on(shell.SIGTERM, SignalBehaviour{Exit: true},
			nginxNotice("master", "signal 15 (SIGTERM) received, exiting"),
			nginxNotice("master", "exit")).
		on(shell.SIGINT, SignalBehaviour{Exit: true},
			nginxNotice("master", "signal 2 (SIGINT) received, exiting"),
			nginxNotice("master", "exit"))
	run := nginxProgram(p.program())
	return ImageSpec{
		Repository: "docker.io/library/nginx", Size: 72 * mB, Memory: 6 * miB, Shell: true, Tags: nginxTags(),
		Entrypoint: []string{"/docker-entrypoint.sh"}, Cmd: []string{"nginx", "-g", "daemon off;"},
		StopSignal: shell.SIGQUIT,
		Programs:   map[string]ProgramFunc{"docker-entrypoint.sh": run, "nginx": run, "curl": shellProgram},
		Files: map[string]string{
			"/etc/nginx/nginx.conf":   nginxConf,
			nginxRoot + "/index.html": "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n</body>\n</html>\n",
		},
	}
}

// nginxSlimImage is registry.k8s.io/nginx-slim, the small nginx the
// StatefulSet tutorial's web.yaml runs: it serves as nginx does, on port
// 80. Its size is an estimate (about 50 MB compressed); its start-up lines
// are the nginx image's.
func nginxSlimImage() ImageSpec {
	img := nginxImage()
	img.Repository = "registry.k8s.io/nginx-slim"
	img.Size = 50 * mB
	img.Tags = nginxSlimTags()
	return img
}

// httpdNotice returns an Apache error-log line, e.g. "[Sat May 09
// 07:00:00.000000 2026] [mpm_event:notice] [pid 1:tid 1] AH00489: ...".
func httpdNotice(module, text string) planLog {
	return planLog{stream: "stderr", line: func(h *Host) string {
		return "[" + h.Now().Format("Mon Jan 02 15:04:05.000000 2006") + "] [" + module + ":notice] [pid 1:tid 1] " + text
	}}
}

// httpdImage is docker.io/library/httpd (Apache 2.4): "It works!" on port
// 80. Its STOPSIGNAL is SIGWINCH, Apache's graceful stop, which exits 0;
// SIGTERM stops it at once, also with 0.
func httpdImage() ImageSpec {
	fqdn := planLog{stream: "stderr", line: func(h *Host) string {
		return "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using " +
			h.IP() + ". Set the 'ServerName' directive globally to suppress this message"
	}}
	p := (&plan{}).
		log(0, fqdn).log(0, fqdn).
		log(0, httpdNotice("mpm_event", "AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations")).
		log(0, httpdNotice("core", "AH00094: Command line: 'httpd -D FOREGROUND'")).
		listen(0, 80, func(*Host) Listener {
			return &Port{Answer: func(path string) (int, string) {
				if path == "/" || path == "/index.html" {
					return 200, "<html><body><h1>It works!</h1></body></html>\n"
				}
				return 404, "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n"
			}}
		}).
		on(shell.SIGWINCH, SignalBehaviour{Exit: true, After: 100 * time.Millisecond},
			httpdNotice("mpm_event", "AH00492: caught SIGWINCH, shutting down gracefully")).
		on(shell.SIGTERM, SignalBehaviour{Exit: true},
			httpdNotice("mpm_event", "AH00491: caught SIGTERM, shutting down"))
	run := p.program()
	return ImageSpec{
		Repository: "docker.io/library/httpd", Size: 58 * mB, Memory: 8 * miB, Shell: true, Tags: httpdTags(),
		Cmd:        []string{"httpd-foreground"},
		StopSignal: shell.SIGWINCH,
		Programs:   map[string]ProgramFunc{"httpd-foreground": run, "httpd": run},
	}
}

// queryValue returns the value of key in a request path's query string.
func queryValue(path, key string) string {
	_, q, _ := strings.Cut(path, "?")
	for _, kv := range strings.Split(q, "&") {
		if k, v, _ := strings.Cut(kv, "="); k == key {
			return v
		}
	}
	return ""
}
