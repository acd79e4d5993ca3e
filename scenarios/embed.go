// Package scenarios holds the example scenarios as files, so that a
// program without the repository beside it (the browser playground)
// carries them: FS is this folder's YAML.
package scenarios

import "embed"

// FS holds every example scenario (*.yaml) and the manifests they apply
// (manifests/*.yaml).
//
//go:embed *.yaml manifests/*.yaml
var FS embed.FS
