//go:build browser

// The browser tests drive the playground in headless Chromium. They are
// behind the browser build tag, so that go test ./... stays fast:
//
//	go test -tags browser -run Browser -v ./cmd/nucleus
//
// NUCLEUS_WASM=FILE uses a prebuilt nucleus.wasm instead of building one;
// NUCLEUS_SCREENSHOT=FILE.png keeps the screenshot of the store picture.
// Without chromium on the PATH they are skipped, saying so.
package main

import (
	"bytes"
	"context"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/nodenucleus/nucleus/server"
)

// browserSite builds the playground once per test binary.
var browserSite string

// page starts headless Chromium on the playground served from a local
// server, and returns its context and the site's address.
func page(t *testing.T) (context.Context, string) {
	t.Helper()
	chromium := chromiumPath(t)
	if browserSite == "" {
		dir, err := os.MkdirTemp("", "nucleus-playground")
		if err != nil {
			t.Fatal(err)
		}
		args := []string{"playground", "-o", dir}
		if w := os.Getenv("NUCLEUS_WASM"); w != "" {
			args = append(args, "--wasm", w)
		}
		start := time.Now()
		if r := nucleus(t, "", args...); r.code != 0 {
			t.Fatalf("nucleus playground: exit %d: %s", r.code, r.errOut)
		}
		t.Logf("built the playground in %s", time.Since(start).Round(time.Millisecond))
		browserSite = dir
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(browserSite)))
	t.Cleanup(srv.Close)
	return browser(t, chromium), srv.URL
}

// browser starts headless Chromium and returns its context.
func browser(t *testing.T, chromium string) context.Context {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium),
		chromedp.NoSandbox, chromedp.WindowSize(1400, 1000))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancelTimeout)
	return ctx
}

// chromiumPath returns the chromium on the PATH, or skips the test
// saying it needs one.
func chromiumPath(t *testing.T) string {
	t.Helper()
	chromium := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chromium = p
			break
		}
	}
	if chromium == "" {
		t.Skip("no chromium on the PATH: the browser tests need it (apt-get install chromium)")
	}
	return chromium
}

// open loads the page at path and waits until nucleus is ready; it
// returns how long that took.
func open(t *testing.T, ctx context.Context, url string) time.Duration {
	t.Helper()
	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`))); err != nil {
		t.Fatalf("loading %s: %v", url, err)
	}
	return time.Since(start)
}

// text returns the text of the element sel.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("reading %s: %v", sel, err)
	}
	return s
}

// slide moves the slider to second s, as a keyboard or mouse would.
func slide(t *testing.T, ctx context.Context, s int) {
	t.Helper()
	js := `(() => { const el = document.getElementById("slider"); el.value = "` + strconv.Itoa(s) +
		`"; el.dispatchEvent(new Event("input")); return true; })()`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
}

// statusOf returns the STATUS of pod name in a kubectl table.
func statusOf(table, name string) string {
	lines := strings.Split(table, "\n")
	col := strings.Index(lines[0], "STATUS")
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, name+" ") && col >= 0 && col < len(l) {
			return strings.Fields(l[col:])[0]
		}
	}
	return ""
}

func TestBrowserCrashLoopAtOneMinute(t *testing.T) {
	ctx, base := page(t)
	took := open(t, ctx, base+"/index.html?scenario=crash-loop")
	wasmMillis, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`globalThis.nucleusLoadMillis`))
	if err != nil {
		t.Fatal(err)
	}
	runMillis, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`globalThis.nucleusFirstRunMillis`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("load: nucleus.wasm fetched, compiled and started in %.0f ms; crash-loop run and shown %.0f ms after the page's script began; navigation to ready took %s",
		wasmMillis, runMillis, took.Round(time.Millisecond))

	slide(t, ctx, 60)
	if got := text(t, ctx, "#now"); got != "00:01:00" {
		t.Errorf("clock shows %q after moving the slider to 60, want 00:01:00", got)
	}
	pods := text(t, ctx, "#pods")
	// Reference: pkg/printers/internalversion/printers.go printPod: a
	// container waiting out its back-off shows its reason as STATUS.
	if got := statusOf(pods, "web"); got != "CrashLoopBackOff" {
		t.Errorf("STATUS of web at 1m = %q, want CrashLoopBackOff; the table:\n%s", got, pods)
	}
	narration := text(t, ctx, "#narration")
	if !strings.Contains(narration, "web keeps walking out of job app; the manager will wait 40s before calling them back.") {
		t.Errorf("the narration at 1m lacks the manager's back-off:\n%s", narration)
	}
	if strings.Contains(narration, "00:01:01") {
		t.Errorf("the narration at 1m tells of later instants:\n%s", narration)
	}
	if !strings.Contains(text(t, ctx, "#checks"), "8 passed, 0 failed") {
		t.Errorf("the check report: %q", text(t, ctx, "#checks"))
	}
	url, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(url, "scenario=crash-loop") || !strings.Contains(url, "at=60s") {
		t.Errorf("the URL %s does not hold the scenario and the instant", url)
	}
}

// The page's narration, to the end of the run, is `nucleus run`'s byte
// for byte.
func TestBrowserNarrationIsRunsByteForByte(t *testing.T) {
	ctx, base := page(t)
	open(t, ctx, base+"/index.html?scenario=crash-loop&at=3m")
	got := text(t, ctx, "#narration") + "\n"
	data, err := os.ReadFile("../../scenarios/crash-loop.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r := nucleus(t, string(data), "run", "-")
	want, _, _ := strings.Cut(r.out, "\nAt ")
	if got != want {
		t.Errorf("the page's narration differs from nucleus run's:\npage:\n%s\nrun:\n%s", got, want)
	}
}

func TestBrowserTypoNamesItsLine(t *testing.T) {
	ctx, base := page(t)
	open(t, ctx, base+"/index.html")
	yaml := "apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: web\\nspec:\\n  containers:\\n  - name: app\\n    imagee: nginx\\n"
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("editor").value = "`+yaml+`"; true`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#run")), chromedp.WaitVisible(chromedp.CSS("#problem"))); err != nil {
		t.Fatal(err)
	}
	problem := text(t, ctx, "#problem")
	if !strings.HasPrefix(problem, "line 8: ") || !strings.Contains(problem, "imagee") {
		t.Errorf("the problem shown is %q, want it to start with line 8 and name imagee", problem)
	}
}

// The store picture is drawn: a screenshot of it is mostly not blank.
func TestBrowserStorePictureIsNotBlank(t *testing.T) {
	ctx, base := page(t)
	open(t, ctx, base+"/index.html?scenario=readiness-desk&at=30s")
	if err := chromedp.Do(ctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS("#picture")))
	if err != nil {
		t.Fatal(err)
	}
	if name := os.Getenv("NUCLEUS_SCREENSHOT"); name != "" {
		if err := os.WriteFile(name, shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	colours, inked, total := map[[3]uint32]bool{}, 0, 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 12, g >> 12, bl >> 12}] = true
			if r < 0xF000 || g < 0xF000 || bl < 0xF000 {
				inked++
			}
			total++
		}
	}
	t.Logf("screenshot %dx%d: %d colours, %.0f%% not white", b.Dx(), b.Dy(), len(colours), 100*float64(inked)/float64(total))
	if b.Dx() < 400 || b.Dy() < 200 || len(colours) < 8 || inked*20 < total {
		t.Errorf("the store picture looks blank: %dx%d, %d colours, %d of %d pixels not white", b.Dx(), b.Dy(), len(colours), inked, total)
	}
}

// The live page that nucleus serve serves at / follows the chain through
// the API's watches: the pod appears in its table and the Events in its
// narration.
func TestBrowserLivePage(t *testing.T) {
	ctx := browser(t, chromiumPath(t))
	ready := make(chan string, 1)
	o := &serveOptions{
		listen: "127.0.0.1:0", kubeconfig: t.TempDir() + "/kubeconfig", pace: "10x", voice: "both",
		ready: func(addr string, _ *server.Server) { ready <- addr },
	}
	serveCtx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var out, errOut bytes.Buffer
	go func() {
		done <- o.serve(serveCtx, streams{in: strings.NewReader(""), out: &out, errOut: &errOut, clock: systemClock{}}, []string{"../../scenarios/crash-loop.yaml"})
	}()
	addr := <-ready
	defer func() { stop(); <-done }()
	if err := chromedp.Do(ctx, chromedp.Navigate(addr+"/"), chromedp.Sleep(3*time.Second)); err != nil {
		t.Fatal(err)
	}
	pods := text(t, ctx, "#pods")
	if !strings.Contains(pods, "web") || !strings.Contains(pods, "STATUS") {
		t.Errorf("the live page's pods:\n%s", pods)
	}
	if narration := text(t, ctx, "#narration"); !strings.Contains(narration, "Started") {
		t.Errorf("the live page's narration has no Started event:\n%s", narration)
	}
}
