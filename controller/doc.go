// Package controller is head office's staffing plan, temp agency, shift
// roster and district manager: the ReplicaSet, Deployment, Job,
// TTL-after-finished, CronJob and HorizontalPodAutoscaler controllers.
//
// # Mental model
//
// A ReplicaSet is a standing order, "keep three cashiers on the floor". The
// ReplicaSet controller counts the employees (pods) it owns that are still
// working (not finished, not on their way out) and hires replacements when
// there are too few or lets the surplus go when there are too many. It never
// repairs an employee: a pod whose container crashes is the store manager's
// (the kubelet's) business, and the kubelet restarts the container inside the
// same pod; it never makes a new pod. Only when a pod is gone, or has
// finished for good (Failed, for example Evicted), does the staffing plan hire
// someone new, with a new name.
//
// A Deployment is the plan behind the standing orders. Each version of the
// job description (the pod template) gets its own ReplicaSet, named
// `<deployment>-<pod-template-hash>`. When the job description changes, the
// Deployment controller opens a new ReplicaSet and moves the staff across:
//
//	RollingUpdate: hire up to maxSurge extra new employees, and let old ones
//	               go only while at least replicas-maxUnavailable are
//	               available; repeat as the new ones become available.
//	Recreate:      let every old employee go, wait until none is left, then
//	               hire the whole new team.
//
// Both controllers are state machines driven by the simulation loop. They hear
// about changes through watches on head office's ledger (the apiserver
// package), queue the object that changed, and sync every queued object at
// the end of the current instant, reading the ledger afresh each time, so
// they need none of the real controllers' "expectations" bookkeeping.
//
// A Job is a contract with head office's temp agency: "get this task done
// by five temporary workers, two at a time". The Job controller sends
// workers (pods, with restartPolicy Never or OnFailure) until enough have
// succeeded, waits longer after each failure (10s, doubling, capped at 10
// minutes), and gives up at backoffLimit or activeDeadlineSeconds: first
// the FailureTarget condition, then, once no worker is left, Failed (or
// SuccessCriteriaMet, then Complete). Indexed mode, podFailurePolicy,
// successPolicy, suspend and podReplacementPolicy follow
// pkg/controller/job; the TTL-after-finished controller deletes a finished
// Job after ttlSecondsAfterFinished. backoffLimitPerIndex (and FailIndex)
// is refused as not simulated yet, and a Job adopts no orphan pods.
//
// A CronJob is a line of the shift roster: at each time of its cron
// schedule (in its timeZone) the CronJob controller creates a Job named
// <cronjob>-<minutes since 1970>, 100ms after the time, following
// concurrencyPolicy, startingDeadlineSeconds, suspend and the history
// limits, and counting missed times as pkg/controller/cronjob/utils.go
// does (only the most recent missed time is started).
//
// A HorizontalPodAutoscaler is the district manager who hires for the
// rush: every 15 seconds it reads how busy the employees of a Deployment
// (or ReplicaSet) are, as CPU use over CPU request from the
// metrics-server, and sets the headcount to ceil(current × use/target),
// leaving it alone within a tolerance of 0.1. Pods without metrics, not
// ready, or in their first five minutes count as pkg/controller/
// podautoscaler/replica_calculator.go says; a scale-down waits for the
// highest recommendation of the last 300 seconds; a scale-up goes at most
// to double or four more; spec.behavior's stabilization windows and
// policies (with selectPolicy) replace those limits when given. Only the
// CPU utilization metric (autoscaling/v1's targetCPUUtilizationPercentage,
// or a v2 Resource metric of cpu with an averageUtilization target) is
// simulated; other metrics are refused by validation as not simulated.
//
// # What follows Kubernetes, and what is simplified
//
// Pod creation uses slow-start batches (1, 2, 4, ...: a failed batch stops
// the rest); surplus pods go in the real ranking order (unassigned before
// assigned, Pending before Unknown before Running, not ready before ready,
// lower pod-deletion-cost first, more pods of the same owner on its node
// first, recently ready first on a logarithmic scale, more restarts first,
// newer first). Names come from the API server's generateName rule: the
// owner's name, a dash and five characters of "bcdfghjklmnpqrstvwxz2456789"
// drawn from the loop's "controller/generate-name" stream. The pod template
// hash is Kubernetes' own ComputeHash (FNV-32a over the dumped template,
// plus the collisionCount). RollingUpdate, Recreate, the revision
// annotations, revisionHistoryLimit cleanup, the Available and Progressing
// conditions with the progress deadline, and proportional scaling (a
// changed spec.replicas in the middle of a rollout is shared out over the
// active ReplicaSets in proportion to their size, as Kubernetes does) all
// follow pkg/controller/deployment.
//
// Simplified: a failed sync is retried after the work queue's per-object
// exponential back-off (5ms doubling, capped at 1000s) but without its
// overall rate limit; the controllers act on orphan pods (adoption) but never
// adopt orphan ReplicaSets; paused Deployments and rollbacks are not
// simulated. Deleting a ReplicaSet or a Deployment deletes what it owns, as
// the garbage collector's background propagation would. The API server's
// part for these kinds (defaulting, validation, metadata.generation) is in
// [CreateDeployment], [UpdateDeployment], [CreateReplicaSet] and
// [UpdateReplicaSet].
package controller
