package narrate

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/nodenucleus/nucleus/sim"
)

// TestWorkOrdersAreTold: every scenario action, and so every change a
// client of nucleus serve makes, has a line of its own in the storefront
// voice, in the glossary's words.
func TestWorkOrdersAreTold(t *testing.T) {
	pod := sim.ObjectRef{Kind: "Pod", Namespace: "default", Name: "crash"}
	tests := []struct {
		obj     sim.ObjectRef
		reason  string
		message string
		want    string
	}{
		{pod, "ScenarioAction", "apply: pod crash", "Head office receives a new work order for employee crash."},
		{pod, "ScenarioAction", "update: pod crash", "Head office receives a change to employee crash."},
		{pod, "ScenarioAction", "delete: pod crash", "Head office receives a dismissal for employee crash."},
		{sim.ObjectRef{Kind: "Service", Name: "shop"}, "ScenarioAction", "delete: service shop", "Head office receives a work order to close counter shop."},
		{sim.ObjectRef{Kind: "Deployment", Name: "web"}, "ScenarioAction", "scale: deployment web to 3 replicas", "Head office receives a change to staffing plan web: 3 employees."},
		{pod, "ScenarioAction", "bind: pod crash to store store-1", "Head office receives an assignment of employee crash to a store, made outside head office's staffing desk."},
		{sim.ObjectRef{Kind: "Node", Name: "store-1"}, "ScenarioAction", "store: cordon store store-1", "Head office closes store store-1 to new hires."},
		{sim.ObjectRef{Kind: "Node", Name: "store-1"}, "ScenarioAction", "store: uncordon store store-1", "Head office opens store store-1 to new hires again."},
		{sim.ObjectRef{Kind: "Node", Name: "store-1"}, "ScenarioAction", "store: powerOff store store-1", "Head office receives a work order: powerOff store store-1."},
		{pod, "ScenarioActionFailed", `update: pod crash failed: Pod "crash" is invalid`, `Head office turns down a work order (pod crash): Pod "crash" is invalid.`},
	}
	for _, tt := range tests {
		got := Story(sim.Record{Kind: sim.Change, Object: tt.obj, Reason: tt.reason, Message: tt.message})
		assert.Equal(t, tt.want, got, tt.message)
	}
}
