package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const configFile = "testdata/config.yaml"

// Reference: pkg/printers/internalversion/printers.go (printConfigMap:
// NAME DATA AGE, DATA = keys of data and binaryData; printSecret: NAME
// TYPE DATA AGE); https://kubernetes.io/docs/concepts/configuration/secret/
// (stringData is merged into data, which is shown base64-encoded).
func TestGetConfigMapsAndSecrets(t *testing.T) {
	got := nucleus(t, "", "get", "configmaps", configFile)
	require.Equal(t, exitOK, got.code, got.errOut)
	assert.Equal(t, "NAME        DATA   AGE\ngame-demo   3      60s\n", got.out)

	got = nucleus(t, "", "get", "secrets", configFile)
	assert.Equal(t, "NAME       TYPE                DATA   AGE\ndb         Opaque              2      60s\nsite-tls   kubernetes.io/tls   2      60s\n", got.out)

	for alias, name := range map[string]string{"cm": "configmaps", "configmap": "configmaps", "secret": "secrets"} {
		assert.Equal(t, nucleus(t, "", "get", name, "-o", "json", configFile), nucleus(t, "", "get", alias, "-o", "json", configFile), alias)
	}

	got = nucleus(t, "", "get", "secrets", "-o", "yaml", configFile)
	assert.Contains(t, got.out, "    password: czNjcmV0\n    username: YWRtaW4=\n")
	assert.NotContains(t, got.out, "stringData")
	assert.NotContains(t, got.out, "s3cret")

	got = nucleus(t, "", "logs", "game", configFile)
	assert.Equal(t, "lives=3 user=admin\n", got.out)
}

// Reference: pkg/apis/core/validation/validation.go (ValidateSecret: a
// kubernetes.io/tls Secret needs tls.crt and tls.key).
func TestGetRefusesAnInvalidSecret(t *testing.T) {
	got := nucleus(t, "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: t\ntype: kubernetes.io/tls\ndata:\n  tls.crt: Y2VydA==\n", "get", "secrets", "-")
	assert.NotEqual(t, exitOK, got.code)
	assert.Contains(t, got.errOut, `Secret "t" is invalid: data[tls.key]: Required value`)
}

// Reference: staging/src/k8s.io/kubectl/pkg/describe/describe.go
// (describeConfigMap: Data with "----" rules, BinaryData sizes, Events;
// describeSecret: Type and sizes, never values).
func TestDescribeConfigMapAndSecret(t *testing.T) {
	got := nucleus(t, "", "describe", "cm", "game-demo", configFile)
	require.Equal(t, exitOK, got.code, got.errOut)
	assert.Equal(t, "Name:         game-demo\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\n"+
		"Data\n====\nplayer_initial_lives:\n----\n3\n\nui_properties_file_name:\n----\nuser-interface.properties\n\n\n"+
		"BinaryData\n====\nlogo.png: 6 bytes\n\nEvents:  <none>\n", got.out)

	got = nucleus(t, "", "describe", "secret", "db", configFile)
	assert.Equal(t, "Name:         db\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\n"+
		"Type:  Opaque\n\nData\n====\npassword:  6 bytes\nusername:  5 bytes\n", got.out)
	assert.NotContains(t, got.out, "s3cret")
}
