package manifest

// This file lists, per kind, the fields that nucleus simulates. A field of
// the Kubernetes schema that is not listed is accepted with a Warning.

// metadataFields returns the ObjectMeta fields nucleus reads or keeps.
func metadataFields() []string {
	return []string{
		"name", "generateName", "namespace", "labels", "annotations", "uid",
		"ownerReferences", "finalizers", "deletionTimestamp",
		"deletionGracePeriodSeconds", "creationTimestamp", "resourceVersion",
	}
}

// containerFields returns the simulated fields of a container, regular or init.
func containerFields() []string {
	return []string{
		"name", "image", "imagePullPolicy", "command", "args", "workingDir",
		"ports", "env[*].name", "env[*].value",
		"env[*].valueFrom.configMapKeyRef", "env[*].valueFrom.secretKeyRef", "envFrom",
		"env[*].valueFrom.fieldRef", "env[*].valueFrom.resourceFieldRef",
		"resources.requests.cpu", "resources.requests.memory", "resources.requests.pods",
		"resources.limits.cpu", "resources.limits.memory", "resources.limits.pods",
		"lifecycle.preStop", "lifecycle.postStart",
		"terminationMessagePath", "terminationMessagePolicy", "stdin", "tty",
		"restartPolicy", "restartPolicyRules", "resizePolicy",
		"volumeMounts[*].name", "volumeMounts[*].mountPath", "volumeMounts[*].subPath",
		"volumeMounts[*].subPathExpr", "volumeMounts[*].readOnly",
		// Simulated or refused by validation (package pod): None and the
		// recursive read-only modes behave as nucleus mounts do.
		"volumeMounts[*].mountPropagation", "volumeMounts[*].recursiveReadOnly",
	}
}

// probeFields returns the simulated fields of each of a container's probes.
func probeFields() []string {
	return []string{
		"exec", "httpGet", "tcpSocket", "grpc",
		"initialDelaySeconds", "timeoutSeconds", "periodSeconds",
		"successThreshold", "failureThreshold", "terminationGracePeriodSeconds",
	}
}

// podSpecFields returns the simulated PodSpec fields other than the containers.
func podSpecFields() []string {
	return append(podAffinityFields(), []string{
		"restartPolicy", "terminationGracePeriodSeconds", "activeDeadlineSeconds",
		"nodeName", "nodeSelector",
		"affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution",
		"affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution",
		"tolerations", "priority", "priorityClassName", "schedulerName",
		"dnsPolicy", "enableServiceLinks", "readinessGates", "hostname", "subdomain",
		"schedulingGates",
		"topologySpreadConstraints[*].maxSkew", "topologySpreadConstraints[*].topologyKey",
		"topologySpreadConstraints[*].whenUnsatisfiable", "topologySpreadConstraints[*].labelSelector",
		"topologySpreadConstraints[*].minDomains", "topologySpreadConstraints[*].nodeAffinityPolicy",
		"topologySpreadConstraints[*].nodeTaintsPolicy", "topologySpreadConstraints[*].matchLabelKeys",
		"hostAliases", "dnsConfig",
		// Every volume type is read: the ones nucleus does not simulate
		// are refused by validation (package pod), not ignored. So are
		// the host fields whose non-default values nucleus does not
		// simulate. Pod-level resources are simulated.
		"volumes", "resources", "hostNetwork", "shareProcessNamespace", "hostUsers",
	}...)
}

// podAffinityFields returns the simulated fields of podAffinity and
// podAntiAffinity: every term's selectors and topologyKey, and the
// preferred terms' weights (matchLabelKeys and mismatchLabelKeys are not
// simulated).
func podAffinityFields() []string {
	term := []string{"labelSelector", "namespaces", "namespaceSelector", "topologyKey"}
	var out []string
	for _, kind := range []string{"affinity.podAffinity", "affinity.podAntiAffinity"} {
		out = append(out, under(kind+".requiredDuringSchedulingIgnoredDuringExecution[*]", term...)...)
		preferred := kind + ".preferredDuringSchedulingIgnoredDuringExecution[*]"
		out = append(out, preferred+".weight")
		out = append(out, under(preferred+".podAffinityTerm", term...)...)
	}
	return out
}

// under prefixes each name with prefix and a dot (no prefix when empty).
func under(prefix string, names ...string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, joinPath(prefix, n))
	}
	return out
}

// MetadataFields returns the simulated metadata patterns of an object whose
// metadata sits at prefix ("" for a top-level object, "spec.template" for a
// pod template).
func MetadataFields(prefix string) []string {
	return under(joinPath(prefix, "metadata"), metadataFields()...)
}

// PodFields returns the simulated field patterns of a pod whose metadata and
// spec sit at prefix: "" for a Pod, "spec.template" for the pod template of
// a Deployment or ReplicaSet. It leaves out status; a caller that registers
// its own kind with a pod template uses it to get the same warnings as a
// Deployment.
func PodFields(prefix string) []string {
	out := MetadataFields(prefix)
	spec := joinPath(prefix, "spec")
	out = append(out, under(spec, podSpecFields()...)...)
	for _, list := range []string{"containers[*]", "initContainers[*]"} {
		c := joinPath(spec, list)
		out = append(out, under(c, containerFields()...)...)
		for _, probe := range []string{"livenessProbe", "readinessProbe", "startupProbe"} {
			out = append(out, under(joinPath(c, probe), probeFields()...)...)
		}
	}
	return out
}

// podPatterns are the simulated fields of a v1 Pod: its status is accepted
// whole, so that `kubectl get pod -o yaml` output can be fed back.
func podPatterns() []string {
	return append(PodFields(""), "status")
}

// servicePatterns are the simulated fields of a v1 Service.
func servicePatterns() []string {
	out := MetadataFields("")
	out = append(out, under("spec",
		"type", "selector", "clusterIP", "clusterIPs", "sessionAffinity",
		"sessionAffinityConfig", "internalTrafficPolicy", "externalTrafficPolicy",
		"publishNotReadyAddresses", "externalName", "ipFamilies", "ipFamilyPolicy")...)
	return append(out, under("spec.ports[*]", "name", "protocol", "port", "targetPort", "nodePort")...)
}

// workloadPatterns are the simulated fields of an apps/v1 Deployment or
// ReplicaSet: the pod rules apply under spec.template.
func workloadPatterns() []string {
	out := MetadataFields("")
	out = append(out, under("spec",
		"replicas", "selector", "strategy.type",
		"strategy.rollingUpdate.maxSurge", "strategy.rollingUpdate.maxUnavailable",
		"minReadySeconds", "revisionHistoryLimit", "progressDeadlineSeconds", "paused")...)
	return append(out, PodFields("spec.template")...)
}

// nodePatterns are the simulated fields of a v1 Node.
func nodePatterns() []string {
	out := MetadataFields("")
	out = append(out, under("spec", "taints", "unschedulable", "podCIDR", "podCIDRs")...)
	return append(out, under("status", "capacity", "allocatable")...)
}

// jobSpecFields returns the simulated fields of a batch/v1 JobSpec, under
// prefix ("spec" for a Job, "spec.jobTemplate.spec" for a CronJob's).
func jobSpecFields(prefix string) []string {
	out := under(prefix,
		"parallelism", "completions", "activeDeadlineSeconds", "backoffLimit",
		"selector", "manualSelector", "ttlSecondsAfterFinished", "completionMode",
		"suspend", "podFailurePolicy", "successPolicy", "podReplacementPolicy")
	return append(out, PodFields(joinPath(prefix, "template"))...)
}

// jobPatterns are the simulated fields of a batch/v1 Job: its status is
// accepted whole, so that `kubectl get job -o yaml` output can be fed back.
func jobPatterns() []string {
	return append(append(MetadataFields(""), jobSpecFields("spec")...), "status")
}

// cronJobPatterns are the simulated fields of a batch/v1 CronJob: the
// schedule and its policies, and the Job template.
func cronJobPatterns() []string {
	out := MetadataFields("")
	out = append(out, under("spec",
		"schedule", "timeZone", "startingDeadlineSeconds", "concurrencyPolicy", "suspend",
		"successfulJobsHistoryLimit", "failedJobsHistoryLimit")...)
	out = append(out, MetadataFields("spec.jobTemplate")...)
	return append(append(out, jobSpecFields("spec.jobTemplate.spec")...), "status")
}

// claimPatterns are the simulated fields of a v1 PersistentVolumeClaim:
// what the volume controller matches a volume on; its status is accepted
// whole, so that `kubectl get pvc -o yaml` output can be fed back.
func claimPatterns() []string {
	out := MetadataFields("")
	out = append(out, under("spec", "accessModes", "resources.requests", "storageClassName",
		"selector", "volumeName", "volumeMode")...)
	return append(out, "status")
}

// volumePatterns are the simulated fields of a v1 PersistentVolume. The
// volume's source (hostPath, nfs, csi, ...) is accepted as a whole: the
// chain keeps a claim's data itself, whatever the volume says it is.
func volumePatterns() []string {
	out := MetadataFields("")
	out = append(out, under("spec", "capacity", "accessModes", "persistentVolumeReclaimPolicy",
		"storageClassName", "volumeMode", "claimRef", "nodeAffinity", "mountOptions",
		"hostPath", "local", "nfs", "csi")...)
	return append(out, "status")
}

// storageClassPatterns are the simulated fields of a storage.k8s.io/v1
// StorageClass. Parameters go to the provisioner, which nucleus's
// local-path provisioner ignores as kind's does for most.
func storageClassPatterns() []string {
	return append(MetadataFields(""), "provisioner", "reclaimPolicy", "volumeBindingMode", "parameters",
		"allowVolumeExpansion", "mountOptions")
}

// statefulSetPatterns are the simulated fields of an apps/v1 StatefulSet:
// the pod rules apply under spec.template, the claim rules under each of
// spec.volumeClaimTemplates.
func statefulSetPatterns() []string {
	out := MetadataFields("")
	out = append(out, under("spec",
		"replicas", "selector", "serviceName", "podManagementPolicy", "updateStrategy.type",
		"updateStrategy.rollingUpdate.partition", "updateStrategy.rollingUpdate.maxUnavailable",
		"minReadySeconds", "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy.whenDeleted",
		"persistentVolumeClaimRetentionPolicy.whenScaled", "ordinals.start")...)
	out = append(out, MetadataFields("spec.volumeClaimTemplates[*]")...)
	out = append(out, under("spec.volumeClaimTemplates[*].spec", "accessModes", "resources.requests",
		"storageClassName", "selector", "volumeMode")...)
	return append(append(out, PodFields("spec.template")...), "status")
}

// budgetPatterns are the simulated fields of a policy/v1
// PodDisruptionBudget: all of them.
func budgetPatterns() []string {
	return append(MetadataFields(""), "spec", "status")
}
