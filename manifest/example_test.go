package manifest_test

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/manifest"
)

// A learner's pod manifest decodes into Kubernetes' own Pod type. The
// security context is real Kubernetes, so it is accepted, with a warning
// that nucleus ignores it.
func ExampleDecoder_Decode() {
	yaml := `apiVersion: v1
kind: Pod
metadata:
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox
    args: [/bin/sh, -c, "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"]
    livenessProbe:
      exec:
        command: [cat, /tmp/healthy]
      initialDelaySeconds: 5
      periodSeconds: 5
  securityContext:
    runAsUser: 1000
`
	docs, warnings, err := manifest.NewDecoder().Decode("pod.yaml", []byte(yaml))
	if err != nil {
		fmt.Println(err)
		return
	}
	pod := docs[0].Object.(*corev1.Pod)
	fmt.Println(pod.Name, pod.Spec.Containers[0].LivenessProbe.PeriodSeconds)
	for _, w := range warnings {
		fmt.Println(w)
	}
	// Output:
	// liveness-exec 5
	// pod.yaml:15: spec.securityContext: not simulated by nucleus; ignored
}

// A typo is refused with the file, the line and the field path.
func ExampleDecoder_Decode_typo() {
	yaml := `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx
    imagePullPolicey: Always
`
	_, _, err := manifest.NewDecoder().Decode("pod.yaml", []byte(yaml))
	fmt.Println(err)
	// Output:
	// pod.yaml:9: spec.containers[0].imagePullPolicey: unknown field; did you mean "imagePullPolicy"?
}
