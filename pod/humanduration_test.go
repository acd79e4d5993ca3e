package pod_test

import (
	"testing"
	"time"

	"github.com/nodenucleus/nucleus/pod"
)

func TestHumanDuration(t *testing.T) {
	// Reference: kubelet.md §7.2 (apimachinery pkg/util/duration/duration.go;
	// vectors from printers_test.go TestTranslateTimestampSince).
	day := 24 * time.Hour
	tests := []struct {
		d    time.Duration
		want string
	}{
		{-2100 * time.Millisecond, "<invalid>"},
		{-1900 * time.Millisecond, "0s"},
		{0, "0s"},
		{30 * time.Second, "30s"},
		{119 * time.Second, "119s"},
		{2 * time.Minute, "2m"},
		{5*time.Minute + 30*time.Second, "5m30s"},
		{5 * time.Minute, "5m"},
		{100 * time.Minute, "100m"},
		{179 * time.Minute, "179m"},
		{3 * time.Hour, "3h"},
		{7*time.Hour + 15*time.Minute, "7h15m"},
		{36 * time.Hour, "36h"},
		{2 * day, "2d"},
		{3*day + 4*time.Hour, "3d4h"},
		{90 * day, "90d"},
		{2*365*day + 30*day, "2y30d"},
		{3 * 365 * day, "3y"},
		{10 * 365 * day, "10y"},
	}
	for _, tt := range tests {
		if got := pod.HumanDuration(tt.d); got != tt.want {
			t.Errorf("HumanDuration(%v) = %s, want %s", tt.d, got, tt.want)
		}
	}
}
