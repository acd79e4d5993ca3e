package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGetEveryTypeGolden(t *testing.T) {
	// Reference: kubelet.md §7 (kubectl's table columns and HumanDuration
	// ages); the tables of Services, EndpointSlices, Nodes and Events are
	// printers.go printService, printEndpointSlice, printNode and printEvent.
	for _, r := range []string{"services", "endpointslices", "nodes", "events"} {
		for _, output := range []string{"", "wide", "json", "yaml"} {
			name := "get-" + r
			args := []string{"get", r, "--at", "1m"}
			if output != "" {
				name += "-" + output
				args = append(args, "-o", output)
			}
			t.Run(name, func(t *testing.T) {
				got := nucleus(t, "", append(args, web)...)
				require.Equal(t, exitOK, got.code, "%v exit code; stderr: %s", args, got.errOut)
				assert.Empty(t, got.errOut, "%v stderr", args)
				golden(t, name+".golden", got.out)
			})
		}
	}
}

func TestGetAllNamespacesGolden(t *testing.T) {
	// kubectl get -A puts a NAMESPACE column first.
	for _, r := range []string{"pods", "services", "events"} {
		for _, output := range []string{"", "wide"} {
			name := "get-" + r + "-all-namespaces"
			args := []string{"get", r, "-A"}
			if output != "" {
				name += "-" + output
				args = append(args, "-o", output)
			}
			t.Run(name, func(t *testing.T) {
				got := nucleus(t, "", append(args, web, shop)...)
				require.Equal(t, exitOK, got.code, "%v exit code; stderr: %s", args, got.errOut)
				assert.True(t, strings.HasPrefix(got.out, "NAMESPACE   "), "%v header: %q", args, got.out)
				assert.Contains(t, got.out, "\nshop ", "%v lacks the shop namespace", args)
				golden(t, name+".golden", got.out)
			})
		}
	}
}

func TestGetAliases(t *testing.T) {
	for _, tt := range []struct {
		name    string
		aliases []string
	}{
		{"pods", []string{"pod", "po"}},
		{"services", []string{"service", "svc"}},
		{"endpointslices", []string{"endpointslice"}},
		{"nodes", []string{"node", "no"}},
		{"deployments", []string{"deployment", "deploy"}},
		{"replicasets", []string{"replicaset", "rs"}},
		{"events", []string{"event", "ev"}},
	} {
		want := nucleus(t, "", "get", tt.name, "-o", "json", web)
		require.Equal(t, exitOK, want.code, "get %s exit code; stderr: %s", tt.name, want.errOut)
		for _, alias := range tt.aliases {
			got := nucleus(t, "", "get", alias, "-o", "json", web)
			assert.Equal(t, want, got, "get %s differs from get %s", alias, tt.name)
		}
	}
}

func TestGetWorkloadsBeforeTheController(t *testing.T) {
	// With no Deployment or ReplicaSet the table path still works, in
	// kubectl's words, and -o json is an empty List.
	for _, r := range []string{"deployments", "replicasets"} {
		got := nucleus(t, "", "get", r, web)
		assert.Equal(t, exitOK, got.code, "get %s exit code", r)
		assert.Empty(t, got.out, "get %s stdout", r)
		assert.Equal(t, "No resources found in default namespace.\n", got.errOut, "get %s stderr", r)

		got = nucleus(t, "", "get", r, "-A", web)
		assert.Equal(t, "No resources found\n", got.errOut, "get %s -A stderr", r)

		got = nucleus(t, "", "get", r, "-o", "json", web)
		var list printedList
		require.NoError(t, json.Unmarshal([]byte(got.out), &list), "get %s -o json is not a List", r)
		assert.Equal(t, "List", list.Kind, "get %s -o json kind", r)
		assert.Empty(t, list.Items, "get %s -o json items", r)
	}
}

func TestGetListItemsHaveTheirKind(t *testing.T) {
	// Every item of a -o json List names its own apiVersion and kind, as
	// the API server returns them.
	for _, tt := range []struct{ resource, apiVersion, kind string }{
		{"pods", "v1", "Pod"},
		{"services", "v1", "Service"},
		{"endpointslices", "discovery.k8s.io/v1", "EndpointSlice"},
		{"nodes", "v1", "Node"},
		{"events", "v1", "Event"},
	} {
		got := nucleus(t, "", "get", tt.resource, "-o", "json", web)
		var list struct {
			Kind  string `json:"kind"`
			Items []struct {
				APIVersion string `json:"apiVersion"`
				Kind       string `json:"kind"`
			} `json:"items"`
		}
		require.NoError(t, json.Unmarshal([]byte(got.out), &list), "get %s -o json", tt.resource)
		assert.Equal(t, "List", list.Kind, "get %s -o json kind", tt.resource)
		require.NotEmpty(t, list.Items, "get %s -o json items", tt.resource)
		for i, item := range list.Items {
			assert.Equal(t, tt.apiVersion, item.APIVersion, "get %s items[%d].apiVersion", tt.resource, i)
			assert.Equal(t, tt.kind, item.Kind, "get %s items[%d].kind", tt.resource, i)
		}
	}
}

func TestGetNodesIgnoresTheNamespace(t *testing.T) {
	// Nodes are cluster-scoped: -n changes nothing.
	want := nucleus(t, "", "get", "nodes", web)
	got := nucleus(t, "", "get", "nodes", "-n", "shop", web)
	assert.Equal(t, want, got, "get nodes -n shop differs from get nodes")
	assert.Contains(t, want.out, "store-1", "get nodes")
}
