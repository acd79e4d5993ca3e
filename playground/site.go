package playground

import (
	"bytes"
	"embed"
	"io/fs"
)

//go:embed site
var site embed.FS

// Site returns the page's own files: index.html, app.js, style.css and
// sw.js, the service worker that keeps the page working offline once
// loaded.
// The playground also needs nucleus.wasm (cmd/nucleus-wasm built for
// GOOS=js GOARCH=wasm) and Go's wasm_exec.js beside them; `nucleus
// playground` writes all five.
func Site() fs.FS {
	sub, err := fs.Sub(site, "site")
	if err != nil {
		panic("playground.Site: " + err.Error())
	}
	return sub
}

// LivePage returns index.html for the live page that `nucleus serve`
// serves at /: the same page, in live mode, following the served API's
// watches instead of running the simulation itself.
func LivePage() []byte {
	page, err := fs.ReadFile(Site(), "index.html")
	if err != nil {
		panic("playground.LivePage: " + err.Error())
	}
	return bytes.Replace(page, []byte(`data-mode="playground"`), []byte(`data-mode="live"`), 1)
}
