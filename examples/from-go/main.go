package main

import (
	"fmt"
	"os"
	"time"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/manifest"
	"github.com/nodenucleus/nucleus/narrate"
)

const web = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
`

func main() {
	docs, _, err := manifest.NewDecoder().Decode("web.yaml", []byte(web)) // strict, like the API server
	if err != nil {
		fmt.Println(err) // web.yaml:7: spec.containers[0].imgae: unknown field; did you mean "image"?
		return
	}
	chain, err := cluster.New(cluster.Config{}) // one store, seed 1 (the command's default)
	if err != nil {
		fmt.Println(err)
		return
	}
	chain.Subscribe(narrate.New(os.Stdout, narrate.Both))
	for _, d := range docs {
		if err := chain.Apply(d); err != nil { // a Document, or a *corev1.Pod, or a corev1.Pod
			fmt.Println(err)
			return
		}
	}
	chain.RunFor(time.Minute)           // virtual time: returns at once
	p, _ := chain.Pod("default", "web") // no namespace in the YAML means "default"
	fmt.Println(p.Status.Phase)         // Running
}
