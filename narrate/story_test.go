package narrate

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/nodenucleus/nucleus/sim"
)

// podRecord returns a kubelet event about pod web on store-1.
func podRecord(reason string, f sim.Facts) sim.Record {
	return sim.Record{
		Source: sim.Source{Component: "kubelet", Store: "store-1"},
		Object: sim.ObjectRef{Kind: "Pod", Namespace: "default", Name: "web"},
		Reason: reason,
		Facts:  f,
	}
}

// headOfficeRecord returns a control-plane record about pod web.
func headOfficeRecord(component, reason string, f sim.Facts) sim.Record {
	r := podRecord(reason, f)
	r.Source = sim.Source{Component: component}
	return r
}

// nodeRecord returns an event about node store-1.
func nodeRecord(component, reason string) sim.Record {
	return sim.Record{
		Source: sim.Source{Component: component, Store: "store-1"},
		Object: sim.ObjectRef{Kind: "Node", Name: "store-1"},
		Reason: reason,
	}
}

// withImage returns r with Facts.Image set.
func withImage(r sim.Record, image string) sim.Record {
	r.Facts.Image = image
	return r
}

// serviceRecord returns a kube-proxy record about Service web.
func serviceRecord(reason string, f sim.Facts) sim.Record {
	return sim.Record{
		Kind:   sim.Change,
		Source: sim.Source{Component: "kube-proxy", Store: "store-1"},
		Object: sim.ObjectRef{Kind: "Service", Namespace: "default", Name: "web"},
		Reason: reason,
		Facts:  f,
	}
}

func withMessage(r sim.Record, m string) sim.Record { r.Message = m; return r }

func asChange(r sim.Record) sim.Record { r.Kind = sim.Change; return r }

type storyCase struct {
	name string
	r    sim.Record
	want string
}

// Reference: DESIGN.md "The storefront analogy" (the fixed glossary of words).
// The events and their reasons are Kubernetes' own: kubelet.md §3.6
// (pkg/kubelet/images/image_manager.go EnsureImageExists: Pulling, Pulled,
// Failed, BackOff, ErrImageNeverPull, InspectFailed), §3.4
// (kuberuntime_manager.go doBackOff: BackOff), §6.2 (kuberuntime_container.go
// killContainer: Killing, FailedPreStopHook), §8.3 (eviction/helpers.go:
// Evicted), §9.2 (nodestatus/setters.go: NodeReady, NodeNotReady,
// NodeHasSufficientMemory, NodeHasInsufficientMemory).
func schedulerAndImageCases() []storyCase {
	app := sim.Facts{Container: "app", Image: "nginx:1.27"}
	bad := sim.Facts{Container: "app", Image: "nginx:9.9"}
	return []storyCase{
		{"Scheduled", headOfficeRecord("default-scheduler", "Scheduled", sim.Facts{To: "store-1"}),
			"Head office's staffing desk assigns web to store-1."},
		{"FailedScheduling", withMessage(headOfficeRecord("default-scheduler", "FailedScheduling", sim.Facts{}),
			"0/1 nodes are available: 1 Insufficient cpu."),
			"Head office's staffing desk finds no store with room for web: 0/1 nodes are available: 1 Insufficient cpu."},
		{"FailedScheduling by a rule", withMessage(headOfficeRecord("default-scheduler", "FailedScheduling", sim.Facts{}),
			"0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match pod anti-affinity rules. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod."),
			"Head office's staffing desk finds no store that can take web: 0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match pod anti-affinity rules. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod."},
		{"Preempted", headOfficeRecord("default-scheduler", "Preempted", sim.Facts{}),
			"Head office's staffing desk sends web home to make room for a more important employee."},
		{"Preempted on a store", headOfficeRecord("default-scheduler", "Preempted", sim.Facts{From: "critical", To: "store-1"}),
			"Head office's staffing desk sends web home from store-1 to make room for a more important employee, critical."},
		{"Pulling", podRecord("Pulling", app),
			"The store manager sends to the warehouse for the training manual for web's job app (nginx:1.27)."},
		{"Pulled in 1.2s", podRecord("Pulled", sim.Facts{Container: "app", Image: "nginx:1.27", Duration: 1200 * time.Millisecond}),
			"The store manager has the training manual for web's job app (nginx:1.27): fetched from the warehouse in 1.2s."},
		{"Pulled already present", withMessage(podRecord("Pulled", app), `Container image "nginx:1.27" already present on machine`),
			"The training manual for web's job app (nginx:1.27) is already on the shelf."},
		{"Pulled without duration", podRecord("Pulled", app),
			"The store manager has the training manual for web's job app (nginx:1.27), fetched from the warehouse."},
		{"Failed pull", podRecord("Failed", bad),
			"The warehouse has no such manual: the training manual for web's job app (nginx:9.9) could not be fetched."},
		{"Failed pull, registry unavailable", podRecord("Failed", sim.Facts{Container: "app", Image: "nginx:9.9", To: "RegistryUnavailable"}),
			"The store manager cannot reach the warehouse for the training manual for web's job app (nginx:9.9)."},
		{"Failed pull, invalid name", podRecord("Failed", sim.Facts{Container: "app", Image: "NGINX", To: "InvalidImageName"}),
			"The training manual for web's job app (NGINX) has a name the warehouse cannot read."},
		{"Failed config, ConfigMap", withMessage(podRecord("Failed", sim.Facts{Container: "app", To: "CreateContainerConfigError"}), `Error: configmap "settings" not found`),
			`The store manager cannot find what web's job app is to read on the notice board: Error: configmap "settings" not found.`},
		{"Failed config, Secret key", withMessage(podRecord("Failed", sim.Facts{Container: "app", To: "CreateContainerConfigError"}), "Error: couldn't find key password in Secret default/db"),
			"The store manager cannot find what web's job app is to read in the locked drawer: Error: couldn't find key password in Secret default/db."},
		{"FailedMount", withMessage(podRecord("FailedMount", sim.Facts{}), `MountVolume.SetUp failed for volume "config" : configmap "settings" not found`),
			`The store manager cannot get web's lockers ready, so no job starts yet: MountVolume.SetUp failed for volume "config" : configmap "settings" not found.`},
		{"Failed other step", withMessage(podRecord("Failed", sim.Facts{Container: "app"}), "Error: failed to start container."),
			"The training department could not get web's job app going: Error: failed to start container."},
		{"BackOff image", podRecord("BackOff", sim.Facts{Container: "app", Image: "nginx:9.9", Duration: 20 * time.Second}),
			"The store manager will wait 20s before sending to the warehouse again for the training manual for web's job app (nginx:9.9)."},
		{"BackOff crash loop", podRecord("BackOff", sim.Facts{Container: "app", Duration: 40 * time.Second}),
			"web keeps walking out of job app; the manager will wait 40s before calling them back."},
		{"BackOff crash loop at the cap", podRecord("BackOff", sim.Facts{Container: "app", Duration: 5 * time.Minute}),
			"web keeps walking out of job app; the manager will wait 5m before calling them back."},
		{"BackOff crash loop without duration", podRecord("BackOff", sim.Facts{Container: "app"}),
			"web keeps walking out of job app; the manager will wait before calling them back."},
		{"ErrImageNeverPull", podRecord("ErrImageNeverPull", app),
			"The training manual for web's job app (nginx:1.27) is not on the shelf, and the work order says never to send to the warehouse for it."},
		{"InspectFailed", podRecord("InspectFailed", app),
			"The store manager cannot check the shelf for the training manual for web's job app (nginx:1.27)."},
	}
}

// Reference: kubelet.md §4.2-4.3 (pkg/kubelet/prober/worker.go: Unhealthy,
// ProbeWarning), §6.2 (kuberuntime_container.go killContainer: Killing with
// the grace period, FailedPreStopHook), §8.3 (eviction/helpers.go: Evicted).
func containerCases() []storyCase {
	app := sim.Facts{Container: "app"}
	return []storyCase{
		{"Created", podRecord("Created", app), "The training department prepares job app for web."},
		{"Started", podRecord("Started", app), "web starts job app."},
		{"Killing", podRecord("Killing", sim.Facts{Container: "app", Duration: 30 * time.Second}),
			"The store manager asks web to stop job app and gives them 30s to finish."},
		{"Killing without grace", podRecord("Killing", app), "The store manager asks web to stop job app."},
		{"Unhealthy liveness", podRecord("Unhealthy", sim.Facts{Container: "app", From: "Liveness"}),
			`web did not answer the manager's "are you still with us?" check for job app.`},
		{"Unhealthy readiness", podRecord("Unhealthy", sim.Facts{Container: "app", From: "Readiness"}),
			`web is not ready to serve customers: job app did not pass the "ready to serve customers?" check.`},
		{"Unhealthy startup", podRecord("Unhealthy", sim.Facts{Container: "app", From: "Startup"}),
			"web is still settling in: job app did not pass the new-hire check yet."},
		{"Unhealthy unknown probe", podRecord("Unhealthy", app), "web's job app did not pass a check."},
		{"ProbeWarning", podRecord("ProbeWarning", sim.Facts{Container: "app", From: "Readiness"}),
			`web's job app passed the "ready to serve customers?" check, with a warning noted in the store logbook.`},
		{"Evicted for memory", podRecord("Evicted", sim.Facts{From: "memory"}),
			"The store is short of memory, so the store manager sends web home."},
		{"Evicted", podRecord("Evicted", sim.Facts{}), "The store is overcrowded, so the store manager sends web home."},
		{"Preempting", podRecord("Preempting", sim.Facts{}),
			"The store manager sends web home to make room for a more important employee."},
		{"OOMKilling container", podRecord("OOMKilling", app),
			"web's job app used more memory than it may, and the training department stopped it."},
		{"OOMKilling node", nodeRecord("kernel-monitor", "OOMKilling"), "store-1 ran out of memory, and a job was stopped."},
		{"SandboxChanged", podRecord("SandboxChanged", sim.Facts{}),
			"web's desk and phone are gone; the store manager sets up new ones and starts web's jobs again."},
		{"FailedCreatePodSandBox", withMessage(podRecord("FailedCreatePodSandBox", sim.Facts{}), "network plugin not ready"),
			"The training department could not set up a desk and phone for web: network plugin not ready."},
		{"FailedPreStopHook", podRecord("FailedPreStopHook", app),
			"web's wrap-up task for job app failed; the store manager lets them go anyway."},
		{"FailedPostStartHook", podRecord("FailedPostStartHook", app),
			"web's first task in job app failed, so the store manager stops the job."},
	}
}

// Reference: kubelet.md §9.2 (pkg/kubelet/nodestatus/setters.go: node
// condition events), §9.3 (node lifecycle controller: RegisteredNode,
// NodeStatusUnknown), §1 (getPhase: pod phases), §8.2 (terminated reasons
// Completed, Error, OOMKilled), §6.1 (CheckGracefulDelete: grace period).
func nodeAndChangeCases() []storyCase {
	return []storyCase{
		{"NodeReady", nodeRecord("kubelet", "NodeReady"), "The store manager tells head office that store-1 is open for employees."},
		{"NodeNotReady", nodeRecord("kubelet", "NodeNotReady"), "store-1 is not ready for employees."},
		{"RegisteredNode", nodeRecord("node-controller", "RegisteredNode"), "Head office adds store-1 to the retail chain."},
		{"NodeHasSufficientMemory", nodeRecord("kubelet", "NodeHasSufficientMemory"), "store-1 has enough memory to go around."},
		{"NodeHasInsufficientMemory", nodeRecord("kubelet", "NodeHasInsufficientMemory"),
			"store-1 is running short of memory; employees may be sent home."},
		{"NodeHasNoDiskPressure", nodeRecord("kubelet", "NodeHasNoDiskPressure"), "store-1's storeroom has room to spare."},
		{"NodeHasDiskPressure", nodeRecord("kubelet", "NodeHasDiskPressure"),
			"store-1's storeroom is nearly full; head office sends no new employees, and employees may be sent home."},
		{"ContainersGarbageCollected", asChange(nodeRecord("kubelet", "ContainersGarbageCollected")),
			"The store manager clears the storeroom of the papers left by jobs that are over."},
		{"ImageGarbageCollected", asChange(withImage(nodeRecord("kubelet", "ImageGarbageCollected"), "docker.io/shop/report:1")),
			"The store manager throws out the training manual docker.io/shop/report:1, which no job uses, to make room in the storeroom."},
		{"FreeDiskSpaceFailed", nodeRecord("kubelet", "FreeDiskSpaceFailed"),
			"The store manager finds too few unused training manuals to throw out: the storeroom stays full."},
		{"ImageGCFailed", nodeRecord("kubelet", "ImageGCFailed"),
			"The store manager has again found too few unused training manuals to throw out, and writes it in the logbook."},
		{"Starting kubelet", nodeRecord("kubelet", "Starting"), "The store manager arrives and opens store-1."},
		{"Starting kube-proxy", nodeRecord("kube-proxy", "Starting"), "The customer service desk at store-1 opens."},
		{"Rebooted", nodeRecord("kubelet", "Rebooted"), "store-1 closed and reopened: every employee must start their jobs again."},
		{"PhaseChanged Running", asChange(podRecord("PhaseChanged", sim.Facts{From: "Pending", To: "Running"})), "web is on the floor."},
		{"PhaseChanged Succeeded", asChange(podRecord("PhaseChanged", sim.Facts{From: "Running", To: "Succeeded"})),
			"web finished the work and clocks out."},
		{"PhaseChanged Failed", asChange(podRecord("PhaseChanged", sim.Facts{From: "Running", To: "Failed"})), "web's shift ended in failure."},
		{"PhaseChanged Pending", asChange(podRecord("PhaseChanged", sim.Facts{To: "Pending"})), "web is waiting to start work."},
		{"ContainerExited Completed", asChange(podRecord("ContainerExited", sim.Facts{Container: "app", To: "Completed"})),
			"web's job app ended (exit code 0: Completed)."},
		{"ContainerExited OOMKilled", asChange(podRecord("ContainerExited", sim.Facts{Container: "app", ExitCode: 137, To: "OOMKilled"})),
			"web's job app ended (exit code 137: OOMKilled)."},
		{"ReadyChanged True", asChange(podRecord("ReadyChanged", sim.Facts{From: "False", To: "True"})), "web is ready to serve customers."},
		{"ReadyChanged False", asChange(podRecord("ReadyChanged", sim.Facts{From: "True", To: "False"})), "web is no longer serving customers."},
		{"Terminating", asChange(podRecord("Terminating", sim.Facts{Duration: 30 * time.Second})),
			"Head office tells store-1 to let web go; web has 30s to wrap up."},
		{"Terminating from head office", asChange(headOfficeRecord("kube-apiserver", "Terminating", sim.Facts{To: "store-2"})),
			"Head office tells store-2 to let web go at once."},
		{"Deleted", asChange(podRecord("Deleted", sim.Facts{})), "web's paperwork is filed away: the employee has left the store."},
		{"EndpointsChanged", serviceRecord("EndpointsChanged", sim.Facts{Count: 2}), "The desk's roster for counter web now lists 2 employees."},
		{"EndpointsChanged one", serviceRecord("EndpointsChanged", sim.Facts{Count: 1}), "The desk's roster for counter web now lists 1 employee."},
		{"EndpointsChanged none", serviceRecord("EndpointsChanged", sim.Facts{}), "The desk's roster for counter web now lists no employees."},
		{"RulesSynced", serviceRecord("RulesSynced", sim.Facts{}), "The customer service desk updates its routing cards."},
		{"NodeLost", asChange(nodeRecord("node-controller", "NodeLost")), "store-1 has stopped calling head office."},
		{"NodeUnknown", asChange(nodeRecord("node-controller", "NodeUnknown")), "store-1 has stopped calling head office."},
		{"Customer served", serviceRecord("Customer", sim.Facts{From: "served", To: "web-1"}), "A customer at counter web is served by web-1."},
		{"Customer refused", serviceRecord("Customer", sim.Facts{From: "refused"}),
			"A customer at counter web is turned away: nobody is on the floor for it."},
		{"Customer dropped", serviceRecord("Customer", sim.Facts{From: "dropped", To: "web-1"}),
			"A customer at counter web is sent to web-1 but nobody answers."},
		{"Customer refused at a pod", serviceRecord("Customer", sim.Facts{From: "refused", To: "web-1"}),
			"A customer at counter web is sent to web-1, who is not taking customers (connection refused)."},
		{"Customer failed", serviceRecord("Customer", sim.Facts{From: "failed", To: "web-1"}),
			"A customer at counter web gets a bad answer from web-1."},
		{"CustomersServed", serviceRecord("CustomersServed", sim.Facts{Count: 98, Duration: 10 * time.Second}),
			"At counter web, 98 customers were served in the last 10s."},
		{"CustomersServed one", serviceRecord("CustomersServed", sim.Facts{Count: 1, Duration: 10 * time.Second}),
			"At counter web, 1 customer was served in the last 10s."},
		{"ScalingReplicaSet", deployRecord("ScalingReplicaSet", sim.Facts{Count: 3, From: "0", To: "web-7d4b9c6f5"}),
			"Head office's staffing plan for web now wants 3 employees from team web-7d4b9c6f5 (was 0)."},
		{"SuccessfulCreate", rsRecord("SuccessfulCreate", sim.Facts{To: "web-7d4b9c6f5-x2f9k"}),
			"Head office's staffing plan hires web-7d4b9c6f5-x2f9k for team web-7d4b9c6f5."},
		{"SuccessfulDelete", rsRecord("SuccessfulDelete", sim.Facts{To: "web-7d4b9c6f5-x2f9k"}),
			"Head office's staffing plan lets web-7d4b9c6f5-x2f9k go from team web-7d4b9c6f5."},
		{"ReplicasChanged", asChange(rsRecord("ReplicasChanged", sim.Facts{Count: 3, From: "1", To: "2"})),
			"Team web-7d4b9c6f5 has 2 of 3 employees ready."},
		{"TaintManagerEviction", podRecord("TaintManagerEviction", sim.Facts{}),
			"Head office gives up waiting for web's store and lets web go."},
		{"PowerOff", asChange(nodeRecord("nucleus", "PowerOff")), "store-1 goes dark: the power is out, and every job on the floor stops."},
		{"PowerOn", asChange(nodeRecord("nucleus", "PowerOn")), "The lights come back on at store-1; the store manager starts the day again."},
		{"CutOff", asChange(nodeRecord("nucleus", "CutOff")),
			"store-1's line to head office is cut: the store keeps working, but nobody hears its calls."},
		{"Reconnected", asChange(nodeRecord("nucleus", "Reconnected")), "store-1 can call head office again."},
		{"unknown reason", podRecord("FailedAttachVolume", sim.Facts{}), "The store logbook notes: FailedAttachVolume for pod/web."},
	}
}

func TestStory(t *testing.T) {
	var cases []storyCase
	cases = append(cases, schedulerAndImageCases()...)
	cases = append(cases, containerCases()...)
	cases = append(cases, nodeAndChangeCases()...)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Story(tc.r), "Story(%s %+v)", tc.r.Reason, tc.r.Facts)
		})
	}
}

// Reference: task brief: "Use the Facts, never parse the Message". Two
// records that differ only in their messages tell the same story.
func TestStoryIgnoresMessageWording(t *testing.T) {
	a := withMessage(podRecord("Started", sim.Facts{Container: "app"}), "Started container app")
	b := withMessage(podRecord("Started", sim.Facts{Container: "app"}), "container app is up")
	assert.Equal(t, Story(a), Story(b))
}

func TestStoryWithoutNames(t *testing.T) {
	r := sim.Record{Reason: "Started"}
	assert.Equal(t, "An employee starts a job.", Story(r))
}

func deployRecord(reason string, f sim.Facts) sim.Record {
	return sim.Record{Source: sim.Source{Component: "deployment-controller"},
		Object: sim.ObjectRef{Kind: "Deployment", Namespace: "default", Name: "web"}, Reason: reason, Facts: f}
}

func rsRecord(reason string, f sim.Facts) sim.Record {
	return sim.Record{Source: sim.Source{Component: "replicaset-controller"},
		Object: sim.ObjectRef{Kind: "ReplicaSet", Namespace: "default", Name: "web-7d4b9c6f5"}, Reason: reason, Facts: f}
}
