package picture_test

import (
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/picture"
)

// Take reads the chain as it stands; WriteSVG would draw it. Here the
// picture's parts are printed instead: one employee at its post in the
// only store, serving.
func Example() {
	c, err := cluster.New(cluster.Config{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	web := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default"},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: "nginx:1.27"}}}}
	if err := c.Apply(web); err != nil {
		fmt.Println(err)
		return
	}
	c.RunFor(30 * time.Second)
	p := picture.Take(c, "first-shift")
	for _, s := range p.Stores {
		fmt.Printf("%s ready=%v\n", s.Name, s.Ready)
		for _, e := range s.Employees {
			fmt.Printf("  %s: %s, %v\n", e.Name, e.Status, e.Mood)
		}
	}
	// Output:
	// store-1 ready=true
	//   web: Running 1/1, serving
}
