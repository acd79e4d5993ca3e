package controller

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	k8stypes "k8s.io/apimachinery/pkg/types"
)

func rankPod(name, node string, phase corev1.PodPhase, readySince time.Duration, mutate ...func(*corev1.Pod)) *corev1.Pod {
	p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name}, Spec: corev1.PodSpec{NodeName: node}, Status: corev1.PodStatus{Phase: phase}}
	p.UID = k8stypes.UID("uid-" + name)
	if readySince > 0 {
		p.Status.Conditions = []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue, LastTransitionTime: metav1.NewTime(rankNow.Add(-readySince))}}
	}
	p.CreationTimestamp = metav1.NewTime(rankNow.Add(-time.Hour))
	for _, m := range mutate {
		m(p)
	}
	return p
}

var rankNow = time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)

// Reference: pkg/controller/replicaset/replica_set.go getPodsToDelete and
// controller_utils.go ActivePodsWithRanks.Less.
func TestPodsToDeleteRanking(t *testing.T) {
	tests := []struct {
		name string
		a, b *corev1.Pod // a must go before b
	}{
		{"unassigned before assigned", rankPod("a", "", corev1.PodPending, 0), rankPod("b", "n1", corev1.PodPending, 0)},
		{"Pending before Running", rankPod("a", "n1", corev1.PodPending, 0), rankPod("b", "n1", corev1.PodRunning, 0)},
		{"Unknown before Running", rankPod("a", "n1", corev1.PodUnknown, 0), rankPod("b", "n1", corev1.PodRunning, 0)},
		{"not ready before ready", rankPod("a", "n1", corev1.PodRunning, 0), rankPod("b", "n1", corev1.PodRunning, time.Hour)},
		{"lower deletion cost first",
			rankPod("a", "n1", corev1.PodRunning, time.Minute, func(p *corev1.Pod) { p.Annotations = map[string]string{PodDeletionCostAnnotation: "-5"} }),
			rankPod("b", "n1", corev1.PodRunning, time.Second)},
		{"crowded store first", rankPod("a", "n2", corev1.PodRunning, time.Second), rankPod("b", "n1", corev1.PodRunning, time.Minute)},
		{"ready for less time first", rankPod("a", "n1", corev1.PodRunning, time.Minute), rankPod("b", "n1", corev1.PodRunning, time.Hour)},
		{"more restarts first",
			rankPod("a", "n1", corev1.PodRunning, time.Hour, func(p *corev1.Pod) { p.Status.ContainerStatuses = []corev1.ContainerStatus{{RestartCount: 4}} }),
			rankPod("b", "n1", corev1.PodRunning, time.Hour+time.Second)},
		{"newer first", rankPod("a", "n1", corev1.PodPending, 0, func(p *corev1.Pod) { p.CreationTimestamp = metav1.NewTime(rankNow.Add(-time.Minute)) }),
			rankPod("b", "n1", corev1.PodPending, 0)},
	}
	for _, tt := range tests {
		// n2 holds two related pods, n1 one (the "crowded store" case).
		related := []*corev1.Pod{tt.a, tt.b}
		if tt.name == "crowded store first" {
			related = append(related, rankPod("c", "n2", corev1.PodRunning, time.Hour))
		}
		got := PodsToDelete([]*corev1.Pod{tt.b, tt.a}, related, 1, rankNow)
		assert.Equal(t, "a", got[0].Name, "PodsToDelete(%s) = %s, want a", tt.name, got[0].Name)
	}
}

// Reference: controller_utils.go ActivePodsWithRanks.Less with
// LogarithmicScaleDown: ages in the same power-of-two bucket tie, and the
// tie goes by uid.
func TestPodsToDeleteLogarithmicBuckets(t *testing.T) {
	a := rankPod("a", "n1", corev1.PodRunning, 100*time.Second) // both in bucket floor(log2(ns)) = 36
	b := rankPod("b", "n1", corev1.PodRunning, 120*time.Second)
	a.UID, b.UID = "uid-2", "uid-1"
	got := PodsToDelete([]*corev1.Pod{a, b}, nil, 1, rankNow)
	assert.Equal(t, "b", got[0].Name, "same bucket: the lower uid goes first")
}
