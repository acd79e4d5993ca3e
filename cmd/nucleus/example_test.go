package main

import (
	"fmt"
	"os"
	"strings"
)

// nucleus get pods shows the busybox pod as `kubectl get pods` would, ten
// seconds into the run: it is sleeping, so it is Running and Ready.
func Example_getPods() {
	run([]string{"get", "pods", "--at", "10s", "testdata/busybox.yaml"}, strings.NewReader(""), os.Stdout, os.Stderr)
	// Output:
	// NAME      READY   STATUS    RESTARTS   AGE
	// busybox   1/1     Running   0          10s
}

// A typo in a manifest is refused with one line naming the file, the line
// and the field path, as the API server would refuse it; the exit code is 1.
func Example_typo() {
	code := run([]string{"run", "testdata/containerz.yaml"}, strings.NewReader(""), os.Stdout, os.Stdout)
	fmt.Println("exit", code)
	// Output:
	// error: testdata/containerz.yaml:7: spec.containerz: unknown field; did you mean "containers"?
	// exit 1
}

// nucleus get svc shows the Service in front of the nginx pod as `kubectl
// get services` would: the counter "web", with the address head office gave it,
// beside head office's own counter, the kubernetes Service every cluster has.
func Example_getServices() {
	run([]string{"get", "svc", "testdata/web.yaml"}, strings.NewReader(""), os.Stdout, os.Stderr)
	// Output:
	// NAME         TYPE        CLUSTER-IP       EXTERNAL-IP   PORT(S)   AGE
	// kubernetes   ClusterIP   10.96.0.1        <none>        443/TCP   60s
	// web          ClusterIP   10.109.236.231   <none>        80/TCP    60s
}

// nucleus logs --previous reads the instance of a container before the
// current one: the store manager called the employee back after they walked
// out, and the training department kept what they said last time.
func Example_logsPrevious() {
	run([]string{"logs", "crash", "--previous", "--timestamps", "--at", "8s", "testdata/crashloop.yaml"},
		strings.NewReader(""), os.Stdout, os.Stderr)
	// Output:
	// 2025-01-01T00:00:00.244Z starting
	// 2025-01-01T00:00:05.244Z giving up
}

// Describing an object that is not there fails in kubectl's words.
func Example_describeNotFound() {
	code := run([]string{"describe", "pod", "cashier", "testdata/web.yaml"}, strings.NewReader(""), os.Stdout, os.Stdout)
	fmt.Println("exit", code)
	// Output:
	// error: pods "cashier" not found
	// exit 1
}

// nucleus proxy rules shows what the customer service desk (kube-proxy)
// programmed: here in IPVS mode, one virtual server for the Service's
// cluster IP with the nginx pod behind it, and one for the kubernetes
// Service, which has no endpoints in nucleus (head office is not a pod).
func Example_proxyRules() {
	run([]string{"proxy", "rules", "--store", "store-1", "--mode", "ipvs", "testdata/web.yaml"},
		strings.NewReader(""), os.Stdout, os.Stderr)
	// Output:
	// IP Virtual Server version 1.2.1 (size=4096)
	// Prot LocalAddress:Port Scheduler Flags
	//   -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
	// TCP  10.109.236.231:80 rr
	//   -> 10.244.1.2:80                Masq    1      0          0
	// TCP  10.96.0.1:443 rr
	//   -> 192.168.0.10:6443            Masq    1      0          0
}

// nucleus check grades an exercise: each expectation of the scenario is
// checked at its instant. Here a job that exits with code 1 under
// restartPolicy OnFailure never completes: the store manager keeps calling
// the employee back, so the check fails and the exit code is 1.
func Example_check() {
	code := run([]string{"check", "testdata/diff-a.yaml"}, strings.NewReader(""), os.Stdout, os.Stdout)
	fmt.Println("exit", code)
	// Output:
	// FAIL  00:00:30  pod job status is Completed (saw CrashLoopBackOff)
	// 0 passed, 1 failed
	// error: job: 1 expectation failed
	// exit 1
}
