package runtime

import (
	"fmt"
	"path"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/runtime/shell"
)

// Register puts a scripted image in the catalog: an image of repository
// (e.g. "example.com/shop/checkout", any tag) whose size is size bytes and
// whose only program follows b. The image has no shell; its entrypoint is
// the program, named after the repository's last component, so a pod that
// gives no command runs it, and a pod that asks for another command fails
// to start, as with a distroless image. A malformed repository, a negative
// size or an invalid behaviour is an error naming the field.
func (c *Catalog) Register(repository string, size int64, b Behaviour) error {
	var errs field.ErrorList
	r, err := ParseReference(repository)
	switch {
	case err != nil:
		errs = append(errs, field.Invalid(field.NewPath("repository"), repository, err.Error()))
	case strings.Contains(repository, "@") || strings.LastIndexByte(repository, ':') > strings.LastIndexByte(repository, '/'):
		errs = append(errs, field.Invalid(field.NewPath("repository"), repository, "must not have a tag or a digest"))
	}
	if size < 0 {
		errs = append(errs, field.Invalid(field.NewPath("size"), size, "must be greater than or equal to 0"))
	}
	errs = append(errs, b.Validate(field.NewPath("behaviour"))...)
	if len(errs) > 0 {
		return errs.ToAggregate()
	}
	name := path.Base(r.Path)
	c.Add(ImageSpec{
		Repository: r.Repository(),
		Size:       size,
		Entrypoint: []string{"/" + name},
		Programs:   map[string]ProgramFunc{name: behaviourPlan(b).program()},
	})
	return nil
}

// behaviourPlan turns a behaviour into the plan its containers follow.
func behaviourPlan(b Behaviour) *plan {
	p := &plan{}
	for _, pb := range b.Ports {
		p.listen(b.StartupTime, pb.Port, pb.listener)
	}
	for _, l := range b.Logs {
		p.log(l.At, planLog{stream: l.Stream, text: l.Text})
	}
	for _, m := range b.Memory {
		p.useMemory(m)
	}
	if b.ExitAfter > 0 {
		p.exitAt(b.ExitAfter, b.ExitCode)
	}
	if b.OnSIGTERM.Exit {
		p.on(shell.SIGTERM, b.OnSIGTERM)
	}
	return p
}

// listener returns the Port a container of the behaviour serves.
func (pb PortBehaviour) listener(h *Host) Listener {
	port := &Port{Speaks: pb.Protocol, Delay: pb.Latency}
	switch port.Protocol() {
	case ProtocolHTTP:
		port.Answer = func(p string) (int, string) {
			if r, ok := pb.rule(p, h); ok {
				return r.Status, r.Body
			}
			return 404, "404 page not found"
		}
	case ProtocolGRPC:
		port.Health = func(service string) string {
			if r, ok := pb.rule(service, h); ok {
				if r.Status == 200 {
					return HealthServing
				}
				return HealthNotServing
			}
			if service == "" {
				return HealthServing
			}
			return HealthServiceUnknown
		}
	}
	return port
}

// rule returns the first path rule that matches p now.
func (pb PortBehaviour) rule(p string, h *Host) (PathBehaviour, bool) {
	up := h.Uptime()
	p, _, _ = strings.Cut(p, "?")
	for _, r := range pb.Paths {
		if r.Path == p && up >= r.From && (r.Until == 0 || up < r.Until) {
			return r, true
		}
	}
	return PathBehaviour{}, false
}

// String returns a one-line summary such as "HTTP :8080 (2 paths)".
func (pb PortBehaviour) String() string {
	proto := pb.Protocol
	if proto == "" {
		proto = ProtocolHTTP
	}
	return fmt.Sprintf("%s :%d (%d paths)", proto, pb.Port, len(pb.Paths))
}
