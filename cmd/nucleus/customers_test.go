package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCustomersGolden counts the customers of the readiness-desk example:
// every one is served, and shop-3 gets fewer once it leaves the roster.
// Reference: proxy-and-runtime.md A2.4 (a pod that is not ready is not a
// ready endpoint), A5 (the desk's rules follow within minSyncPeriod).
func TestCustomersGolden(t *testing.T) {
	file := exampleScenarios + "/readiness-desk.yaml"
	r := nucleus(t, "", "customers", file)
	require.Equal(t, exitOK, r.code, "stderr: %s", r.errOut)
	golden(t, "customers-readiness-desk.golden", r.out)

	r = nucleus(t, "", "customers", "-o", "json", file)
	require.Equal(t, exitOK, r.code, "stderr: %s", r.errOut)
	golden(t, "customers-readiness-desk-json.golden", r.out)
	var got struct {
		Services []struct {
			Service string `json:"service"`
			Served  int    `json:"served"`
			Refused int    `json:"refused"`
			Pods    []struct {
				Pod    string `json:"pod"`
				Served int    `json:"served"`
			} `json:"pods"`
		} `json:"services"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.out), &got))
	require.Len(t, got.Services, 1)
	s := got.Services[0]
	assert.Equal(t, "shop", s.Service)
	sum := 0
	for _, p := range s.Pods {
		sum += p.Served
	}
	assert.Equal(t, s.Served, sum, "the pods' counts add up to the Service's")
	assert.Zero(t, s.Refused)

	r = nucleus(t, "", "run", "--voice", "kubernetes", file)
	require.Equal(t, exitOK, r.code)
	assert.Contains(t, r.out, "\nCustomers:\nNAMESPACE   SERVICE   POD ", "run ends with the customers table")

	r = nucleus(t, "", "customers", busybox)
	require.Equal(t, exitOK, r.code)
	assert.Equal(t, "No customers were sent.\n", r.out)

	r = nucleus(t, "", "customers", "-o", "yaml", file)
	assert.Equal(t, exitUsage, r.code)
}
