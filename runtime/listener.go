package runtime

import "time"

// Protocol is what a listener speaks on its port.
type Protocol string

// The protocols a program's port can speak. A tcpSocket probe only needs
// a listener; an httpGet probe needs HTTP; a grpc probe needs the gRPC
// health service.
const (
	// ProtocolTCP accepts connections but answers no HTTP (redis).
	ProtocolTCP Protocol = "TCP"
	// ProtocolHTTP answers HTTP requests (nginx, agnhost).
	ProtocolHTTP Protocol = "HTTP"
	// ProtocolGRPC answers gRPC, including grpc.health.v1.Health (etcd).
	ProtocolGRPC Protocol = "GRPC"
	// ProtocolHTTPS answers HTTP over TLS, with a certificate signed by
	// the cluster's own CA, which the images do not trust (the API
	// server).
	ProtocolHTTPS Protocol = "HTTPS"
)

// The answers of the gRPC health service (grpc.health.v1
// HealthCheckResponse.ServingStatus).
const (
	HealthServing        = "SERVING"
	HealthNotServing     = "NOT_SERVING"
	HealthServiceUnknown = "SERVICE_UNKNOWN"
)

// Listener answers connections on a port. HTTP answers a request for a path
// with a status code and a body; a status of 0 means the server did not
// answer in HTTP at all (it closed the connection), which an httpGet probe
// counts as a failure.
type Listener interface {
	HTTP(path string) (status int, body string)
}

// HTTPFunc adapts a function to the Listener interface: an HTTP server that
// answers at once.
type HTTPFunc func(path string) (int, string)

// HTTP calls f(path).
func (f HTTPFunc) HTTP(path string) (int, string) { return f(path) }

// Port is a listener that a program opens: the protocol it speaks, how long
// it takes to answer, and its answers. The programs of the catalog and of
// registered behaviours open Ports.
type Port struct {
	// Speaks is the port's protocol; empty means HTTP.
	Speaks Protocol
	// Delay is how long each answer takes.
	Delay time.Duration
	// Answer returns the HTTP answer for a path; nil means the port does
	// not speak HTTP.
	Answer func(path string) (status int, body string)
	// Health returns the gRPC health service's answer for a service name
	// ("" is the whole server); nil means the port does not speak gRPC.
	Health func(service string) string
}

// HTTP returns the port's answer for path, or status 0 when the port does
// not speak HTTP.
func (p *Port) HTTP(path string) (int, string) {
	if p.Answer == nil {
		return 0, ""
	}
	return p.Answer(path)
}

// Protocol returns what the port speaks.
func (p *Port) Protocol() Protocol {
	if p.Speaks == "" {
		return ProtocolHTTP
	}
	return p.Speaks
}

// Latency returns how long the port takes to answer.
func (p *Port) Latency() time.Duration { return p.Delay }

// GRPCHealth returns the health service's answer for service, or "" when
// the port does not speak gRPC.
func (p *Port) GRPCHealth(service string) string {
	if p.Health == nil {
		return ""
	}
	return p.Health(service)
}

// ProtocolOf returns what a listener speaks: its Protocol method's answer,
// or HTTP for a listener that has none (an HTTPFunc).
func ProtocolOf(l Listener) Protocol {
	if p, ok := l.(interface{ Protocol() Protocol }); ok {
		return p.Protocol()
	}
	return ProtocolHTTP
}

// LatencyOf returns how long a listener takes to answer; zero for a
// listener that does not say.
func LatencyOf(l Listener) time.Duration {
	if p, ok := l.(interface{ Latency() time.Duration }); ok {
		return p.Latency()
	}
	return 0
}

// GRPCHealthOf returns the gRPC health service's answer of a listener for
// service, and false when the listener does not speak gRPC (a grpc probe
// against it fails).
func GRPCHealthOf(l Listener, service string) (string, bool) {
	p, ok := l.(interface{ GRPCHealth(string) string })
	if !ok {
		return "", false
	}
	s := p.GRPCHealth(service)
	return s, s != ""
}
