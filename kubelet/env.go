package kubelet

import (
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	utilvalidation "k8s.io/apimachinery/pkg/util/validation"

	"github.com/nodenucleus/nucleus/sim"
)

// makeEnv builds container c's environment as the kubelet's
// makeEnvironmentVariables does: first every envFrom source in order (a
// ConfigMap's or a Secret's keys, with the prefix; a key that is not a
// valid variable name is skipped and named in an InvalidEnvironmentVariableNames
// event), then env in order, each value expanded against what is defined
// before it, or read from a ConfigMap or Secret key (valueFrom). Beneath
// them lie the service links of the Services that exist now (see
// serviceEnv): a reference may name them, and a variable of the
// container's own overrides one of the same name. A missing
// object or key that is not optional is an error, which the kubelet shows
// as CreateContainerConfigError: `configmap "x" not found`, `couldn't find
// key k in ConfigMap default/x`. An optional one is left out.
// Reference: pkg/kubelet/kubelet_pods.go (makeEnvironmentVariables);
// pkg/kubelet/util/manager/watch_based_manager.go (the not-found error
// names the resource in the singular: configmap, secret).
func (k *Kubelet) makeEnv(w *worker, c containerRef) (*containerEnv, error) {
	ns := w.pod.Namespace
	e := &containerEnv{values: map[string]string{},
		links: k.serviceLinks(ns, w.pod.Spec.EnableServiceLinks == nil || *w.pod.Spec.EnableServiceLinks)}
	for _, from := range c.spec.EnvFrom {
		data, kind, name, err := k.envSource(ns, from)
		if err != nil {
			return nil, err
		}
		var invalid []string
		for _, key := range sortedKeys(data) {
			v := from.Prefix + key
			if len(utilvalidation.IsRelaxedEnvVarName(v)) > 0 {
				invalid = append(invalid, v)
				continue
			}
			e.set(v, data[key])
		}
		if len(invalid) > 0 {
			slices.Sort(invalid)
			k.podEvent(w, &c, sim.Warning, "InvalidEnvironmentVariableNames",
				fmt.Sprintf("Keys [%s] from the EnvFrom %s %s/%s were skipped since they are considered invalid environment variable names.",
					strings.Join(invalid, ", "), kind.event, ns, name), sim.Facts{})
		}
	}
	for _, v := range c.spec.Env {
		if v.Value != "" || v.ValueFrom == nil {
			e.set(v.Name, expand(v.Value, e.lookup))
			continue
		}
		if ref := v.ValueFrom.FieldRef; ref != nil {
			val, err := k.fieldRefValue(w, ref.FieldPath)
			if err != nil {
				return nil, err
			}
			e.set(v.Name, val)
			continue
		}
		if ref := v.ValueFrom.ResourceFieldRef; ref != nil {
			val, err := k.resourceFieldRefValue(w, c.spec, ref)
			if err != nil {
				return nil, err
			}
			e.set(v.Name, val)
			continue
		}
		kind, name, key, optional, ok := keySelector(v.ValueFrom)
		if !ok {
			e.set(v.Name, "") // a source nucleus does not know (fileKeyRef)
			continue
		}
		val, set, err := k.keyRef(kind, ns, name, key, optional)
		if err != nil {
			return nil, err
		}
		if set {
			e.set(v.Name, val)
		}
	}
	return e, nil
}

// configKind names a kind of configuration object the way each message of
// the kubelet words it.
type configKind struct {
	notFound string // `configmap "x" not found`
	key      string // `couldn't find key k in ConfigMap ns/x`
	event    string // `from the EnvFrom configMap ns/x`
}

var (
	configMapKind = configKind{"configmap", "ConfigMap", "configMap"}
	secretKind    = configKind{"secret", "Secret", "secret"}
)

// configData returns the data of the ConfigMap or Secret ns/name as
// strings (a Secret's bytes decoded; never nil for an object that
// exists), or an error naming what is missing; a missing optional object
// gives nil and no error.
func (k *Kubelet) configData(kind configKind, ns, name string, optional *bool) (map[string]string, error) {
	var data map[string]string
	var err error
	if kind == secretKind {
		var s *corev1.Secret
		if s, err = k.api.Secrets.Get(ns, name); err == nil {
			data = make(map[string]string, len(s.Data))
			for key, v := range s.Data {
				data[key] = string(v)
			}
		}
	} else {
		var cm *corev1.ConfigMap
		if cm, err = k.api.ConfigMaps.Get(ns, name); err == nil {
			data = cm.Data
			if data == nil {
				data = map[string]string{} // found, with no keys
			}
		}
	}
	if err != nil {
		if isTrue(optional) {
			return nil, nil
		}
		return nil, fmt.Errorf("%s %q not found", kind.notFound, name)
	}
	return data, nil
}

// envSource reads one envFrom source: its data, its kind and its name.
func (k *Kubelet) envSource(ns string, from corev1.EnvFromSource) (map[string]string, configKind, string, error) {
	switch {
	case from.ConfigMapRef != nil:
		data, err := k.configData(configMapKind, ns, from.ConfigMapRef.Name, from.ConfigMapRef.Optional)
		return data, configMapKind, from.ConfigMapRef.Name, err
	case from.SecretRef != nil:
		data, err := k.configData(secretKind, ns, from.SecretRef.Name, from.SecretRef.Optional)
		return data, secretKind, from.SecretRef.Name, err
	}
	return nil, configMapKind, "", nil
}

// keyRef returns key of the ConfigMap or Secret ns/name, and whether the
// variable is set; a missing object or key is an error unless optional.
func (k *Kubelet) keyRef(kind configKind, ns, name, key string, optional *bool) (string, bool, error) {
	data, err := k.configData(kind, ns, name, optional)
	if err != nil || data == nil {
		return "", false, err
	}
	v, ok := data[key]
	if !ok {
		if isTrue(optional) {
			return "", false, nil
		}
		return "", false, fmt.Errorf("couldn't find key %s in %s %s/%s", key, kind.key, ns, name)
	}
	return v, true, nil
}

// keySelector returns what a configMapKeyRef or secretKeyRef names, and
// false for any other source.
func keySelector(from *corev1.EnvVarSource) (kind configKind, name, key string, optional *bool, ok bool) {
	switch {
	case from.ConfigMapKeyRef != nil:
		r := from.ConfigMapKeyRef
		return configMapKind, r.Name, r.Key, r.Optional, true
	case from.SecretKeyRef != nil:
		r := from.SecretKeyRef
		return secretKind, r.Name, r.Key, r.Optional, true
	}
	return configKind{}, "", "", nil, false
}

func isTrue(b *bool) bool { return b != nil && *b }
