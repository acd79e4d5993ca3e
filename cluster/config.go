package cluster

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/config"
)

// createConfig stores a ConfigMap or a Secret in head office's ledger,
// defaulted and validated as the API server does. Applying one that exists
// replaces its contents, as kubectl apply does (an immutable one is
// refused); a pod reads the new contents the next time a container of it
// starts.
func (c *Cluster) createConfig(o any) error {
	switch o := o.(type) {
	case *corev1.ConfigMap:
		cm := o.DeepCopy()
		if cm.Namespace == "" {
			cm.Namespace = corev1.NamespaceDefault
		}
		cm.APIVersion, cm.Kind = "v1", "ConfigMap"
		if errs := config.ValidateConfigMap(cm); len(errs) > 0 {
			return fmt.Errorf("%s %q is invalid: %w", cm.Kind, cm.Name, errs.ToAggregate())
		}
		return applyConfig(c.api.ConfigMaps, cm, func(cur *corev1.ConfigMap) bool { return isTrue(cur.Immutable) })
	case *corev1.Secret:
		s := o.DeepCopy()
		if s.Namespace == "" {
			s.Namespace = corev1.NamespaceDefault
		}
		s.APIVersion, s.Kind = "v1", "Secret"
		config.DefaultSecret(s)
		if errs := config.ValidateSecret(s); len(errs) > 0 {
			return fmt.Errorf("%s %q is invalid: %w", s.Kind, s.Name, errs.ToAggregate())
		}
		return applyConfig(c.api.Secrets, s, func(cur *corev1.Secret) bool { return isTrue(cur.Immutable) })
	}
	panic(fmt.Sprintf("cluster: createConfig: %T is neither a ConfigMap nor a Secret", o))
}

// applyConfig creates o, or replaces the object of that name unless it is
// immutable.
// Reference: pkg/apis/core/validation/validation.go
// (ValidateConfigMapUpdate, ValidateSecretUpdate: "field is immutable when
// `immutable` is set").
func applyConfig[T apiserver.Object](st *apiserver.Store[T], o T, immutable func(T) bool) error {
	cur, err := st.Get(o.GetNamespace(), o.GetName())
	if apierrors.IsNotFound(err) {
		_, err = st.Create(o)
		return err
	}
	if err != nil {
		return err
	}
	if immutable(cur) {
		return fmt.Errorf("%s %q is invalid: data: Forbidden: field is immutable when `immutable` is set", o.GetObjectKind().GroupVersionKind().Kind, o.GetName())
	}
	o.SetUID(cur.GetUID())
	o.SetCreationTimestamp(cur.GetCreationTimestamp())
	o.SetResourceVersion(cur.GetResourceVersion())
	_, err = st.Update(o)
	return err
}

func isTrue(b *bool) bool { return b != nil && *b }

// DeleteConfigMap deletes a ConfigMap, as `kubectl delete configmap` does;
// a pod that uses it keeps what it read when its containers started.
func (c *Cluster) DeleteConfigMap(namespace, name string) error {
	return c.api.ConfigMaps.Delete(namespace, name)
}

// DeleteSecret deletes a Secret, as `kubectl delete secret` does.
func (c *Cluster) DeleteSecret(namespace, name string) error {
	return c.api.Secrets.Delete(namespace, name)
}
