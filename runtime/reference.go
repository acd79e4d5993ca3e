package runtime

import "github.com/nodenucleus/nucleus/pod"

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
// "library/"; a missing tag and digest means tag "latest". The grammar is
// pod.ParseImage's, the one the API server's defaulting uses too; its error
// text is what the kubelet reports as InvalidImageName.
func ParseReference(ref string) (Reference, error) {
	img, err := pod.ParseImage(ref)
	if err != nil {
		return Reference{}, err
	}
	return Reference{Registry: img.Registry, Path: img.Repository, Tag: img.Tag, Digest: img.Digest}, nil
}
