package nodelifecycle

import corev1 "k8s.io/api/core/v1"

// DefaultTolerations applies the DefaultTolerationSeconds admission plugin
// (plugin/pkg/admission/defaulttolerationseconds/admission.go) to a pod being
// created: unless the pod already tolerates node.kubernetes.io/not-ready
// (resp. unreachable) with effect NoExecute, it appends
//
//	{key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 300}
//	{key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 300}
//
// A toleration counts when its key is that taint's key or empty, and its
// effect is NoExecute or empty. A nil pod is left alone.
func DefaultTolerations(pod *corev1.Pod) {
	if pod == nil {
		return
	}
	notReady, unreachable := false, false
	for _, t := range pod.Spec.Tolerations {
		if t.Effect != "" && t.Effect != corev1.TaintEffectNoExecute {
			continue
		}
		notReady = notReady || t.Key == "" || t.Key == corev1.TaintNodeNotReady
		unreachable = unreachable || t.Key == "" || t.Key == corev1.TaintNodeUnreachable
	}
	if !notReady {
		pod.Spec.Tolerations = append(pod.Spec.Tolerations, defaultToleration(corev1.TaintNodeNotReady))
	}
	if !unreachable {
		pod.Spec.Tolerations = append(pod.Spec.Tolerations, defaultToleration(corev1.TaintNodeUnreachable))
	}
}

// defaultToleration returns the plugin's toleration for one taint key.
func defaultToleration(key string) corev1.Toleration {
	seconds := DefaultTolerationSeconds
	return corev1.Toleration{
		Key:               key,
		Operator:          corev1.TolerationOpExists,
		Effect:            corev1.TaintEffectNoExecute,
		TolerationSeconds: &seconds,
	}
}
