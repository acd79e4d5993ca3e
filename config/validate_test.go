package config

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

func errorsOf(errs field.ErrorList) string {
	if len(errs) == 0 {
		return ""
	}
	return errs.ToAggregate().Error()
}

// Reference: pkg/apis/core/validation/validation.go (ValidateConfigMap,
// ValidateSecret), k8s.io/apimachinery/pkg/util/validation (IsConfigMapKey),
// pkg/apis/core/types.go (MaxSecretSize = 1 MiB);
// https://kubernetes.io/docs/concepts/configuration/configmap/ and
// https://kubernetes.io/docs/concepts/configuration/secret/#secret-types.
func TestValidateConfigMap(t *testing.T) {
	meta := metav1.ObjectMeta{Name: "game-demo", Namespace: "default"}
	for _, tc := range []struct {
		name string
		cm   corev1.ConfigMap
		want string
	}{
		{"valid", corev1.ConfigMap{ObjectMeta: meta, Data: map[string]string{"player_initial_lives": "3", "game.properties": "a=b"}}, ""},
		{"bad key", corev1.ConfigMap{ObjectMeta: meta, Data: map[string]string{"a b": "x"}},
			`data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`},
		{"dot dot", corev1.ConfigMap{ObjectMeta: meta, Data: map[string]string{"..": "x"}},
			`data[..]: Invalid value: "..": must not be '..'`},
		{"in both", corev1.ConfigMap{ObjectMeta: meta, Data: map[string]string{"k": "x"}, BinaryData: map[string][]byte{"k": {1}}},
			`binaryData[k]: Invalid value: "k": duplicate of key present in data`},
		{"too big", corev1.ConfigMap{ObjectMeta: meta, Data: map[string]string{"a": strings.Repeat("x", MaxSize), "b": "y"}},
			`[]: Too long: may not be more than 1048576 bytes`},
		{"name", corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "Game", Namespace: "default"}}, `metadata.name: Invalid value: "Game"`},
	} {
		got := errorsOf(ValidateConfigMap(&tc.cm))
		if tc.want == "" {
			assert.Empty(t, got, tc.name)
			continue
		}
		assert.Contains(t, got, tc.want, tc.name)
	}
}

func TestValidateSecret(t *testing.T) {
	meta := metav1.ObjectMeta{Name: "db", Namespace: "default"}
	for _, tc := range []struct {
		name string
		s    corev1.Secret
		want string
	}{
		{"opaque", corev1.Secret{ObjectMeta: meta, Type: corev1.SecretTypeOpaque, Data: map[string][]byte{"password": []byte("x")}}, ""},
		{"tls without key", corev1.Secret{ObjectMeta: meta, Type: corev1.SecretTypeTLS, Data: map[string][]byte{"tls.crt": []byte("x")}},
			"data[tls.key]: Required value"},
		{"basic-auth with neither", corev1.Secret{ObjectMeta: meta, Type: corev1.SecretTypeBasicAuth},
			"[data[username]: Required value, data[password]: Required value]"},
		{"basic-auth with a password only", corev1.Secret{ObjectMeta: meta, Type: corev1.SecretTypeBasicAuth, Data: map[string][]byte{"password": nil}}, ""},
		{"ssh-auth", corev1.Secret{ObjectMeta: meta, Type: corev1.SecretTypeSSHAuth}, "data[ssh-privatekey]: Required value"},
		{"dockerconfigjson", corev1.Secret{ObjectMeta: meta, Type: corev1.SecretTypeDockerConfigJson}, "data[.dockerconfigjson]: Required value"},
		{"service-account-token", corev1.Secret{ObjectMeta: meta, Type: corev1.SecretTypeServiceAccountToken},
			"metadata.annotations[kubernetes.io/service-account.name]: Required value"},
		{"too big", corev1.Secret{ObjectMeta: meta, Type: corev1.SecretTypeOpaque, Data: map[string][]byte{"a": make([]byte, MaxSize+1)}},
			"data: Too long: may not be more than 1048576 bytes"},
	} {
		got := errorsOf(ValidateSecret(&tc.s))
		if tc.want == "" {
			assert.Empty(t, got, tc.name)
			continue
		}
		assert.Contains(t, got, tc.want, tc.name)
	}
}

// Reference: pkg/apis/core/v1/defaults.go (SetDefaults_Secret: type
// Opaque); pkg/apis/core/v1/conversion.go (stringData is written over
// data and not kept); https://kubernetes.io/docs/concepts/configuration/secret/
// ("The stringData field ... all key and value pairs are merged into the
// data field ... the stringData field takes precedence").
func TestDefaultSecret(t *testing.T) {
	s := &corev1.Secret{Data: map[string][]byte{"user": []byte("old"), "keep": []byte("k")},
		StringData: map[string]string{"user": "admin", "password": "s3cret"}}
	DefaultSecret(s)
	assert.Equal(t, corev1.SecretTypeOpaque, s.Type)
	assert.Nil(t, s.StringData)
	assert.Equal(t, map[string][]byte{"user": []byte("admin"), "keep": []byte("k"), "password": []byte("s3cret")}, s.Data)
}
