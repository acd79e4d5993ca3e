package shell

import (
	"strconv"
	"strings"
)

// nameserver returns the pod's DNS server from /etc/resolv.conf, or the usual
// kube-dns ClusterIP when the engine did not write the file.
func (p *Process) nameserver() string {
	conf, _ := p.readFile("/etc/resolv.conf")
	for _, line := range strings.Split(conf, "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "nameserver" {
			return f[1]
		}
	}
	return "10.96.0.10"
}

// cmdNslookup resolves NAME through Host.LookupHost and prints busybox's
// answer; it exits 1 with NXDOMAIN when the name does not exist (yet).
func cmdNslookup(p *Process, argv []string) int {
	_, args := splitFlags(argv[1:])
	if len(args) == 0 {
		p.write(2, "Usage: nslookup HOST [DNS_SERVER]\n")
		return 1
	}
	name, ns := args[0], p.nameserver()
	p.write(1, "Server:\t\t"+ns+"\nAddress:\t"+ns+":53\n\n")
	addr, ok := p.host.LookupHost(name)
	if !ok {
		p.write(1, "** server can't find "+name+": NXDOMAIN\n")
		return 1
	}
	p.write(1, "Name:\t"+name+"\nAddress: "+addr+"\n")
	return 0
}

// resolve returns the address of a host named in a URL or on a command line.
func (p *Process) resolve(host string) (string, bool) {
	if host == "localhost" {
		return "127.0.0.1", true
	}
	if strings.Trim(host, "0123456789.") == "" || strings.Contains(host, ":") {
		return host, true
	}
	return p.host.LookupHost(host)
}

// wgetOptions are the wget flags this shell understands.
type wgetOptions struct {
	quiet, spider bool
	noCheckCert   bool   // --no-check-certificate
	output        string // "" = from the URL, "-" = stdout
	url           string
}

func parseWget(args []string) (wgetOptions, string) {
	var o wgetOptions
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--spider":
			o.spider = true
		case a == "--no-check-certificate":
			o.noCheckCert = true
		case strings.HasPrefix(a, "--timeout") || strings.HasPrefix(a, "--tries"):
			if !strings.Contains(a, "=") {
				i++
			}
		case strings.HasPrefix(a, "-") && len(a) > 1:
			for j := 1; j < len(a); j++ {
				switch a[j] {
				case 'q':
					o.quiet = true
				case 'O', 'T', 'U', 'Y':
					val := a[j+1:]
					if val == "" && i+1 < len(args) {
						i++
						val = args[i]
					}
					if a[j] == 'O' {
						o.output = val
					}
					j = len(a)
				}
			}
		default:
			o.url = a
		}
	}
	if o.url == "" {
		return o, "Usage: wget [-q] [-O FILE] [-T SEC] [--spider] URL"
	}
	return o, ""
}

// isHTTPS reports whether url names an https:// resource.
func isHTTPS(url string) bool { return strings.HasPrefix(url, "https://") }

// splitURL returns host, port and path of http://host[:port]/path.
func splitURL(url string) (host string, port int, path string, ok bool) {
	port = 80
	if rest, found := strings.CutPrefix(url, "https://"); found {
		url, port = rest, 443
	}
	url = strings.TrimPrefix(url, "http://")
	hostport, path := url, "/"
	if i := strings.IndexByte(url, '/'); i >= 0 {
		hostport, path = url[:i], url[i:]
	}
	host = hostport
	if i := strings.LastIndexByte(hostport, ':'); i >= 0 {
		n, err := strconv.Atoi(hostport[i+1:])
		if err != nil || n <= 0 || n > 65535 {
			return "", 0, "", false
		}
		host, port = hostport[:i], n
	}
	return host, port, path, host != ""
}

// cmdWget fetches a URL: exit 0 on a 2xx answer, 1 when the server answers
// an error, nothing listens, or the name does not resolve. Time-outs are
// not modelled: a port with no listener refuses at once. Over https,
// busybox's own TLS checks no certificate and says so; an Alpine-based
// image's wget hands TLS to its ssl_client, which checks the certificate
// (see wgetTLS).
func cmdWget(p *Process, argv []string) int {
	o, usage := parseWget(argv[1:])
	if usage != "" {
		p.write(2, usage+"\n")
		return 1
	}
	host, port, path, ok := splitURL(o.url)
	if !ok {
		p.write(2, "wget: bad port spec '"+o.url+"'\n")
		return 1
	}
	addr, ok := p.resolve(host)
	if !ok {
		p.write(2, "wget: bad address '"+host+"'\n")
		return 1
	}
	ap := addr + ":" + strconv.Itoa(port)
	if !o.quiet {
		p.write(2, "Connecting to "+host+" ("+ap+")\n")
	}
	p.effect()
	checkCert := false
	if isHTTPS(o.url) {
		checkCert = p.wgetTLS(o)
	}
	status, body, outcome := p.fetch(addr, port, path, isHTTPS(o.url), checkCert)
	switch outcome {
	case refused:
		p.write(2, "wget: can't connect to remote host ("+addr+"): Connection refused\n")
		return 1
	case untrusted:
		p.write(2, "ssl_client: "+host+": certificate verification failed: unable to get local issuer certificate\n")
		p.write(2, "wget: error getting response: Connection reset by peer\n")
		return 1
	}
	if status < 200 || status > 299 {
		p.write(2, "wget: server returned error: HTTP/1.1 "+strconv.Itoa(status)+" "+statusText(status)+"\n")
		return 1
	}
	return p.saveBody(o, path, body)
}

// wgetTLS returns whether wget checks an https server's certificate. The
// busybox image's wget speaks TLS itself, checks nothing, and says so
// once (even with -q) unless told --no-check-certificate. An image with
// ssl_client (alpine, and images built on it such as curlimages/curl)
// runs it for TLS, and it checks the certificate unless wget passes -I
// for --no-check-certificate; it prints "ssl_client: SNI: ERROR" when the
// check fails, and wget reports the connection reset.
// Reference: busybox networking/wget.c (spawn_ssl_client: "note: TLS
// certificate validation not implemented"); alpinelinux/aports
// main/busybox/ssl_client.c (errx "%s: %s" with the SNI and libtls's
// error).
func (p *Process) wgetTLS(o wgetOptions) bool {
	if p.hasProgram("ssl_client") {
		return !o.noCheckCert
	}
	if !o.noCheckCert {
		p.write(2, "wget: note: TLS certificate validation not implemented\n")
	}
	return false
}

// saveBody writes a fetched body where -O says (or to the URL's file name).
func (p *Process) saveBody(o wgetOptions, path, body string) int {
	if o.spider {
		if !o.quiet {
			p.write(2, "remote file exists\n")
		}
		return 0
	}
	if o.output == "-" {
		if !o.quiet {
			p.write(2, "writing to stdout\n")
		}
		p.write(1, body)
		return 0
	}
	file := o.output
	if file == "" {
		file = path[strings.LastIndexByte(path, '/')+1:]
		if file == "" {
			file = "index.html"
		}
	}
	if !o.quiet {
		p.write(2, "saving to '"+file+"'\n")
	}
	p.effect()
	if err := p.host.WriteFile(file, body, false); err != nil {
		p.write(2, "wget: can't open '"+file+"': No such file or directory\n")
		return 1
	}
	if !o.quiet {
		p.write(2, "'"+file+"' saved\n")
	}
	return 0
}

// ncOptions are the nc flags this shell understands.
type ncOptions struct {
	zero, listen bool
	port         string // -p
	ops          []string
}

func parseNc(args []string) (ncOptions, string) {
	var o ncOptions
	for i := 0; i < len(args); i++ {
		a := args[i]
		if len(a) < 2 || a[0] != '-' {
			o.ops = append(o.ops, a)
			continue
		}
		for j := 1; j < len(a); j++ {
			switch a[j] {
			case 'z':
				o.zero = true
			case 'l':
				o.listen = true
			case 'v', 'n', 'k':
			case 'w', 'p', 'W', 'i':
				val := a[j+1:]
				if val == "" {
					if i+1 == len(args) {
						return o, "option requires an argument -- '" + string(a[j]) + "'"
					}
					i++
					val = args[i]
				}
				if a[j] == 'p' {
					o.port = val
				}
				j = len(a)
			default:
				return o, "invalid option -- '" + string(a[j]) + "'"
			}
		}
	}
	return o, ""
}

const ncUsage = "nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen"

// cmdNc is busybox's nc: `nc -z HOST PORT` reports whether something
// listens; `nc HOST PORT` sends stdin and prints the answer (an HTTP
// request gets the server's response); `nc -l -p PORT` answers whoever
// connects with its stdin (so `printf 'HTTP/1.1 200 OK\r\n\r\nhi' | nc -l
// -p 8080` serves a page), and, where the Host cannot listen, says so.
// A listener serves every connection until the container ends, rather
// than the first one only.
func cmdNc(p *Process, argv []string) int {
	o, bad := parseNc(argv[1:])
	if bad != "" {
		return p.usageError("nc", bad, ncUsage)
	}
	if o.listen {
		return p.ncListen(o)
	}
	if len(o.ops) != 2 {
		p.write(2, busyboxBanner+"Usage: "+ncUsage+"\n")
		return 1
	}
	port, err := strconv.Atoi(o.ops[1])
	if err != nil || port <= 0 || port > 65535 {
		p.write(2, "nc: bad port '"+o.ops[1]+"'\n")
		return 1
	}
	addr, ok := p.resolve(o.ops[0])
	if !ok {
		p.write(2, "nc: bad address '"+o.ops[0]+"'\n")
		return 1
	}
	p.effect()
	if o.zero {
		return boolStatus(p.host.Connect(addr, port))
	}
	if !p.host.Connect(addr, port) {
		p.write(2, "nc: can't connect to remote host ("+addr+"): Connection refused\n")
		return 1
	}
	in := p.stdin
	p.stdin = ""
	if method, rest, ok := strings.Cut(in, " "); ok && method == "GET" {
		path, _, _ := strings.Cut(rest, " ")
		status, body, ok := p.host.HTTPGet(addr, port, path)
		if ok && status > 0 {
			p.write(1, "HTTP/1.1 "+strconv.Itoa(status)+" "+statusText(status)+"\r\nContent-Length: "+strconv.Itoa(len(body))+"\r\n\r\n"+body)
		}
	}
	return 0
}

// ListenHost is a Host on which a process can listen (nc -l).
type ListenHost interface {
	Host
	// ListenText answers every connection to port with response, the
	// raw bytes a listener writes back (for HTTP: status line, headers,
	// blank line, body), until the container ends.
	ListenText(port int, response string)
}

// ncListen is `nc -l -p PORT`: it listens, serving its stdin, and waits.
func (p *Process) ncListen(o ncOptions) int {
	ps := o.port
	if ps == "" && len(o.ops) > 0 {
		ps = o.ops[len(o.ops)-1]
	}
	port, err := strconv.Atoi(ps)
	if err != nil || port <= 0 || port > 65535 {
		p.write(2, "nc: bad port '"+ps+"'\n")
		return 1
	}
	h, ok := p.host.(ListenHost)
	if !ok {
		p.write(2, "nc: listening is not simulated here\n")
		return 1
	}
	p.effect()
	h.ListenText(port, p.stdin)
	p.stdin = ""
	p.blockFor = Forever
	return 0
}

// statusText returns the reason phrase of the HTTP status codes that probes
// and examples meet (RFC 9110), as wget prints it.
func statusText(code int) string {
	switch code {
	case 200:
		return "OK"
	case 201:
		return "Created"
	case 204:
		return "No Content"
	case 301:
		return "Moved Permanently"
	case 302:
		return "Found"
	case 400:
		return "Bad Request"
	case 401:
		return "Unauthorized"
	case 403:
		return "Forbidden"
	case 404:
		return "Not Found"
	case 500:
		return "Internal Server Error"
	case 502:
		return "Bad Gateway"
	case 503:
		return "Service Unavailable"
	case 504:
		return "Gateway Timeout"
	}
	return "Error"
}
