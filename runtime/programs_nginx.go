package runtime

import (
	"strconv"
	"strings"
	"syscall"

	"github.com/nodenucleus/nucleus/runtime/shell"
)

// nginx is the nginx image's main process: a master and one worker
// process (user nginx, UID 101), as ps shows them in a pod that shares
// its process namespace. The image's entrypoint script forks 27
// short-lived helpers before it execs nginx, so in a container's own
// namespace the master is PID 1 and its worker PID 29, the PIDs nginx
// logs. SIGHUP reloads: the master starts a new worker and the old one
// shuts down gracefully. A worker that dies is respawned. Every other
// signal goes to the master's plan (SIGQUIT, SIGTERM, SIGINT end it).
// Reference: nginx src/os/unix/ngx_process_cycle.c
// (ngx_master_process_cycle, ngx_reap_children);
// https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/
// (kill -HUP 8 gives nginx a new worker process).
type nginx struct {
	*scripted
	worker int // its worker's PID; 0: an nginx that ExecSync runs, which has none
}

// nginxHelpers is how many PIDs the entrypoint's helpers use.
const nginxHelpers = 27

// nginxUser is the UID nginx's workers run as; busybox's ps in another
// container, whose /etc/passwd has no nginx user, shows the number.
const nginxUser = "101"

// nginxProgram wraps the nginx image's plan: a container's main process
// becomes the master, with its worker; an exec'd nginx runs the plan
// alone. The master's title and its worker's process are built only when
// ps or /proc looks (see proc).
func nginxProgram(run ProgramFunc) ProgramFunc {
	return func(argv, env []string, h *Host) Process {
		n := &nginx{scripted: run(argv, env, h).(*scripted)}
		if h.exec != nil {
			return n
		}
		h.c.sandbox.join(h.c).last += nginxHelpers
		n.startWorker()
		return n
	}
}

// nginxArgs returns the arguments the master's title shows: its command
// line without the entrypoint script.
func nginxArgs(argv []string) []string {
	if len(argv) > 1 && strings.HasSuffix(argv[0], "docker-entrypoint.sh") {
		return argv[1:]
	}
	return argv
}

// startWorker starts a worker process, in place of the one before, and
// returns its PID.
func (n *nginx) startWorker() int {
	n.worker = n.h.c.sandbox.join(n.h.c).next()
	return n.worker
}

// nginxWorkerTitle is a worker's command line, shared by every worker
// (nothing changes it in place).
var nginxWorkerTitle = []string{"nginx: worker process"}

// nginxWorker returns the PID of the container's nginx worker.
func nginxWorker(h *Host) int {
	if n, ok := h.c.proc.(*nginx); ok && n.worker != 0 {
		return n.worker
	}
	return h.pid + nginxHelpers + 1
}

// workerSignal is a signal to the worker pid: SIGKILL, SIGTERM, SIGINT
// and SIGQUIT end it, and the master starts another; the others do
// nothing.
func (n *nginx) workerSignal(pid int, sig syscall.Signal) {
	h := n.h
	if h.c.status.State != ContainerRunning || pid != n.worker {
		return
	}
	exit := "exited with code 0"
	switch sig {
	case shell.SIGKILL:
		exit = "exited on signal 9"
	case shell.SIGTERM, shell.SIGINT, shell.SIGQUIT:
		if sig == shell.SIGQUIT {
			h.Log("stderr", nginxLine(h, "notice", pid, "gracefully shutting down"))
		}
		h.Log("stderr", nginxLine(h, "notice", pid, "exiting"))
		h.Log("stderr", nginxLine(h, "notice", pid, "exit"))
	default:
		return
	}
	h.Log("stderr", nginxLine(h, "notice", h.pid, "signal 17 (SIGCHLD) received from "+strconv.Itoa(pid)))
	level := "notice"
	if sig == shell.SIGKILL {
		level = "alert"
	}
	h.Log("stderr", nginxLine(h, level, h.pid, "worker process "+strconv.Itoa(pid)+" "+exit))
	h.Log("stderr", nginxLine(h, "notice", h.pid, "start worker process "+strconv.Itoa(n.startWorker())))
}

// Signal handles SIGHUP (reload); the rest go to the plan.
func (n *nginx) Signal(sig syscall.Signal) shell.Step {
	if sig != shell.SIGHUP || n.h.exec != nil {
		return n.scripted.Signal(sig)
	}
	h := n.h
	old := nginxWorker(h)
	for _, text := range []string{"signal 1 (SIGHUP) received, reconfiguring", "reconfiguring",
		"using the \"epoll\" event method", "start worker processes"} {
		h.Log("stderr", nginxLine(h, "notice", h.pid, text))
	}
	h.Log("stderr", nginxLine(h, "notice", h.pid, "start worker process "+strconv.Itoa(n.startWorker())))
	for _, text := range []string{"gracefully shutting down", "exiting", "exit"} {
		h.Log("stderr", nginxLine(h, "notice", old, text))
	}
	h.Log("stderr", nginxLine(h, "notice", h.pid, "signal 17 (SIGCHLD) received from "+strconv.Itoa(old)))
	h.Log("stderr", nginxLine(h, "notice", h.pid, "worker process "+strconv.Itoa(old)+" exited with code 0"))
	return n.sleep(h.Uptime())
}

// nginxConf is the image's /etc/nginx/nginx.conf, which the shared
// process namespace page reads through /proc/<pid>/root.
const nginxConf = `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    sendfile        on;
    keepalive_timeout  65;

    include /etc/nginx/conf.d/*.conf;
}
`
