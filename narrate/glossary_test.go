package narrate

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Reference: DESIGN.md "The storefront analogy": every row of the fixed
// glossary is in Glossary, with the same storefront word.
func TestGlossaryHoldsTheDesignTable(t *testing.T) {
	want := map[string]string{
		"cluster":                              "the retail chain",
		"scheduler":                            "head office's staffing desk",
		"Deployment / ReplicaSet controller":   "head office's staffing plan",
		"worker node":                          "a store",
		"kubelet":                              "the store manager",
		"pod":                                  "an employee",
		"container":                            "a job the employee performs",
		"init container":                       "onboarding paperwork",
		"sidecar (restartable init container)": "an assistant",
		"container image":                      "a training manual",
		"container registry":                   "the warehouse",
		"container runtime (CRI, e.g. containerd)": "the training department",
		"kube-proxy":             "the customer service desk",
		"Service":                "a counter",
		"EndpointSlice":          "the desk's roster",
		"request":                "a customer",
		"node heartbeat (Lease)": "the manager's regular call to head office",
		"Event":                  "an entry in the store logbook",
	}
	got := map[string]string{}
	for _, term := range Glossary() {
		require.NotEmpty(t, term.Does, "Glossary row %q has no description", term.Kubernetes)
		got[term.Kubernetes] = term.Store
	}
	for k, store := range want {
		assert.Equal(t, store, got[k], "Glossary()[%q].Store", k)
	}
}

// The storefront words used in sentences are the glossary's words.
func TestSentenceWordsAreGlossaryWords(t *testing.T) {
	stores := map[string]bool{}
	for _, term := range Glossary() {
		stores[term.Store] = true
	}
	for _, w := range []string{manager, staffingDesk, warehouse, training, serviceDesk} {
		assert.True(t, stores[w], "word %q is not a Glossary storefront term", w)
	}
}

// docs/glossary.md presents every row of Glossary as a table row.
func TestGlossaryPageShowsEveryTerm(t *testing.T) {
	page, err := os.ReadFile("../docs/glossary.md")
	require.NoError(t, err)
	for _, term := range Glossary() {
		row := "| " + term.Kubernetes + " | " + term.Store + " | " + term.Does + " |"
		assert.True(t, strings.Contains(string(page), row), "docs/glossary.md lacks row %s", row)
	}
}
