package controller

import (
	"math"
	"time"

	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/sim"
)

// The rescale limits of an autoscaler without spec.behavior
// (horizontal.go scaleUpLimitFactor, scaleUpLimitMinimum, and
// --horizontal-pod-autoscaler-downscale-stabilization).
const (
	scaleUpLimitFactor       = 2.0
	scaleUpLimitMinimum      = 4.0
	downscaleStabilisation   = 300 * time.Second
	hpaSyncPeriod            = 15 * time.Second
	recommendationNotChanged = "recommended size matches current size"
)

type timedRecommendation struct {
	replicas int32
	at       sim.Time
}

type timedScaleEvent struct {
	change   int32
	at       sim.Time
	outdated bool
}

// hpaHistory is what the controller remembers of one autoscaler between
// syncs: its recent recommendations (for the stabilization windows) and
// its recent rescales (for the behavior policies' periods).
type hpaHistory struct {
	recommendations []timedRecommendation
	ups, downs      []timedScaleEvent
}

// condition is a condition the normalization sets: its type, whether it
// is true, its reason and message.
type condition struct {
	typ     autoscalingv2.HorizontalPodAutoscalerConditionType
	status  corev1.ConditionStatus
	reason  string
	message string
}

// normalize turns the metrics' proposal into the count to scale to, and
// says why in the AbleToScale and ScalingLimited conditions: without
// spec.behavior as normalizeDesiredReplicas does (the highest
// recommendation of the last five minutes, at most double or four more),
// with it as normalizeDesiredReplicasWithBehaviors does.
func (h *hpaHistory) normalize(spec *autoscalingv2.HorizontalPodAutoscalerSpec, current, desired int32, now sim.Time) (int32, []condition) {
	minReplicas := int32(1)
	if spec.MinReplicas != nil {
		minReplicas = *spec.MinReplicas
	}
	var stabilized int32
	var reason, message string
	if spec.Behavior == nil {
		stabilized = h.stabilize(desired, now)
		reason, message = "ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation"
	} else {
		stabilized, reason, message = h.stabilizeWithBehavior(spec.Behavior, current, desired, now)
	}
	able := condition{autoscalingv2.AbleToScale, corev1.ConditionTrue, "ReadyForNewScale", recommendationNotChanged}
	if stabilized != desired {
		able.reason, able.message = reason, message
	}
	var out int32
	if spec.Behavior == nil {
		out, reason, message = limitByRules(current, stabilized, minReplicas, spec.MaxReplicas)
	} else {
		out, reason, message = h.limitByBehavior(spec.Behavior, current, stabilized, minReplicas, spec.MaxReplicas, now)
	}
	limited := condition{autoscalingv2.ScalingLimited, corev1.ConditionFalse, reason, message}
	if out != stabilized {
		limited.status = corev1.ConditionTrue
	}
	return out, []condition{able, limited}
}

// stabilize returns the highest recommendation of the last five minutes
// (this one included) and records this one (stabilizeRecommendation).
func (h *hpaHistory) stabilize(desired int32, now sim.Time) int32 {
	best := desired
	old := -1
	cutoff := now.Add(-downscaleStabilisation)
	for i, r := range h.recommendations {
		if r.at < cutoff {
			old = i
		} else if r.replicas > best {
			best = r.replicas
		}
	}
	h.record(old, desired, now)
	return best
}

func (h *hpaHistory) record(old int, desired int32, now sim.Time) {
	rec := timedRecommendation{desired, now}
	if old >= 0 {
		h.recommendations[old] = rec
		return
	}
	h.recommendations = append(h.recommendations, rec)
}

// stabilizeWithBehavior keeps the count between the lowest recommendation
// of the scale-up window and the highest of the scale-down window
// (stabilizeRecommendationWithBehaviors).
func (h *hpaHistory) stabilizeWithBehavior(b *autoscalingv2.HorizontalPodAutoscalerBehavior, current, desired int32, now sim.Time) (int32, string, string) {
	up, down := desired, desired
	upCutoff := now.Add(-sim.Seconds(int64(*b.ScaleUp.StabilizationWindowSeconds)))
	downCutoff := now.Add(-sim.Seconds(int64(*b.ScaleDown.StabilizationWindowSeconds)))
	old := -1
	for i, r := range h.recommendations {
		if r.at > upCutoff {
			up = min(up, r.replicas)
		}
		if r.at > downCutoff {
			down = max(down, r.replicas)
		}
		if r.at < upCutoff && r.at < downCutoff {
			old = i
		}
	}
	out := max(current, up)
	out = min(out, down)
	h.record(old, desired, now)
	if desired >= current {
		return out, "ScaleUpStabilized", "recent recommendations were lower than current one, applying the lowest recent recommendation"
	}
	return out, "ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation"
}

// limitByRules bounds a count by minReplicas, maxReplicas and the rate
// limit of an autoscaler without behavior (convertDesiredReplicasWithRules).
func limitByRules(current, desired, minReplicas, maxReplicas int32) (int32, string, string) {
	upLimit := int32(math.Max(scaleUpLimitFactor*float64(current), scaleUpLimitMinimum))
	maxAllowed, reason, message := maxReplicas, "TooManyReplicas", "the desired replica count is more than the maximum replica count"
	if maxReplicas > upLimit {
		maxAllowed, reason, message = upLimit, "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate"
	}
	switch {
	case desired < minReplicas:
		return minReplicas, "TooFewReplicas", "the desired replica count is less than the minimum replica count"
	case desired > maxAllowed:
		return maxAllowed, reason, message
	}
	return desired, "DesiredWithinRange", "the desired count is within the acceptable range"
}

// limitByBehavior bounds a count by minReplicas, maxReplicas and the
// scaling policies (convertDesiredReplicasWithBehaviorRate).
func (h *hpaHistory) limitByBehavior(b *autoscalingv2.HorizontalPodAutoscalerBehavior, current, desired, minReplicas, maxReplicas int32, now sim.Time) (int32, string, string) {
	switch {
	case desired > current:
		limit := max(h.policyLimit(b.ScaleUp, current, true, now), current)
		maxAllowed, reason, message := maxReplicas, "TooManyReplicas", "the desired replica count is more than the maximum replica count"
		if maxReplicas > limit {
			maxAllowed, reason, message = limit, "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate"
		}
		if desired > maxAllowed {
			return maxAllowed, reason, message
		}
	case desired < current:
		limit := min(h.policyLimit(b.ScaleDown, current, false, now), current)
		minAllowed, reason, message := minReplicas, "TooFewReplicas", "the desired replica count is less than the minimum replica count"
		if minReplicas < limit {
			minAllowed, reason, message = limit, "ScaleDownLimit", "the desired replica count is decreasing faster than the maximum scale rate"
		}
		if desired < minAllowed {
			return minAllowed, reason, message
		}
	}
	return desired, "DesiredWithinRange", "the desired count is within the acceptable range"
}

// periodStart returns how many replicas there were at the start of a
// policy's period: the current count less what was added in it, plus what
// was removed.
func (h *hpaHistory) periodStart(current int32, periodSeconds int32, now sim.Time) int32 {
	cutoff := now.Add(-sim.Seconds(int64(periodSeconds)))
	return current - changedSince(h.ups, cutoff) + changedSince(h.downs, cutoff)
}

func changedSince(events []timedScaleEvent, cutoff sim.Time) int32 {
	var n int32
	for _, e := range events {
		if e.at > cutoff {
			n += e.change
		}
	}
	return n
}

// policyLimit is calculateScaleUpLimitWithScalingRules (up) and
// calculateScaleDownLimitWithBehaviors: each policy proposes a bound from
// the count at the start of its period (Pods: that count plus or minus
// the value; Percent: that count grown by the percentage, rounded up, or
// shrunk by it, rounded down); selectPolicy Max takes the bound that
// allows the most change, Min the least; Disabled allows none.
func (h *hpaHistory) policyLimit(r *autoscalingv2.HPAScalingRules, current int32, up bool, now sim.Time) int32 {
	sel := *r.SelectPolicy
	if sel == autoscalingv2.DisabledPolicySelect {
		return current
	}
	// Taking the highest bound allows the most growth and the least
	// shrinking.
	highest := up == (sel != autoscalingv2.MinChangePolicySelect)
	result := int32(math.MaxInt32)
	if highest {
		result = math.MinInt32
	}
	for _, p := range r.Policies {
		start := h.periodStart(current, p.PeriodSeconds, now)
		var proposed int32
		switch {
		case p.Type == autoscalingv2.PodsScalingPolicy && up:
			proposed = start + p.Value
		case p.Type == autoscalingv2.PodsScalingPolicy:
			proposed = start - p.Value
		case up:
			proposed = int32(math.Ceil(float64(start) * (1 + float64(p.Value)/100)))
		default:
			proposed = int32(float64(start) * (1 - float64(p.Value)/100))
		}
		if highest {
			result = max(result, proposed)
		} else {
			result = min(result, proposed)
		}
	}
	return result
}

// recordRescale remembers a rescale for the policies' periods, reusing an
// entry older than the longest period (storeScaleEvent). Without behavior
// nothing is kept.
func (h *hpaHistory) recordRescale(b *autoscalingv2.HorizontalPodAutoscalerBehavior, prev, next int32, now sim.Time) {
	if b == nil {
		return
	}
	if next > prev {
		h.ups = storeEvent(h.ups, longestPeriod(b.ScaleUp), next-prev, now)
	} else {
		h.downs = storeEvent(h.downs, longestPeriod(b.ScaleDown), prev-next, now)
	}
}

func longestPeriod(r *autoscalingv2.HPAScalingRules) int32 {
	var p int32
	for _, pol := range r.Policies {
		p = max(p, pol.PeriodSeconds)
	}
	return p
}

func storeEvent(events []timedScaleEvent, period int32, change int32, now sim.Time) []timedScaleEvent {
	cutoff := now.Add(-sim.Seconds(int64(period)))
	reuse := -1
	for i := range events {
		if events[i].at < cutoff {
			events[i].outdated = true
		}
		if events[i].outdated {
			reuse = i
		}
	}
	e := timedScaleEvent{change: change, at: now}
	if reuse >= 0 {
		events[reuse] = e
		return events
	}
	return append(events, e)
}
