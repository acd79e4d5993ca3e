package pod

import (
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/duration"
)

// HumanDuration returns d the way kubectl prints ages: "<invalid>" more than
// a second in the future (up to 1.999s of clock skew prints "0s"), then whole
// seconds up to 2 minutes ("90s"), minutes and seconds under 10 minutes
// ("5m30s", or "5m"), minutes under 3 hours ("100m"), hours and minutes under
// 8 hours ("7h15m"), hours under 2 days ("36h"), days and hours under 8 days
// ("3d4h"), days under 2 years ("90d"), years and days under 8 years
// ("2y30d"), and years after that ("10y"). Every value truncates.
//
// It is apimachinery's duration.HumanDuration, the function kubectl's
// printers use, so nucleus prints the same AGE a real cluster would.
// Reference: kubelet.md §7.2.
func HumanDuration(d time.Duration) string {
	return duration.HumanDuration(d)
}

// timestampSince returns how long before now ts was, as kubectl prints it in
// the AGE and RESTARTS columns, or "<unknown>" when ts is zero.
// Reference: kubelet.md §7.2 (printers.go translateTimestampSince).
func timestampSince(ts metav1.Time, now time.Time) string {
	if ts.IsZero() {
		return "<unknown>"
	}
	return HumanDuration(now.Sub(ts.Time))
}
