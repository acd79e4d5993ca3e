package runtime

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"syscall"
)

// ImageSpec describes an image the warehouse (registry) holds: its size,
// which decides how long a pull takes, and what it runs.
type ImageSpec struct {
	// Repository is the fully qualified name, e.g. "docker.io/library/nginx".
	Repository string
	// Size is the compressed size in bytes.
	Size int64
	// Entrypoint and Cmd are the image's ENTRYPOINT and CMD.
	Entrypoint, Cmd []string
	// Shell says whether the image has /bin/sh (busybox, alpine, debian-based
	// images do; pause and distroless images do not).
	Shell bool
	// Memory is the memory its program uses once started, in bytes.
	Memory int64
	// Files are the files the image ships, by absolute path: every
	// container of the image starts with them (and their folders).
	Files map[string]string
	// StopSignal is the image's STOPSIGNAL; zero means SIGTERM.
	StopSignal syscall.Signal
	// Programs are the executables, other than the shell's commands, that
	// the image provides, by base name.
	Programs map[string]ProgramFunc
	// Tags are the tags the repository has published. A reference with
	// another tag is not found, as a registry answers a tag nobody pushed;
	// a reference by digest is served whatever its tag. No tags means
	// every tag is served (an image a scenario registers).
	Tags []string
}

// Catalog is the set of images the warehouse holds. An image that is not in
// the catalog fails to pull, as an image that does not exist does.
type Catalog struct {
	images map[string]*ImageSpec
}

// NewCatalog returns a catalog holding the well-known images.
func NewCatalog() *Catalog {
	c := &Catalog{images: map[string]*ImageSpec{}}
	for _, im := range wellKnownImages() {
		c.Add(im)
	}
	return c
}

// Add puts an image in the catalog, replacing one with the same repository.
func (c *Catalog) Add(im ImageSpec) {
	cp := im
	c.images[im.Repository] = &cp
}

// Lookup returns the image a reference names, if the warehouse has it:
// the repository is in the catalog and has published the reference's tag
// (see ImageSpec.Tags), or the reference names a digest.
func (c *Catalog) Lookup(ref Reference) (*ImageSpec, bool) {
	im, ok := c.images[ref.Repository()]
	if !ok || len(im.Tags) == 0 || ref.Digest != "" {
		return im, ok
	}
	return im, slices.Contains(im.Tags, ref.Tag)
}

// Repositories returns the repositories in the catalog, sorted.
func (c *Catalog) Repositories() []string {
	out := make([]string, 0, len(c.images))
	for r := range c.images {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

// imageID returns a stable content digest for a reference, standing in for
// the real image's digest.
func imageID(ref Reference) string {
	sum := sha256.Sum256([]byte(ref.String()))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// image is an image present on the store.
type image struct {
	ref  Reference
	id   string
	spec *ImageSpec
}

// ImageInfo reports an image present on the store.
type ImageInfo struct {
	ID       string // sha256:...
	RepoTags []string
	// Size is the image's compressed size, as the warehouse sent it.
	Size int64
	// DiskSize is what the image takes on the store's disk: its layers
	// unpacked, UnpackedFactor times Size.
	DiskSize int64
}

// UnpackedFactor is how much larger an image is on the store's disk than
// in the warehouse: containerd keeps each layer unpacked (a snapshot),
// which is commonly two to four times the compressed layer.
const UnpackedFactor = 3

func (im *image) info() *ImageInfo {
	return &ImageInfo{ID: im.id, RepoTags: []string{im.ref.String()}, Size: im.spec.Size, DiskSize: UnpackedFactor * im.spec.Size}
}

// parsedRef is a reference as ParseReference parses it, with the key the
// engine files its image under.
type parsedRef struct {
	ref Reference
	key string
	err error
}

// reference is ParseReference, remembered: a store starts containers of the
// same few images again and again.
func (e *Engine) reference(s string) (Reference, string, error) {
	if p, ok := e.refs[s]; ok {
		return p.ref, p.key, p.err
	}
	r, err := ParseReference(s)
	p := parsedRef{ref: r, err: err}
	if err == nil {
		p.key = r.String()
	}
	e.refs[s] = p
	return p.ref, p.key, p.err
}

// ImageStatus returns the image a reference names if it is present on the
// store, or nil (not an error) when it is not, as the CRI's ImageStatus
// does. A malformed reference is an error.
func (e *Engine) ImageStatus(ref string) (*ImageInfo, error) {
	_, key, err := e.reference(ref)
	if err != nil {
		return nil, err
	}
	im, ok := e.images[key]
	if !ok {
		return nil, nil
	}
	return im.info(), nil
}

// ListImages returns the images present on the store, sorted by reference.
func (e *Engine) ListImages() []ImageInfo {
	out := make([]ImageInfo, 0, len(e.images))
	for _, im := range e.images {
		out = append(out, *im.info())
	}
	slices.SortFunc(out, func(a, b ImageInfo) int { return cmp.Compare(a.RepoTags[0], b.RepoTags[0]) })
	return out
}

// RemoveImage deletes an image from the store. Removing an image that is
// not there is not an error.
func (e *Engine) RemoveImage(ref string) error {
	r, err := ParseReference(ref)
	if err != nil {
		return err
	}
	delete(e.images, r.String())
	return nil
}

// PullImage fetches an image from the warehouse. It takes the image's size
// divided by the store's bandwidth; then done is called with the image's
// reference as the runtime records it, or with an error when the warehouse
// has no such image. A malformed reference fails at once.
func (e *Engine) PullImage(ref string, done func(imageRef string, size int64, err error)) {
	r, key, err := e.reference(ref)
	if err != nil {
		e.loop.After(0, func() { done("", 0, err) })
		return
	}
	if e.faults.takePullFailure(r.Repository()) {
		err := registryError(r)
		e.loop.After(e.cfg.RegistryLatency, func() { done("", 0, err) })
		return
	}
	spec, ok := e.catalog.Lookup(r)
	if !ok {
		err := resolveError(r, spec != nil)
		// A registry answers after a round trip.
		e.loop.After(e.cfg.RegistryLatency, func() { done("", 0, err) })
		return
	}
	d := e.cfg.RegistryLatency + e.pullTime(spec.Size)
	e.loop.After(d, func() {
		// Pulls of one image that overlap (the pods of a store starting
		// at once) end with the same image: the first to finish stores
		// it, the others find it there.
		im, ok := e.images[key]
		if !ok || im.spec != spec {
			im = &image{ref: r, id: imageID(r), spec: spec}
			e.images[key] = im
		}
		done(im.id, spec.Size, nil)
	})
}

// resolveError is containerd's error for a reference the registry does
// not have. A missing tag, or any missing image on other registries, is
// the registry's 404 for the manifest: the resolver's "<ref>: not found".
// Docker Hub answers a repository that does not exist (a typo such as
// "nignx") with 401 insufficient_scope instead, as it does for a private
// one, which containerd words as "pull access denied".
// Reference: containerd core/remotes/docker/resolver.go (Resolve: ErrNotFound
// when no host has the manifest) and core/remotes/docker/errcode.go /
// authorizer.go (ErrInvalidAuthorization, "pull access denied, repository
// does not exist or may require authorization"); internal/cri/server/images/
// image_pull.go (the "failed to pull and unpack image" wrapping).
func resolveError(r Reference, repositoryExists bool) error {
	why := r.String() + ": not found"
	if r.Registry == "docker.io" && !repositoryExists {
		why = "pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"
	}
	return fmt.Errorf("failed to pull and unpack image %q: failed to resolve reference %q: %s", r.String(), r.String(), why)
}
