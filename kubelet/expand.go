package kubelet

import (
	"strings"

	corev1 "k8s.io/api/core/v1"
)

// expand replaces the $(NAME) references in s the way the kubelet does for
// env values, command and args: a reference to a known variable becomes its
// value, a reference to an unknown one stays as written, "$$" is an escaped
// "$" (so "$$(NAME)" gives the literal text "$(NAME)"), an unclosed "$(" and
// any other "$" stay as they are. Nothing is expanded twice: the value a
// reference is replaced with is not read again.
// Reference: third_party/forked/golang/expansion/expand.go (Expand,
// tryReadVariableName), kubernetes/kubernetes.
func expand(s string, lookup func(name string) (string, bool)) string {
	if !strings.Contains(s, "$") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		switch s[i+1] {
		case '$': // escaped operator
			b.WriteByte('$')
			i++
		case '(':
			end := strings.IndexByte(s[i+2:], ')')
			if end < 0 { // unclosed: keep "$(" and read on after it
				b.WriteString("$(")
				i++
				continue
			}
			name := s[i+2 : i+2+end]
			if v, ok := lookup(name); ok {
				b.WriteString(v)
			} else {
				b.WriteString("$(" + name + ")")
			}
			i += 2 + end
		default: // a "$" that starts no reference
			b.WriteByte('$')
		}
	}
	return b.String()
}

// containerEnv is a container's environment as the kubelet builds it: each
// env value expanded against the variables defined before it, a later entry
// of the same name replacing an earlier one (in the earlier one's place).
// Reference: pkg/kubelet/kubelet_pods.go (makeEnvironmentVariables).
//
// links holds the service-link variables (shared by many containers, nil
// for none): a reference may name them, and each one the container's own
// env does not define comes after the container's variables, in name order.
type containerEnv struct {
	names  []string
	values map[string]string
	links  *serviceLinks
}

// newContainerEnv builds the environment of container c.
func newContainerEnv(c *corev1.Container) *containerEnv {
	e := &containerEnv{values: map[string]string{}}
	for _, v := range c.Env {
		e.set(v.Name, expand(v.Value, e.lookup))
	}
	return e
}

func (e *containerEnv) lookup(name string) (string, bool) {
	if v, ok := e.values[name]; ok {
		return v, true
	}
	if e.links == nil {
		return "", false
	}
	v, ok := e.links.vars[name]
	return v, ok
}

func (e *containerEnv) set(name, value string) {
	if _, ok := e.values[name]; !ok {
		e.names = append(e.names, name)
	}
	e.values[name] = value
}

// pairs returns the environment as NAME=value pairs, in the order the
// names were first defined, then the service links it does not override.
// The service links' pairs are shared with every other container: a
// container without variables of its own gets the shared list itself,
// which nobody may change (an append to it copies it).
func (e *containerEnv) pairs() []string {
	var names, shared []string
	if e.links != nil {
		names, shared = e.links.names, e.links.pairs
	}
	if len(e.names) == 0 {
		return shared[:len(shared):len(shared)]
	}
	out := make([]string, 0, len(e.names)+len(shared))
	for _, n := range e.names {
		out = append(out, n+"="+e.values[n])
	}
	for i, n := range names {
		if _, ok := e.values[n]; !ok {
			out = append(out, shared[i])
		}
	}
	return out
}

// expandAll expands every string of list against the environment, as the
// kubelet does for a container's command and args.
// Reference: pkg/kubelet/container/helpers.go (ExpandContainerCommandAndArgs).
func (e *containerEnv) expandAll(list []string) []string {
	if list == nil {
		return nil
	}
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = expand(s, e.lookup)
	}
	return out
}
