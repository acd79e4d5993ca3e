package narrate

// Term is one row of the storefront glossary: a Kubernetes term, the word
// the storefront voice uses for it, and what the real thing does.
type Term struct {
	Kubernetes string // the Kubernetes term: "kubelet"
	Store      string // the storefront word: "the store manager"
	Does       string // what the real thing does, in one line
}

// Glossary returns the storefront glossary, the fixed table of words the
// narration uses, in the order a learner meets them. Each call returns a new
// slice.
func Glossary() []Term {
	return []Term{
		{"cluster", "the retail chain", "A set of nodes run together under one control plane."},
		{"control plane (API server, etcd)", "head office and its ledger", "Stores the desired and observed state of every object and serves it to every component."},
		{"scheduler", "head office's staffing desk", "Picks a node for each new pod that fits its requests and constraints."},
		{"Deployment / ReplicaSet controller", "head office's staffing plan", "Keeps the wanted number of pod replicas, creating a new pod when one is gone."},
		{"ReplicationController (replication manager)", "head office's old staffing order", "The standing order for N employees from before Deployments: the ReplicaSet controller run over ReplicationControllers, keeping spec.replicas pods that its equality-based selector (defaulted to the template's labels) selects; it has no rollout."},
		{"Job controller", "head office's temp agency", "Runs pods to completion: keeps up to parallelism pods working until completions have succeeded, waits longer after each failure (10s, doubling, capped at 10 minutes) and gives up at backoffLimit or activeDeadlineSeconds."},
		{"HorizontalPodAutoscaler controller", "head office's district manager", "Every 15 seconds sets a Deployment's replicas to ceil(current × CPU use / target), within minReplicas and maxReplicas, waiting 300 seconds before scaling down (or as spec.behavior says)."},
		{"metrics-server", "head office's time-and-motion clerk", "Scrapes every node's CPU and memory use every 15 seconds for kubectl top and the autoscaler."},
		{"CronJob controller", "head office's shift roster", "Creates a Job at each time of a cron schedule (in its timeZone), honouring concurrencyPolicy, startingDeadlineSeconds, suspend and the history limits."},
		{"StatefulSet controller", "head office's locker room", "Keeps numbered pods (web-0, web-1, ...) with stable names and their own claims from volumeClaimTemplates; OrderedReady creates them one at a time in order and removes them in reverse."},
		{"namespace", "a division of the chain", "A named group of objects; deleting it turns it Terminating while the namespace controller deletes everything in it, then it goes. default, kube-system, kube-public and kube-node-lease always exist."},
		{"DaemonSet controller", "head office's door rule", "Keeps one pod on every node its nodeSelector, node affinity and tolerations allow (a greeter at every store's door), pinned by node affinity on metadata.name and placed by the scheduler; a new node gets its pod."},
		{"PersistentVolume / PersistentVolumeClaim", "a locker / a locker request", "Storage that outlives pods: a claim asks for a size and access mode, the volume controller binds it to a volume (the provisioner makes one for the claim's StorageClass), and pods mount the claim."},
		{"PodDisruptionBudget", "the minimum staffing rule", "Says how many of a set of pods must stay healthy (minAvailable) or may be down (maxUnavailable); the eviction API refuses, with 429, an eviction that would break it."},
		{"kubectl drain", "the closing crew", "Cordons a node and evicts its pods through the eviction API, asking again every 5 seconds while a disruption budget refuses."},
		{"worker node", "a store", "A machine that runs pods; its capacity (CPU, memory, pod slots) is the floor space."},
		{"kubelet", "the store manager", "The agent on each node that makes the node's containers match the pods assigned to it and reports their status."},
		{"pod", "an employee", "The smallest unit Kubernetes runs: one or more containers sharing one network address."},
		{"pod sandbox", "the employee's desk and phone", "The pod's shared environment (network namespace and IP address) that the runtime sets up before any container."},
		{"container", "a job the employee performs", "One process (or process tree) started from an image, with its own file system and limits."},
		{"init container", "onboarding paperwork", "A container that runs to completion, in order, before the pod's regular containers start."},
		{"sidecar (restartable init container)", "an assistant", "An init container with restartPolicy Always that starts first and keeps running beside the regular containers."},
		{"container image", "a training manual", "The packaged file system and default command a container starts from."},
		{"container registry", "the warehouse", "The server the kubelet, through the runtime, pulls images from."},
		{"container runtime (CRI, e.g. containerd)", "the training department", "Pulls images and creates, starts and stops containers when the kubelet asks through the CRI."},
		{"liveness probe", `the manager's "are you still with us?" check`, "A periodic check; after failureThreshold failures in a row the kubelet kills and restarts the container."},
		{"readiness probe", `the "ready to serve customers?" check`, "A periodic check; while it fails the pod is not Ready and gets no Service traffic."},
		{"startup probe", "grace for a new hire", "A check that holds off the liveness and readiness probes until the container has started."},
		{"CrashLoopBackOff", "the manager waits longer each time before calling back", "The kubelet's wait before restarting a container that keeps exiting: 10s, doubling, capped at 5 minutes."},
		{"ImagePullBackOff", "the manager waits longer each time before sending to the warehouse again", "The kubelet's wait between failed image pulls: 10s, doubling, capped at 5 minutes."},
		{"preStop hook", "the wrap-up task", "An action the kubelet runs in a container before stopping it, within the grace period."},
		{"termination grace period", "time to wrap up", "How long a container may take to exit after the stop signal before it is killed (default 30s)."},
		{"kube-proxy", "the customer service desk", "Programs each node's packet rules so that traffic to a Service reaches one of its ready pods."},
		{"Service", "a counter", "A stable name and virtual IP address in front of a changing set of pods."},
		{"EndpointSlice", "the desk's roster", "The list of a Service's pod addresses, each with its ready, serving and terminating conditions."},
		{"request", "a customer", "One connection or request sent to a Service."},
		{"node heartbeat (Lease)", "the manager's regular call to head office", "The kubelet renews its node's Lease every 10s; a node that stops is marked Unknown after the grace period."},
		{"node NotReady", "a store that stopped calling in", "A node whose Ready condition is False or Unknown; its pods are evicted after their tolerations run out."},
		{"eviction under node pressure", "sending employees home when the store is overcrowded", "The kubelet stops pods when memory or disk runs short: pods using more than they requested go first, then lower priority, then the furthest over."},
		{"ConfigMap", "a note on the notice board", "Named configuration values (keys) that a pod reads as environment variables when a container starts, or as files in a volume, kept up to date."},
		{"emptyDir volume", "a desk drawer the employee's jobs share", "A directory the pod's containers share; it survives a container's restart and is deleted with the pod."},
		{"PersistentVolumeClaim", "a numbered locker that outlives the employee", "A claim on storage whose data outlives every pod that mounts it, until the claim is deleted."},
		{"Secret", "a note in the locked drawer", "Like a ConfigMap, for passwords and keys: base64-encoded in the API, not encrypted unless encryption at rest is on."},
		{"Event", "an entry in the store logbook", "A short record of something that happened to an object, shown by kubectl describe and kubectl get events."},
	}
}
