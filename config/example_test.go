package config_test

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/config"
)

// A Secret written with stringData is stored with data: the text goes in
// base64-encoded (in JSON and YAML), not encrypted.
func ExampleDefaultSecret() {
	s := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "db", Namespace: "default"},
		StringData: map[string]string{"password": "s3cret"}}
	config.DefaultSecret(s)
	fmt.Println(s.Type, string(s.Data["password"]), len(config.ValidateSecret(s)))
	// Output: Opaque s3cret 0
}
