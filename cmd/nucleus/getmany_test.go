package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Several kinds in one get, as kubectl takes them: a table for each kind
// with objects, each with its own header, a blank line between them, and
// names qualified by kind; "all" expands to kubectl's all category.
// Reference: kubectl get (k8s.io/kubectl/pkg/cmd/get/get.go: a new header
// when the kind changes, resource prefixes when several kinds are asked);
// k8s.io/client-go/restmapper/category_expansion.go (the "all" category).
func TestGetSeveralKinds(t *testing.T) {
	r := nucleus(t, "", "get", "pods,svc", web)
	require.Equal(t, 0, r.code, r.errOut)
	golden(t, "get-pods-svc-web.golden", r.out)
	assert.Contains(t, r.out, "\n\nNAME ")
	assert.Contains(t, r.out, "\npod/web ")
	assert.Contains(t, r.out, "\nservice/web ")

	all := nucleus(t, "", "get", "all", web)
	require.Equal(t, 0, all.code, all.errOut)
	assert.Equal(t, r.out, all.out, "web.yaml has a pod and a service, which all lists the same way")

	one := nucleus(t, "", "get", "pods,po", web)
	require.Equal(t, 0, one.code, one.errOut)
	assert.Contains(t, one.out, "\nweb ", "one kind named twice: names stay unqualified")

	none := nucleus(t, "", "get", "pvc,pv", web)
	assert.Equal(t, 0, none.code)
	assert.Empty(t, none.out)
	assert.Equal(t, "No resources found in default namespace.\n", none.errOut)

	bad := nucleus(t, "", "get", "pods,bogus", web)
	assert.Equal(t, 2, bad.code)
	assert.Contains(t, bad.errOut, `the server doesn't have a resource type "bogus"`)

	list := nucleus(t, "", "get", "pods,svc", "-o", "json", web)
	require.Equal(t, 0, list.code, list.errOut)
	assert.Contains(t, list.out, `"kind": "Pod"`)
	assert.Contains(t, list.out, `"kind": "Service"`)
	assert.Contains(t, list.out, `"kind": "List"`)
}
