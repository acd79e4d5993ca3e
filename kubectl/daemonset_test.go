package kubectl

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// `kubectl get daemonsets`: the status counts, the template's node
// selector, and with -o wide the containers, images and selector.
// Reference: pkg/printers/internalversion/printers.go printDaemonSet,
// daemonSetColumnDefinitions.
func TestPrintDaemonSets(t *testing.T) {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	d := &appsv1.DaemonSet{
		ObjectMeta: metav1.ObjectMeta{Name: "fluentd", CreationTimestamp: metav1.NewTime(start)},
		Spec: appsv1.DaemonSetSpec{
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"name": "fluentd"}},
			Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
				NodeSelector: map[string]string{"disk": "ssd"},
				Containers:   []corev1.Container{{Name: "fluentd", Image: "fluentd:v5"}},
			}},
		},
		Status: appsv1.DaemonSetStatus{DesiredNumberScheduled: 3, CurrentNumberScheduled: 3, NumberReady: 2, UpdatedNumberScheduled: 1, NumberAvailable: 2},
	}
	var b bytes.Buffer
	require.NoError(t, PrintDaemonSets(&b, []*appsv1.DaemonSet{d}, start.Add(90*time.Second), false))
	assert.Equal(t, "NAME      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n"+
		"fluentd   3         3         2       1            2           disk=ssd        90s\n", b.String())
	b.Reset()
	require.NoError(t, PrintDaemonSets(&b, []*appsv1.DaemonSet{d}, start.Add(90*time.Second), true))
	assert.Contains(t, b.String(), "CONTAINERS   IMAGES       SELECTOR\n")
	assert.Contains(t, b.String(), "fluentd      fluentd:v5   name=fluentd\n")
	assert.ErrorContains(t, PrintDaemonSets(&b, []*appsv1.DaemonSet{nil}, start, false), "daemonSets[0]")
}
