// Package pod holds the behaviour of a pod, over Kubernetes' own
// corev1.Pod type: how the API server completes and checks a new pod, and
// how the kubelet and kubectl describe a running one.
//
// # Mental model
//
// A pod travels from a learner's YAML to a running employee in steps, and
// this package holds the rules of each step that are pure functions of the
// pod:
//
//	manifest (YAML)  -> decoded Pod          (package manifest)
//	decoded Pod      -> Default(pod)         API server fills the blanks
//	defaulted Pod    -> Validate(pod)        API server refuses bad pods
//	running Pod      -> Phase, Conditions    kubelet reports status
//	status           -> QOSClass, PrintTable kubectl and eviction read it
//
// Default does what the API server's defaulting does (restartPolicy Always,
// terminationGracePeriodSeconds 30, imagePullPolicy from the image tag, the
// probe timings 1s/10s/1/3, requests copied from limits, ...), so a pod
// printed with -o yaml has a real pod's shape. Validate then returns the
// same field errors the API server would (`spec.containers[0].image:
// Required value`); it expects a defaulted pod, as the API server validates
// after defaulting. DefaultPodSpec and ValidatePodSpec do the same for the
// pod template of a Deployment or ReplicaSet. ParseImage reads an image
// reference the way container runtimes do.
//
// # In the store
//
// A pod is an employee. Defaulting is head office completing the hiring
// form with the chain's standard terms (a 30-second notice to finish up,
// "come back to work if you walk out"), and validation is head office
// refusing a form with a missing job title or a nonsense schedule before
// any store sees it. The image is the training manual; ParseImage reads
// which warehouse (registry) holds it and which edition (tag or digest).
package pod
