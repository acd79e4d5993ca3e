package shell

import "syscall"

// The signals a simulated process knows, with the numbers they have on
// Linux, where containers run: a container killed by SIGTERM exits 143
// (128+15) whatever machine runs nucleus. The syscall package's own
// constants differ by platform (SIGUSR1 is 30 on macOS; under
// GOOS=js the browser playground's numbering is Go's own), so the
// simulation never uses them.
// Reference: https://man7.org/linux/man-pages/man7/signal.7.html
const (
	SIGHUP   syscall.Signal = 1
	SIGINT   syscall.Signal = 2
	SIGQUIT  syscall.Signal = 3
	SIGKILL  syscall.Signal = 9
	SIGUSR1  syscall.Signal = 10
	SIGUSR2  syscall.Signal = 12
	SIGTERM  syscall.Signal = 15
	SIGCHLD  syscall.Signal = 17
	SIGCONT  syscall.Signal = 18
	SIGURG   syscall.Signal = 23
	SIGWINCH syscall.Signal = 28
)
