package openapi

import (
	"os"
	"reflect"
	"regexp"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/kube-openapi/pkg/util"
	"k8s.io/kube-openapi/pkg/validation/spec"
)

// TestEveryKindHasAGeneratedDefinition checks zz_generated.openapi.go
// against the scheme NewHandler resolves kinds with: every kind of every
// registered group has a definition, and generate.sh hands openapi-gen
// every package those kinds come from. (CI also reruns generate.sh and
// fails when the file it writes differs from the committed one.)
func TestEveryKindHasAGeneratedDefinition(t *testing.T) {
	scheme, err := NewScheme()
	require.NoError(t, err)
	defs := GetOpenAPIDefinitions(func(name string) spec.Ref { return spec.MustCreateRef("#/definitions/" + name) })

	script, err := os.ReadFile("generate.sh")
	require.NoError(t, err)
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\s+(k8s\.io/\S+)`).FindAllStringSubmatch(string(script), -1) {
		listed[m[1]] = true
	}
	require.NotEmpty(t, listed, "found no packages in generate.sh")

	kinds := 0
	for gvk, typ := range scheme.AllKnownTypes() {
		if gvk.Version == runtime.APIVersionInternal {
			continue
		}
		namer, ok := reflect.New(typ).Interface().(util.OpenAPIModelNamer)
		if !ok {
			continue
		}
		kinds++
		assert.Contains(t, defs, namer.OpenAPIModelName(), "%s has no generated definition", gvk)
		assert.True(t, listed[typ.PkgPath()], "%s comes from %s, which generate.sh does not list", gvk, typ.PkgPath())
	}
	assert.Greater(t, kinds, 50)

	// Each definition's dependencies are defined too, or the builders fail
	// on the first document that references them.
	var missing []string
	for name, def := range defs {
		for _, dep := range def.Dependencies {
			if _, ok := defs[dep]; !ok {
				missing = append(missing, name+" -> "+dep)
			}
		}
	}
	sort.Strings(missing)
	assert.Empty(t, missing)
}
