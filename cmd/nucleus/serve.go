package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/nodenucleus/nucleus/events"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/server"
)

// serveOptions are the flags of `nucleus serve`.
type serveOptions struct {
	seed       seedFlag
	listen     string
	kubeconfig string
	pace       string
	voice      string
	record     string
	// ready, when set, hears the server's address once it listens (tests).
	ready func(addr string, srv *server.Server)
}

// newServeCommand returns `nucleus serve`: run the chain in virtual time
// paced against the wall clock, and serve the Kubernetes API for kubectl.
func newServeCommand(s streams) *cobra.Command {
	o := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve [--listen 127.0.0.1:8080] [--kubeconfig FILE] [--pace 1x] [--voice both] [--record FILE] [FILE...]",
		Short: "Run the chain and serve the Kubernetes API, so the real kubectl can drive it",
		Long: "Build the chain from the FILEs (a Scenario and its objects; with no FILE,\n" +
			"one store), run it in virtual time paced against the wall clock (--pace),\n" +
			"and serve the Kubernetes REST API on --listen (plain HTTP, meant for\n" +
			"loopback) for kubectl and client-go. A kubeconfig for it is written to\n" +
			"--kubeconfig. The narration goes to standard output as it happens.\n" +
			"--record writes every change a client made, at its virtual instant, as\n" +
			"a Scenario that `nucleus run` replays. Ctrl-C stops the server. The\n" +
			"clock is controlled at /nucleus/v1/clock (pause, pace, jump). A browser\n" +
			"at / gets the live page, which follows the chain through the API's watches.",
		Example: "  nucleus serve\n  nucleus serve --pace 60x scenarios/crash-loop.yaml\n" +
			"  nucleus serve --record session.yaml --kubeconfig ./nucleus.kubeconfig",
		RunE: func(cmd *cobra.Command, files []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return o.serve(ctx, s, files)
		},
	}
	f := cmd.Flags()
	f.Var(&o.seed, "seed", seedUsage)
	f.StringVar(&o.listen, "listen", "127.0.0.1:8080", "address to serve the API on (host:port; port 0 picks a free one)")
	f.StringVar(&o.kubeconfig, "kubeconfig", filepath.Join(os.TempDir(), "nucleus.kubeconfig"), "where to write the kubeconfig that points kubectl at the server")
	f.StringVar(&o.pace, "pace", "1x", "how fast virtual time runs against the wall clock, e.g. 60x")
	f.StringVar(&o.voice, "voice", narrate.Both.String(), "narration voice: store, kubernetes or both")
	f.StringVar(&o.record, "record", "", "write the clients' changes to this file as a Scenario, when the server stops")
	return cmd
}

// serve carries out `nucleus serve` until ctx is done.
func (o *serveOptions) serve(ctx context.Context, s streams, files []string) error {
	voice, err := narrate.ParseVoice(o.voice)
	if err != nil {
		return usagef("invalid argument %q for \"--voice\" flag: %v", o.voice, err)
	}
	pace, err := server.ParsePace(o.pace)
	if err != nil {
		return usagef("invalid argument %q for \"--pace\" flag: %v", o.pace, err)
	}
	sc, err := serveScenario(s, files)
	if err != nil {
		return err
	}
	sc = o.seed.withSeed(sc)
	narrator := narrate.New(s.out, voice)
	logbook := events.NewLog()
	run, err := sc.Start(narrator, logbook)
	if err != nil {
		return fail(err)
	}
	srv, err := server.New(server.Config{Scenario: sc, Run: run, Log: logbook, Pace: pace})
	if err != nil {
		return fail(err)
	}
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return fail(fmt.Errorf("--listen: %w", err))
	}
	addr := "http://" + ln.Addr().String()
	if err := writeKubeconfig(o.kubeconfig, addr); err != nil {
		ln.Close()
		return fail(err)
	}
	fmt.Fprintf(s.errOut, "Serving the Kubernetes API of %q on %s (plain HTTP), at %gx.\n", sc.Name, addr, pace)
	fmt.Fprintf(s.errOut, "export KUBECONFIG=%s\n", o.kubeconfig)
	hs := &http.Server{Handler: livePage(srv, run, sc.Name), ReadHeaderTimeout: 10 * time.Second}
	loopDone := make(chan struct{})
	go func() { srv.Run(ctx); close(loopDone) }()
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	if o.ready != nil {
		o.ready(addr, srv)
	}
	select {
	case <-ctx.Done():
	case err := <-served:
		if !errors.Is(err, http.ErrServerClosed) {
			return fail(err)
		}
	}
	shutdown, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if hs.Shutdown(shutdown) != nil {
		hs.Close() // watches and follows that did not finish
	}
	<-loopDone
	if err := narrator.Err(); err != nil {
		return fail(fmt.Errorf("writing the narration: %w", err))
	}
	return o.writeRecord(s.errOut, srv, sc)
}

// serveScenario reads the files, or gives the default chain when there
// are none.
func serveScenario(s streams, files []string) (*scenario.Scenario, error) {
	if len(files) > 0 {
		return loadScenario(files, s.in, s.errOut)
	}
	sc, err := scenario.Load("serve", []byte(defaultServeScenario))
	if err != nil {
		return nil, fail(err)
	}
	return sc, nil
}

// defaultServeScenario is the chain `nucleus serve` runs without FILEs:
// one store, the default seed, and the longest run nucleus allows.
const defaultServeScenario = `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata:
  name: serve
spec:
  duration: 24h
`

// writeRecord writes the recording, when asked: the scenario with the
// clients' changes, to the instant the server stopped.
func (o *serveOptions) writeRecord(w io.Writer, srv *server.Server, sc *scenario.Scenario) error {
	if o.record == "" {
		return nil
	}
	var data []byte
	var err error
	srv.Do(func() { data, err = sc.Marshal(srv.Now()) })
	if err != nil {
		return fail(err)
	}
	if err := os.WriteFile(o.record, data, 0o644); err != nil {
		return fail(err)
	}
	fmt.Fprintf(w, "Recorded the session to %s; replay it with: nucleus run %s\n", o.record, o.record)
	return nil
}

// writeKubeconfig writes a kubeconfig whose one context points at addr.
func writeKubeconfig(path, addr string) error {
	cfg := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: nucleus
  cluster:
    server: %s
contexts:
- name: nucleus
  context:
    cluster: nucleus
    user: nucleus
    namespace: default
current-context: nucleus
users:
- name: nucleus
  user: {}
`, addr)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		return fmt.Errorf("--kubeconfig: %w", err)
	}
	return nil
}
