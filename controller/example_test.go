package controller_test

import (
	"fmt"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/controller"
	"github.com/nodenucleus/nucleus/sim"
)

// Head office's staffing plan: "keep three cashiers". The Deployment
// controller opens a ReplicaSet for the job description, and the
// ReplicaSet controller hires three pods. No store is running here, so the
// pods stay Pending; the plan is filled all the same.
func Example() {
	loop := sim.New(1)
	ledger := apiserver.New(loop)
	controller.NewReplicaSetController(controller.Config{Loop: loop, API: ledger})
	controller.NewDeploymentController(controller.Config{Loop: loop, API: ledger})
	loop.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		if r.Kind == sim.Event {
			fmt.Println(r.Source.Component, r.Reason)
		}
	}))

	three := int32(3)
	_, err := controller.CreateDeployment(ledger, &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec: appsv1.DeploymentSpec{
			Replicas: &three,
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: "nginx"}}},
			},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	loop.RunFor(time.Second)
	fmt.Println("pods:", ledger.Pods.Len())
	// Output:
	// deployment-controller ScalingReplicaSet
	// replicaset-controller SuccessfulCreate
	// replicaset-controller SuccessfulCreate
	// replicaset-controller SuccessfulCreate
	// pods: 3
}
