package openapi_test

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nodenucleus/nucleus/server/openapi"
)

// The paths and operations of pods that can be read, patched and logged,
// named as the real API server names them. kubectl apply looks for the
// PATCH operation of a kind and its fieldValidation parameter.
func ExampleBuild() {
	docs, err := openapi.Build([]openapi.Resource{{
		Version: "v1", Kind: "Pod", Plural: "pods", Namespaced: true,
		Verbs: []string{"get", "patch"}, Subresources: []string{"log"},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	var paths []string
	for p := range docs.V2.Paths.Paths {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		item := docs.V2.Paths.Paths[p]
		fmt.Println(p)
		if item.Get != nil {
			fmt.Println("  GET  ", item.Get.ID)
		}
		if item.Patch != nil {
			var query []string
			for _, param := range item.Patch.Parameters {
				if ref := param.Ref.String(); ref != "" {
					// A parameter that operations share is written once,
					// under #/parameters/, and referenced.
					param = docs.V2.Parameters[strings.TrimPrefix(ref, "#/parameters/")]
				}
				query = append(query, param.Name)
			}
			fmt.Println("  PATCH", item.Patch.ID, query)
		}
	}
	for gv := range docs.V3 {
		fmt.Println("v3 document:", gv)
	}
	// Output:
	// /api/v1/namespaces/{namespace}/pods/{name}
	//   GET   readCoreV1NamespacedPod
	//   PATCH patchCoreV1NamespacedPod [body dryRun fieldManager fieldValidation force]
	// /api/v1/namespaces/{namespace}/pods/{name}/log
	//   GET   readCoreV1NamespacedPodLog
	// v3 document: api/v1
}
