package runtime

import "github.com/nodenucleus/nucleus/runtime/shell"

// Sizes of the catalog's images: compressed, for linux/amd64, rounded.
// They decide pull times, so they only need to be realistic.
const (
	kB  = 1000
	mB  = 1000 * kB
	kiB = 1 << 10
	miB = 1 << 20 // the unit of memory limits such as "128Mi"
)

// wellKnownImages is the warehouse's stock: images that the Kubernetes
// documentation's examples use, with their real compressed sizes (rounded)
// and what they run.
func wellKnownImages() []ImageSpec {
	return []ImageSpec{
		{Repository: "docker.io/library/busybox", Size: 2_200 * kB, Cmd: []string{"sh"}, Shell: true, Memory: 400 * kiB, Tags: busyboxTags()},
		{Repository: "registry.k8s.io/busybox", Size: 1_300 * kB, Cmd: []string{"sh"}, Shell: true, Memory: 400 * kiB, Tags: k8sBusyboxTags()},
		{Repository: "docker.io/library/alpine", Size: 3_600 * kB, Cmd: []string{"/bin/sh"}, Shell: true, Memory: 500 * kiB, Tags: alpineTags(),
			Programs: map[string]ProgramFunc{"ssl_client": sslClient}},
		bashImage("docker.io/library/debian", 49*mB, "bash", debianTags()),
		bashImage("docker.io/library/ubuntu", 30*mB, "/bin/bash", ubuntuTags()),
		bashImage("docker.io/library/fedora", 60*mB, "/bin/bash", fedoraTags(), "curl"),
		nginxImage(),
		nginxSlimImage(),
		httpdImage(),
		hpaExampleImage(),
		redisImage(),
		pauseImage(),
		legacyPauseImage(),
		agnhostImage(),
		goproxyImage(),
		etcdImage(),
		stressImage(),
		cpuStressImage(),
		helloAppImage(),
		nodeHelloImage(),
		curlImage(),
		socatImage(),
		guestbookFrontendImage("docker.io/corelab/gb-frontend"),
		guestbookFrontendImage("us-docker.pkg.dev/google-samples/containers/gke/gb-frontend"),
		redisFollowerImage(),
		redisSlaveImage(),
	}
}

// bashImage is a Debian, Ubuntu or Fedora base image: a shell (bash as
// well as sh) with the usual utilities (Fedora's include curl; Debian's
// and Ubuntu's do not), and no server of its own, so
// that a container of it without a command runs bash, which with no
// terminal reads end-of-file and exits 0.
func bashImage(repo string, size int64, cmd string, tags []string, more ...string) ImageSpec {
	programs := map[string]ProgramFunc{"bash": shellProgram}
	for _, p := range more {
		programs[p] = shellProgram
	}
	return ImageSpec{
		Repository: repo, Size: size, Memory: 1 * miB, Shell: true, Cmd: []string{cmd}, Tags: tags,
		Programs: programs,
	}
}

// pauseImage is the sandbox's image: it holds a pod's namespaces open and
// does nothing else; SIGTERM or SIGINT make it exit 0 (pause.c's sigdown).
func pauseImage() ImageSpec {
	quit := SignalBehaviour{Exit: true}
	p := (&plan{}).
		on(shell.SIGTERM, quit, stderr("Shutting down, got signal: Terminated")).
		on(shell.SIGINT, quit, stderr("Shutting down, got signal: Interrupt"))
	return ImageSpec{
		Repository: "registry.k8s.io/pause", Size: 320 * kB, Memory: 300 * kiB, Tags: pauseTags(),
		Entrypoint: []string{"/pause"},
		Programs:   map[string]ProgramFunc{"pause": p.program()},
	}
}

// legacyPauseImage is pause under its old registry, k8s.gcr.io, which
// older pages still name: since March 2023 that registry redirects to
// registry.k8s.io, so the same image is pulled
// (https://kubernetes.io/blog/2023/03/10/image-registry-redirect/).
func legacyPauseImage() ImageSpec {
	im := pauseImage()
	im.Repository = "k8s.gcr.io/pause"
	return im
}

// goExit is how a Go program that does not handle a signal dies of it when
// it is a container's PID 1: the Go runtime has a handler installed, so
// the kernel delivers the signal; the runtime then tries to die of it by
// raising it again with the default action, which the kernel ignores for
// PID 1, and falls back to exit(2). So: exit code 2, not 143.
func goExit(p *plan) *plan {
	die := SignalBehaviour{Exit: true, Code: 2}
	return p.on(shell.SIGTERM, die).on(shell.SIGINT, die).on(shell.SIGHUP, die)
}

// goproxyImage is registry.k8s.io/goproxy, the HTTP proxy of the docs' TCP
// probe example: it listens on 8080 and, asked for a page rather than
// through the proxy, answers 500.
func goproxyImage() ImageSpec {
	p := goExit((&plan{}).listen(0, 8080, func(*Host) Listener {
		return &Port{Answer: func(string) (int, string) {
			return 500, "This is a proxy server. Does not respond to non-proxy requests.\n"
		}}
	}))
	return ImageSpec{
		Repository: "registry.k8s.io/goproxy", Size: 2_400 * kB, Memory: 4 * miB, Tags: []string{"0.1"},
		Entrypoint: []string{"/goproxy"},
		Programs:   map[string]ProgramFunc{"goproxy": p.program()},
	}
}
