package shell

// Conn is a connection a process opened to a listener: it answers an HTTP
// GET for a path with a status (0: no HTTP answer) and a body.
type Conn interface {
	HTTP(path string) (status int, body string)
}

// TLSHost is a Host whose listeners may speak TLS (HTTPS), as the API
// server behind the "kubernetes" Service does. Open connects once, so a
// Service address is balanced once per request.
type TLSHost interface {
	Host
	// Open connects to host:port: the connection, whether what listens
	// there speaks TLS, and false when nothing listens.
	Open(host string, port int) (c Conn, tls bool, ok bool)
}

// fetchOutcome is how a request of curl or wget ended below HTTP.
type fetchOutcome int

const (
	fetched   fetchOutcome = iota // an HTTP answer
	refused                       // nothing listens, or no HTTP answer
	untrusted                     // the server's certificate failed the check
)

// httpToTLS is what a Go TLS server (the API server) answers a client
// that speaks plain HTTP to it.
// Reference: Go net/http server.go (conn.serve: "Client sent an HTTP
// request to an HTTPS server.").
const httpToTLS = "Client sent an HTTP request to an HTTPS server.\n"

// fetch sends GET path to addr:port over https or plain http. A server
// that speaks TLS presents a certificate signed by the cluster's own CA,
// which no image trusts: over https the request stops there unless the
// check is off (curl -k, wget --no-check-certificate); over plain http
// the server answers 400. A server that speaks no TLS answers an https
// request as if it were http (nucleus does not model the handshake that
// would fail).
func (p *Process) fetch(addr string, port int, path string, https, checkCert bool) (int, string, fetchOutcome) {
	h, ok := p.host.(TLSHost)
	if !ok {
		status, body, ok := p.host.HTTPGet(addr, port, path)
		if !ok {
			return 0, "", refused
		}
		return status, body, fetched
	}
	c, tls, ok := h.Open(addr, port)
	switch {
	case !ok:
		return 0, "", refused
	case tls && !https:
		return 400, httpToTLS, fetched
	case tls && checkCert:
		return 0, "", untrusted
	}
	status, body := c.HTTP(path)
	if status == 0 {
		return 0, "", refused
	}
	return status, body, fetched
}
