package shell

import (
	"strconv"
	"strings"
)

// curlOptions are the curl flags this shell understands.
type curlOptions struct {
	silent, showError, fail, head, include bool
	insecure                               bool // -k: no certificate check
	output, writeOut, url                  string
}

// curlValueFlags are the flags that take a value; the ones this shell
// does not act on (-H, -X GET, -m, ...) are accepted and ignored.
var curlValueFlags = map[string]bool{
	"-o": true, "--output": true, "-w": true, "--write-out": true, "-H": true, "--header": true, "-X": true,
	"--request": true, "-m": true, "--max-time": true, "--connect-timeout": true, "--retry": true, "-A": true,
	"--user-agent": true, "-u": true, "--user": true, "-d": true, "--data": true, "--retry-delay": true,
}

// parseCurl reads curl's command line; bad is the flag it does not know.
func parseCurl(args []string) (o curlOptions, bad string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if curlValueFlags[a] {
			if i+1 == len(args) {
				return o, a
			}
			i++
			switch a {
			case "-o", "--output":
				o.output = args[i]
			case "-w", "--write-out":
				o.writeOut = args[i]
			}
			continue
		}
		switch a {
		case "--silent":
			o.silent = true
		case "--show-error":
			o.showError = true
		case "--fail":
			o.fail = true
		case "--head":
			o.head = true
		case "--include":
			o.include = true
		case "--insecure":
			o.insecure = true
		case "--location", "--verbose", "--no-progress-meter":
		default:
			if strings.HasPrefix(a, "--") {
				return o, a
			}
			if len(a) > 1 && a[0] == '-' {
				for _, f := range a[1:] {
					switch f {
					case 's':
						o.silent = true
					case 'S':
						o.showError = true
					case 'f':
						o.fail = true
					case 'I':
						o.head = true
					case 'i':
						o.include = true
					case 'k':
						o.insecure = true
					case 'L', 'v':
					default:
						return o, "-" + string(f)
					}
				}
				continue
			}
			o.url = a
		}
	}
	return o, ""
}

// curlCACertMessage is what curl adds after a certificate that fails
// its check (exit 60).
// Reference: curl src/tool_operate.c (CURL_CA_CERT_ERRORMSG after
// CURLE_PEER_FAILED_VERIFICATION).
const curlCACertMessage = "More details here: https://curl.se/docs/sslcerts.html\n\n" +
	"curl failed to verify the legitimacy of the server and therefore could not\n" +
	"establish a secure connection to it. To learn more about this situation and\n" +
	"how to fix it, please visit the webpage mentioned above.\n"

// cmdCurl fetches a URL, with curl's exit codes: 6 when the name does not
// resolve, 7 when nothing listens, 60 when an https server's certificate
// is not trusted (the API server's is signed by the cluster's own CA; -k
// skips the check), 22 for an HTTP error with -f, 0 otherwise (the body of
// an error page is printed without -f). The progress meter is never
// shown, as with --no-progress-meter.
func cmdCurl(p *Process, argv []string) int {
	o, bad := parseCurl(argv[1:])
	if bad != "" {
		p.write(2, "curl: option "+bad+": is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n")
		return 2
	}
	fail := func(code int, msg string) int {
		if !o.silent || o.showError {
			p.write(2, "curl: ("+strconv.Itoa(code)+") "+msg+"\n")
			if code == 60 {
				p.write(2, curlCACertMessage)
			}
		}
		return code
	}
	if o.url == "" {
		p.write(2, "curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n")
		return 2
	}
	host, port, path, ok := splitURL(o.url)
	if !ok {
		return fail(3, "URL rejected: Port number was not a decimal number between 0 and 65535")
	}
	addr, ok := p.resolve(host)
	if !ok {
		return fail(6, "Could not resolve host: "+host)
	}
	p.effect()
	status, body, outcome := p.fetch(addr, port, path, isHTTPS(o.url), !o.insecure)
	switch outcome {
	case refused:
		return fail(7, "Failed to connect to "+host+" port "+strconv.Itoa(port)+" after 0 ms: Couldn't connect to server")
	case untrusted:
		return fail(60, "SSL certificate problem: unable to get local issuer certificate")
	}
	if o.fail && status >= 400 {
		return fail(22, "The requested URL returned error: "+strconv.Itoa(status))
	}
	out := body
	if o.head || o.include {
		hdr := "HTTP/1.1 " + strconv.Itoa(status) + " " + statusText(status) + "\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n"
		out = hdr
		if !o.head {
			out += body
		}
	}
	switch o.output {
	case "/dev/null":
	case "", "-":
		p.write(1, out)
	default:
		p.effect()
		if err := p.host.WriteFile(o.output, out, false); err != nil {
			return fail(23, "Failure writing output to destination")
		}
	}
	if o.writeOut != "" {
		w := strings.ReplaceAll(o.writeOut, "%{http_code}", strconv.Itoa(status))
		w = strings.ReplaceAll(w, "%{size_download}", strconv.Itoa(len(body)))
		p.write(1, strings.ReplaceAll(w, `\n`, "\n"))
	}
	return 0
}
