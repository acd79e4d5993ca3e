package controller

import (
	"testing"

	"k8s.io/apimachinery/pkg/labels"
)

// A labelMatcher agrees with the selector Kubernetes builds from the same
// labels (labels.SelectorFromSet), which the ReplicaSet controller used.
func TestLabelMatcherAgreesWithSelectorFromSet(t *testing.T) {
	app := map[string]string{"app": "web"}
	tests := []struct {
		name      string
		want, pod map[string]string
	}{
		{"same labels", app, app},
		{"extra labels on the pod", app, map[string]string{"app": "web", "tier": "front"}},
		{"other value", app, map[string]string{"app": "api"}},
		{"missing key", map[string]string{"app": "web", "tier": "front"}, app},
		{"empty value present", map[string]string{"canary": ""}, map[string]string{"canary": ""}},
		{"empty value absent", map[string]string{"canary": ""}, app},
		{"no labels wanted", nil, app},
		{"pod without labels", app, nil},
	}
	for _, tt := range tests {
		want := labels.SelectorFromSet(tt.want).Matches(labels.Set(tt.pod))
		if got := newLabelMatcher(tt.want).matches(tt.pod); got != want {
			t.Errorf("%s: newLabelMatcher(%v).matches(%v) = %v, want %v", tt.name, tt.want, tt.pod, got, want)
		}
	}
}
