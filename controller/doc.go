// Package controller is head office's staffing plan, temp agency, shift
// roster, locker room, storeroom, minimum staffing rule and district
// manager: the ReplicaSet, Deployment, Job, TTL-after-finished, CronJob,
// StatefulSet, persistent volume, disruption and HorizontalPodAutoscaler
// controllers, and the API server's eviction subresource (Evict).
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
// they need none of the real controllers' "expectations" bookkeeping. A
// ReplicaSet controller does not count thousands of pods afresh on every
// sync, though: it keeps its counts and takes from the ledger the changes
// to its own pods since its last look, and lists them all only when it
// must (see podCounts).
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
// A StatefulSet is head office's locker room: numbered employees (pods
// <set>-0, <set>-1, ...) with a stable name at the counter (hostname and
// subdomain: web-0.nginx) and numbered lockers (claims
// <template>-<set>-<ordinal> from volumeClaimTemplates) that outlive them.
// OrderedReady creates the lowest missing ordinal once every lower one is
// Running and Ready (and available after minReadySeconds), and lets the
// highest condemned ordinal go first, one at a time; Parallel does both
// at once. A changed template rolls out from the highest ordinal down to
// the partition, at most maxUnavailable pods down at once (the
// MaxUnavailableStatefulSet gate, beta and on since 1.35); OnDelete waits
// for someone to delete each pod. Pods carry controller-revision-hash
// (<set>-<template hash>), statefulset.kubernetes.io/pod-name and
// apps.kubernetes.io/pod-index; persistentVolumeClaimRetentionPolicy
// deletes claims with the set (whenDeleted) or with a scaled-away ordinal
// (whenScaled). Simplified: no ControllerRevision objects are stored (a
// pod below the partition is remade from a sibling of its revision), and
// a claim's owner reference to its set is set when the claim is made, not
// updated when the retention policy changes later.
//
// The storeroom (StorageController) is the persistent volume controller,
// kind's local-path provisioner and the claim protection controller in
// one: a claim (PersistentVolumeClaim) that names no class gets the
// default class "standard" (WaitForFirstConsumer, reclaimPolicy Delete,
// provisioner rancher.io/local-path, as kind installs it); the smallest
// Available volume that fits is bound to it, or the provisioner makes
// pvc-<claim uid> at once when the class allows; a claim that waits for
// its first consumer is bound by the scheduler's PreBind once the pod is
// placed. A deleted claim a pod still uses waits (kubernetes.io/pvc-
// protection); once gone, its volume is deleted (Delete) or Released
// (Retain). Simplified: a volume reaches every store (its nodeAffinity is
// recorded, not enforced), and nothing resizes.
//
// A PodDisruptionBudget is the minimum staffing rule: "never fewer than
// two cashiers on the floor". The disruption controller counts, for each
// budget, the pods it expects (the selected pods for a minAvailable
// number; the pods' controllers' replicas for a percentage or
// maxUnavailable), how many must stay healthy, and how many are (ready,
// not being deleted, not just evicted), and writes disruptionsAllowed.
// Evict is the eviction API that reads it: it deletes a pod only when its
// budget can spare one (taking one from disruptionsAllowed and noting the
// pod in disruptedPods), and otherwise answers 429 TooManyRequests,
// "Cannot evict pod as it would violate the pod's disruption budget.", as
// pkg/registry/core/pod/storage/eviction.go does.
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
