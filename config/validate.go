package config

import (
	"maps"
	"slices"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/validation"
	utilvalidation "k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// MaxSize is the most data a ConfigMap or a Secret may hold: 1 MiB.
// Reference: pkg/apis/core/types.go (MaxSecretSize), kubernetes/kubernetes.
const MaxSize = 1 << 20

// DefaultSecret does the API server's work on a Secret on its way in: the
// type defaults to Opaque, and stringData is written into data (a key in
// both takes stringData's value) and then dropped.
// Reference: pkg/apis/core/v1/defaults.go (SetDefaults_Secret) and
// pkg/apis/core/v1/conversion.go (Convert_v1_Secret_To_core_Secret).
func DefaultSecret(s *corev1.Secret) {
	if s.Type == "" {
		s.Type = corev1.SecretTypeOpaque
	}
	if len(s.StringData) == 0 {
		s.StringData = nil
		return
	}
	if s.Data == nil {
		s.Data = map[string][]byte{}
	}
	for _, k := range sortedKeys(s.StringData) {
		s.Data[k] = []byte(s.StringData[k])
	}
	s.StringData = nil
}

// ValidateConfigMap returns what the API server refuses in a ConfigMap:
// its name, every key of data and binaryData, a key in both, and more
// than MaxSize bytes of data in all.
// Reference: pkg/apis/core/validation/validation.go (ValidateConfigMap).
func ValidateConfigMap(cm *corev1.ConfigMap) field.ErrorList {
	errs := validation.ValidateObjectMeta(&cm.ObjectMeta, true, validation.NameIsDNSSubdomain, field.NewPath("metadata"))
	size := 0
	for _, k := range sortedKeys(cm.Data) {
		errs = append(errs, validateKey(k, field.NewPath("data").Key(k))...)
		size += len(cm.Data[k])
	}
	for _, k := range sortedKeys(cm.BinaryData) {
		p := field.NewPath("binaryData").Key(k)
		errs = append(errs, validateKey(k, p)...)
		if _, ok := cm.Data[k]; ok {
			errs = append(errs, field.Invalid(p, k, "duplicate of key present in data"))
		}
		size += len(cm.BinaryData[k])
	}
	if size > MaxSize {
		errs = append(errs, field.TooLong(field.NewPath(""), "", MaxSize))
	}
	return errs
}

// ValidateSecret returns what the API server refuses in a (defaulted)
// Secret: its name, every key of data, more than MaxSize bytes, and the
// keys its type requires (dockercfg, dockerconfigjson, basic-auth,
// ssh-auth, tls, service-account-token).
// Reference: pkg/apis/core/validation/validation.go (ValidateSecret).
func ValidateSecret(s *corev1.Secret) field.ErrorList {
	errs := validation.ValidateObjectMeta(&s.ObjectMeta, true, validation.NameIsDNSSubdomain, field.NewPath("metadata"))
	data := field.NewPath("data")
	size := 0
	for _, k := range sortedKeys(s.Data) {
		errs = append(errs, validateKey(k, data.Key(k))...)
		size += len(s.Data[k])
	}
	if size > MaxSize {
		errs = append(errs, field.TooLong(data, "", MaxSize))
	}
	return append(errs, validateSecretType(s, data)...)
}

// validateSecretType checks the keys a Secret's type requires.
func validateSecretType(s *corev1.Secret, data *field.Path) field.ErrorList {
	var errs field.ErrorList
	require := func(keys ...string) {
		for _, k := range keys {
			if _, ok := s.Data[k]; !ok {
				errs = append(errs, field.Required(data.Key(k), ""))
			}
		}
	}
	switch s.Type {
	case corev1.SecretTypeServiceAccountToken:
		if s.Annotations[corev1.ServiceAccountNameKey] == "" {
			errs = append(errs, field.Required(field.NewPath("metadata", "annotations").Key(corev1.ServiceAccountNameKey), ""))
		}
	case corev1.SecretTypeDockercfg:
		require(corev1.DockerConfigKey)
	case corev1.SecretTypeDockerConfigJson:
		require(corev1.DockerConfigJsonKey)
	case corev1.SecretTypeBasicAuth:
		_, user := s.Data[corev1.BasicAuthUsernameKey]
		_, pass := s.Data[corev1.BasicAuthPasswordKey]
		if !user && !pass {
			errs = append(errs, field.Required(data.Key(corev1.BasicAuthUsernameKey), ""))
			errs = append(errs, field.Required(data.Key(corev1.BasicAuthPasswordKey), ""))
		}
	case corev1.SecretTypeSSHAuth:
		require(corev1.SSHAuthPrivateKey)
	case corev1.SecretTypeTLS:
		require(corev1.TLSCertKey, corev1.TLSPrivateKeyKey)
	}
	return errs
}

// validateKey checks one key name: [-._a-zA-Z0-9]+, at most 253
// characters, not "." or "..", not starting with "..".
func validateKey(k string, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, msg := range utilvalidation.IsConfigMapKey(k) {
		errs = append(errs, field.Invalid(p, k, msg))
	}
	return errs
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
