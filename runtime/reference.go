package runtime

import (
	"fmt"
	"strings"
)

// Reference is a parsed image reference: [registry/]repository[:tag][@digest].
type Reference struct {
	Registry string // docker.io when the reference names none
	Path     string // library/nginx
	Tag      string // "" when the reference has a digest and no tag
	Digest   string // sha256:...
}

// Repository returns registry/path, e.g. "docker.io/library/nginx".
func (r Reference) Repository() string { return r.Registry + "/" + r.Path }

// String returns the fully qualified reference, e.g.
// "docker.io/library/nginx:1.27".
func (r Reference) String() string {
	s := r.Repository()
	if r.Tag != "" {
		s += ":" + r.Tag
	}
	if r.Digest != "" {
		s += "@" + r.Digest
	}
	return s
}

// ParseReference parses an image reference the way container runtimes do:
// a first component with a dot or a colon, or "localhost", is a registry
// (docker.io otherwise); a single-component name on docker.io lives under
// "library/"; a missing tag and digest means tag "latest". The error text for
// a malformed reference is what the kubelet reports as InvalidImageName.
func ParseReference(ref string) (Reference, error) {
	if ref == "" {
		return Reference{}, fmt.Errorf("invalid reference format: repository name must have at least one component")
	}
	if strings.TrimSpace(ref) != ref {
		return Reference{}, fmt.Errorf("invalid reference format: %q has surrounding whitespace", ref)
	}
	var r Reference
	rest := ref
	if i := strings.IndexByte(rest, '@'); i >= 0 {
		r.Digest = rest[i+1:]
		rest = rest[:i]
		if err := checkDigest(r.Digest); err != nil {
			return Reference{}, err
		}
	}
	// A tag is after the last colon that follows the last slash.
	if i := strings.LastIndexByte(rest, ':'); i > strings.LastIndexByte(rest, '/') {
		r.Tag = rest[i+1:]
		rest = rest[:i]
		if !validTag(r.Tag) {
			return Reference{}, fmt.Errorf("invalid reference format: invalid tag %q", r.Tag)
		}
	}
	r.Registry = "docker.io"
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		first := rest[:i]
		if strings.ContainsAny(first, ".:") || first == "localhost" {
			r.Registry, rest = first, rest[i+1:]
		}
	}
	if r.Registry == "docker.io" && !strings.Contains(rest, "/") {
		rest = "library/" + rest
	}
	for _, comp := range strings.Split(rest, "/") {
		if !validComponent(comp) {
			return Reference{}, fmt.Errorf("invalid reference format: repository name %q must be lowercase letters, digits and separators", rest)
		}
	}
	r.Path = rest
	if r.Tag == "" && r.Digest == "" {
		r.Tag = "latest"
	}
	return r, nil
}

func validTag(t string) bool {
	if t == "" || len(t) > 128 || t[0] == '.' || t[0] == '-' {
		return false
	}
	for _, c := range t {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

func validComponent(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		alnum := c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
		if alnum {
			continue
		}
		if (c == '.' || c == '_' || c == '-') && i > 0 && i < len(s)-1 {
			continue
		}
		return false
	}
	return true
}

func checkDigest(d string) error {
	alg, hexPart, ok := strings.Cut(d, ":")
	if !ok || alg != "sha256" || len(hexPart) != 64 || strings.Trim(hexPart, "0123456789abcdef") != "" {
		return fmt.Errorf("invalid reference format: invalid digest %q (want sha256: and 64 lowercase hex digits)", d)
	}
	return nil
}
