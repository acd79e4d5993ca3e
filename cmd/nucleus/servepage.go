package main

import (
	"bytes"
	"io/fs"
	"net/http"
	"path"

	"github.com/nodenucleus/nucleus/picture"
	"github.com/nodenucleus/nucleus/playground"
	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/server"
)

// livePage returns the handler `nucleus serve` listens with: the live
// page at / (the playground's page in live mode, with its app.js and
// style.css), the store picture at /nucleus/picture.svg, and everything
// else, the Kubernetes API, from srv. The page follows the chain through
// the API's watches, as any client does.
func livePage(srv *server.Server, run *scenario.Result, name string) http.Handler {
	page := playground.LivePage()
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method != http.MethodGet && req.Method != http.MethodHead {
			srv.ServeHTTP(w, req)
			return
		}
		switch p := req.URL.Path; p {
		case "/", "/index.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write(page)
		case "/app.js", "/style.css":
			data, err := fs.ReadFile(playground.Site(), path.Base(p))
			if err != nil {
				http.NotFound(w, req)
				return
			}
			if path.Ext(p) == ".js" {
				w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
			} else {
				w.Header().Set("Content-Type", "text/css; charset=utf-8")
			}
			_, _ = w.Write(data)
		case "/nucleus/picture.svg":
			var b bytes.Buffer
			var err error
			srv.Do(func() { err = picture.Take(run.Cluster, name).WriteSVG(&b) })
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "image/svg+xml")
			_, _ = w.Write(b.Bytes())
		default:
			srv.ServeHTTP(w, req)
		}
	})
}
