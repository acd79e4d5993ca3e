package nodelifecycle

import (
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
)

func TestDefaultTolerations(t *testing.T) {
	// Reference: plugin/pkg/admission/defaulttolerationseconds/admission.go (Admit)
	secs := func(s int64) *int64 { return &s }
	notReady := corev1.Toleration{Key: corev1.TaintNodeNotReady, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: secs(300)}
	unreachable := corev1.Toleration{Key: corev1.TaintNodeUnreachable, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: secs(300)}
	own := corev1.Toleration{Key: corev1.TaintNodeUnreachable, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: secs(6000)}
	tests := []struct {
		name   string
		before []corev1.Toleration
		want   []corev1.Toleration
	}{
		{"no tolerations: both added, not-ready first", nil, []corev1.Toleration{notReady, unreachable}},
		{"own unreachable toleration is kept", []corev1.Toleration{own}, []corev1.Toleration{own, notReady}},
		{"empty key tolerates both", []corev1.Toleration{{Operator: corev1.TolerationOpExists}}, []corev1.Toleration{{Operator: corev1.TolerationOpExists}}},
		{
			"NoSchedule toleration does not count",
			[]corev1.Toleration{{Key: corev1.TaintNodeNotReady, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule}},
			[]corev1.Toleration{{Key: corev1.TaintNodeNotReady, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule}, notReady, unreachable},
		},
		{
			"empty effect counts",
			[]corev1.Toleration{{Key: corev1.TaintNodeNotReady, Operator: corev1.TolerationOpExists}},
			[]corev1.Toleration{{Key: corev1.TaintNodeNotReady, Operator: corev1.TolerationOpExists}, unreachable},
		},
	}
	for _, tt := range tests {
		p := &corev1.Pod{Spec: corev1.PodSpec{Tolerations: tt.before}}
		DefaultTolerations(p)
		assert.Equal(t, tt.want, p.Spec.Tolerations, "%s: DefaultTolerations", tt.name)
	}
	assert.NotPanics(t, func() { DefaultTolerations(nil) })
}

func TestConstants(t *testing.T) {
	// Reference: kubelet.md §9.1 and §9.3 (kube-controller-manager and kubelet defaults)
	tests := []struct {
		name      string
		got, want any
	}{
		{"NodeMonitorPeriod", NodeMonitorPeriod.String(), "5s"},
		{"NodeMonitorGracePeriod", NodeMonitorGracePeriod.String(), "50s"},
		{"NodeStartupGracePeriod", NodeStartupGracePeriod.String(), "1m0s"},
		{"DefaultTolerationSeconds", DefaultTolerationSeconds, int64(300)},
		{"LeaseDuration", LeaseDuration.String(), "40s"},
		{"LeaseRenewInterval", LeaseRenewInterval.String(), "10s"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}
