// Command statefulset-scaling narrates a StatefulSet scaling up and down:
// head office's locker room (the StatefulSet controller) runs the
// documentation's web.yaml, a team of numbered nginx employees, web-0,
// web-1, ..., each with its own locker (the claim www-web-<n>, a volume
// made by the local-path provisioner). With the default OrderedReady
// policy it hires one at a time, each ready before the next, and lets them
// go highest number first, one at a time. The lockers stay when their
// employee goes: scaled back up, web-3 gets www-web-3 and the very same
// volume it had.
//
// Run it with:
//
//	go run ./examples/statefulset-scaling
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/examples/internal/story"
	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/sim"
)

// web is content/en/examples/application/web/web.yaml of the Kubernetes
// documentation, as the StatefulSet tutorial applies it.
const web = `
apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.7
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
`

func main() {
	story.Main(run)
}

func run() error {
	chain, err := cluster.New(cluster.Config{Seed: 1})
	if err != nil {
		return err
	}
	narrator := narrate.New(os.Stdout, narrate.Both)
	chain.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		if r.Source.Component == "statefulset-controller" || r.Reason == "ReadyChanged" && r.Object.Name != "" {
			narrator.Observe(r)
		}
	}))
	if _, err := story.Apply(chain, "web.yaml", web); err != nil {
		return err
	}
	chain.RunUntil(sim.Time(10 * time.Second))
	fmt.Println("00:00:10 -- kubectl scale sts web --replicas=4")
	if err := chain.ScaleStatefulSet("default", "web", 4); err != nil {
		return err
	}
	chain.RunUntil(sim.Time(30 * time.Second))
	fmt.Println("00:00:30 -- kubectl scale sts web --replicas=1")
	if err := chain.ScaleStatefulSet("default", "web", 1); err != nil {
		return err
	}
	chain.RunUntil(sim.Time(2 * time.Minute))
	if err := show(chain); err != nil {
		return err
	}
	fmt.Println("00:02:00 -- kubectl scale sts web --replicas=4: each number gets its own locker back")
	if err := chain.ScaleStatefulSet("default", "web", 4); err != nil {
		return err
	}
	chain.RunUntil(sim.Time(2*time.Minute + 30*time.Second))
	if err := show(chain); err != nil {
		return err
	}
	fmt.Println("What to try next: set `podManagementPolicy: Parallel` and watch every")
	fmt.Println("employee hired and let go at once; or set persistentVolumeClaimRetentionPolicy")
	fmt.Println("whenScaled: Delete, and the lockers of web-1 to web-3 go with them.")
	return narrator.Err()
}

// show prints what kubectl get sts, pods and pvc print now.
func show(chain *cluster.Cluster) error {
	now := chain.Now().Wall()
	fmt.Println()
	if err := kubectl.PrintStatefulSets(os.Stdout, chain.StatefulSets(), now, false); err != nil {
		return err
	}
	fmt.Println()
	if err := pod.PrintTable(os.Stdout, chain.Pods(), now, false); err != nil {
		return err
	}
	fmt.Println()
	if err := kubectl.PrintClaims(os.Stdout, chain.Claims(), now, false); err != nil {
		return err
	}
	fmt.Println()
	return nil
}
