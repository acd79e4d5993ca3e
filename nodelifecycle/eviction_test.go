package nodelifecycle

import (
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
)

func TestEvictionDelay(t *testing.T) {
	// Reference: pkg/controller/tainteviction/taint_eviction.go (processPodOnNode, getMinTolerationTime) and
	// pkg/apis/core/v1/helper GetMatchingTolerations (first matching toleration per taint)
	secs := func(s int64) *int64 { return &s }
	unreachable := corev1.Taint{Key: corev1.TaintNodeUnreachable, Effect: corev1.TaintEffectNoExecute}
	notReady := corev1.Taint{Key: corev1.TaintNodeNotReady, Effect: corev1.TaintEffectNoExecute}
	noSchedule := corev1.Taint{Key: corev1.TaintNodeUnreachable, Effect: corev1.TaintEffectNoSchedule}
	tol := func(key string, s *int64) corev1.Toleration {
		return corev1.Toleration{Key: key, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: s}
	}
	tests := []struct {
		name        string
		tolerations []corev1.Toleration
		taints      []corev1.Taint
		delay       time.Duration
		evict       bool
	}{
		{"no taints", nil, nil, 0, false},
		{"NoSchedule taints never evict", nil, []corev1.Taint{noSchedule}, 0, false},
		{"untolerated NoExecute evicts now", nil, []corev1.Taint{unreachable}, 0, true},
		{"default 300s toleration", []corev1.Toleration{tol(corev1.TaintNodeNotReady, secs(300)), tol(corev1.TaintNodeUnreachable, secs(300))}, []corev1.Taint{unreachable}, 300 * time.Second, true},
		{"tolerated forever", []corev1.Toleration{tol(corev1.TaintNodeUnreachable, nil)}, []corev1.Taint{unreachable}, 0, false},
		{"minimum of the used tolerations", []corev1.Toleration{tol(corev1.TaintNodeNotReady, secs(60)), tol(corev1.TaintNodeUnreachable, secs(600))}, []corev1.Taint{unreachable, notReady}, 60 * time.Second, true},
		{"bounded and unbounded: the bound wins", []corev1.Toleration{tol(corev1.TaintNodeNotReady, nil), tol(corev1.TaintNodeUnreachable, secs(30))}, []corev1.Taint{unreachable, notReady}, 30 * time.Second, true},
		{"one taint tolerated, one not", []corev1.Toleration{tol(corev1.TaintNodeUnreachable, nil)}, []corev1.Taint{unreachable, notReady}, 0, true},
		{"zero seconds means now", []corev1.Toleration{tol(corev1.TaintNodeUnreachable, secs(0))}, []corev1.Taint{unreachable}, 0, true},
		{"first matching toleration is the one used", []corev1.Toleration{{Operator: corev1.TolerationOpExists}, tol(corev1.TaintNodeUnreachable, secs(10))}, []corev1.Taint{unreachable}, 0, false},
	}
	for _, tt := range tests {
		p := &corev1.Pod{Spec: corev1.PodSpec{Tolerations: tt.tolerations}}
		delay, evict := EvictionDelay(p, tt.taints)
		if delay != tt.delay || evict != tt.evict {
			t.Errorf("%s: EvictionDelay = (%v, %v), want (%v, %v)", tt.name, delay, evict, tt.delay, tt.evict)
		}
	}
}
