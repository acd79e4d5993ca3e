package simtest

import (
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
)

// checkSlices: when head office rewrites a Service's EndpointSlices, an
// endpoint is ready only for a pod that is Ready and not terminating, and
// marked terminating only for a pod that is.
// Reference: proxy-and-runtime.md (EndpointSlice conditions: ready =
// serving and not terminating).
func (k *checker) checkSlices(st Step) *finding {
	for _, r := range st.Records {
		if r.Reason != "EndpointsChanged" || r.Object.Kind != "Service" {
			continue
		}
		svc, err := k.c.API().Services.Get(r.Object.Namespace, r.Object.Name)
		if err != nil || svc.Spec.PublishNotReadyAddresses {
			continue
		}
		for _, s := range k.c.API().EndpointSlices.List() {
			if s.Namespace != svc.Namespace || s.Labels[discoveryv1.LabelServiceName] != svc.Name {
				continue
			}
			for _, e := range s.Endpoints {
				if f := k.checkEndpoint(svc.Name, e); f != nil {
					return f
				}
			}
		}
	}
	return nil
}

// checkEndpoint checks one endpoint against its pod at head office.
func (k *checker) checkEndpoint(svc string, e discoveryv1.Endpoint) *finding {
	if e.TargetRef == nil || e.TargetRef.Kind != "Pod" {
		return nil
	}
	p, err := k.c.API().Pods.Get(e.TargetRef.Namespace, e.TargetRef.Name)
	if err != nil {
		return found(EndpointReadiness, "service %s lists pod %s, which head office no longer has", svc, e.TargetRef.Name)
	}
	terminating := p.DeletionTimestamp != nil
	ready := e.Conditions.Ready == nil || *e.Conditions.Ready
	switch {
	case ready && terminating:
		return found(EndpointReadiness, "service %s lists pod %s as ready while it is terminating", svc, p.Name)
	case ready && !podReady(p):
		return found(EndpointReadiness, "service %s lists pod %s as ready while its Ready condition is not True", svc, p.Name)
	case e.Conditions.Terminating != nil && *e.Conditions.Terminating && !terminating:
		return found(EndpointReadiness, "service %s lists pod %s as terminating while it is not being deleted", svc, p.Name)
	}
	return nil
}

// podReady reports whether the pod's Ready condition is True.
func podReady(p *corev1.Pod) bool {
	for _, c := range p.Status.Conditions {
		if c.Type == corev1.PodReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

// checkDesks: when a store's desk (kube-proxy) programs its rules, it
// sends Cluster-policy traffic to a terminating endpoint only when no
// endpoint of that Service port is ready.
// Reference: proxy-and-runtime.md (kube-proxy CategorizeEndpoints:
// ready endpoints, else the serving and terminating ones).
func (k *checker) checkDesks(st Step) *finding {
	for _, r := range st.Records {
		if r.Reason != "RulesSynced" || r.Source.Component != "kube-proxy" {
			continue
		}
		store, ok := k.c.Store(r.Source.Store)
		if !ok {
			continue
		}
		for _, sp := range store.Proxy.Rules().Ports {
			ready := 0
			for _, e := range sp.Endpoints {
				if e.Ready {
					ready++
				}
			}
			for _, e := range sp.Cluster {
				if !e.Ready && ready > 0 {
					return found(EndpointReadiness, "the desk of store %s sends customers of %s to %s, which is not ready, while %d endpoints are",
						store.Name, sp.Name, e, ready)
				}
			}
		}
	}
	return nil
}
