package cluster

import (
	"fmt"
	"maps"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	storagev1 "k8s.io/api/storage/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/controller"
	"github.com/nodenucleus/nucleus/kubelet"
	"github.com/nodenucleus/nucleus/manifest"
	"github.com/nodenucleus/nucleus/metrics"
	"github.com/nodenucleus/nucleus/node"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/proxy"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/service"
	"github.com/nodenucleus/nucleus/sim"
)

// StoreConfig describes one store of the chain.
type StoreConfig struct {
	Name      string
	Capacity  corev1.ResourceList
	Labels    map[string]string
	Taints    []corev1.Taint
	Bandwidth int64
	// NoUserNamespaces gives the store a container runtime without
	// support for user namespaces: its Node reports userNamespaces false
	// for its runtime handlers, and a pod with hostUsers: false placed
	// there fails to get its sandbox (FailedCreatePodSandBox).
	NoUserNamespaces bool
}

// Config describes a simulation. The zero value is one store, "store-1",
// with seed 1.
type Config struct {
	// Seed picks the run: the same seed and input give the same run, byte
	// for byte. 0 means 1, the nucleus command's default.
	Seed   uint64
	Stores []StoreConfig
	// Catalog is the warehouse every store pulls from; nil means the
	// well-known images.
	Catalog *runtime.Catalog
	// Proxy configures every store's kube-proxy (mode and IPVS scheduler);
	// the zero value is iptables mode.
	Proxy proxy.Config
	// WatchDelay is how long head office's changes take to reach the
	// stores' kube-proxies (a busy control plane or network). Kubernetes
	// names no figure for it; the default, zero, delivers at once, so the
	// only delay is kube-proxy's own minSyncPeriod.
	WatchDelay time.Duration
}

// Cluster is a running simulation of a retail chain.
type Cluster struct {
	loop      *sim.Loop
	api       *apiserver.Server
	stores    []*node.Store
	cfg       Config // what a store added later is made with
	scheduler *scheduler
	slices    *sliceController
	endpoints *endpointsController
	mirror    *mirrorController
	services  *serviceQueue // the Service work queue slices and endpoints share
	nodes     *nodeController
	ips       *service.Allocator
	rsc       *controller.ReplicaSetController
	rcm       *controller.ReplicaSetController // the replication manager
	dc        *controller.DeploymentController
	jobs      *controller.JobController
	ttl       *controller.TTLAfterFinishedController
	cronJobs  *controller.CronJobController
	// claims holds the data of persistent volume claims, for every store.
	claims  *kubelet.Claims
	storage *controller.StorageController
	sets    *controller.StatefulSetController
	daemons *controller.DaemonSetController
	budgets *controller.DisruptionController
	metrics *metrics.Server
	hpas    *controller.HPAController
	nsc     *controller.NamespaceController
}

// New builds a chain and opens its stores. The stores register with head
// office at time zero.
func New(cfg Config) (*Cluster, error) {
	if cfg.Seed == 0 {
		cfg.Seed = 1
	}
	loop := sim.New(cfg.Seed)
	api := apiserver.New(loop)
	if len(cfg.Stores) == 0 {
		cfg.Stores = []StoreConfig{{Name: "store-1"}}
	}
	if cfg.Catalog == nil {
		cfg.Catalog = runtime.NewCatalog()
	}
	c := &Cluster{loop: loop, api: api, claims: kubelet.NewClaims()}
	ips, err := service.NewAllocator(service.DefaultServiceCIDR, service.DefaultNodePortBase, service.DefaultNodePortSize, loop.Rand("apiserver/service-ips"))
	if err != nil {
		return nil, err
	}
	c.ips = ips
	if _, err := api.CreateKubernetesService(ips.KubernetesServiceIP()); err != nil {
		return nil, err
	}
	if _, err := api.CreateKubernetesEndpointSlice(node.HeadOfficeIP); err != nil {
		return nil, err
	}
	if _, err := api.CreateKubernetesEndpoints(node.HeadOfficeIP); err != nil {
		return nil, err
	}
	if cfg.Proxy.ClusterCIDR == "" && len(cfg.Stores) > 255 {
		// More pod ranges than 10.244.0.0/16 holds: every store's desk is
		// told the whole chain's pod network.
		cfg.Proxy.ClusterCIDR = node.ClusterCIDR(len(cfg.Stores))
	}
	c.cfg = cfg
	for i, sc := range cfg.Stores {
		if _, err := c.newStore(sc); err != nil {
			return nil, fmt.Errorf("stores[%d]%w", i, err)
		}
	}
	c.scheduler = newScheduler(loop, api)
	c.slices = newSliceController(loop, api, c.nodeZone)
	c.endpoints = newEndpointsController(loop, api)
	c.mirror = newMirrorController(loop, api, c.slices.generateName)
	c.services = newServiceQueue(loop, api, c.slices.sync, c.endpoints.sync, c.mirror.sync)
	c.nodes = newNodeController(loop, api)
	c.rsc = controller.NewReplicaSetController(controller.Config{Loop: loop, API: api})
	c.rcm = controller.NewReplicationManager(controller.Config{Loop: loop, API: api})
	c.dc = controller.NewDeploymentController(controller.Config{Loop: loop, API: api})
	c.jobs = controller.NewJobController(controller.Config{Loop: loop, API: api})
	c.ttl = controller.NewTTLAfterFinishedController(controller.Config{Loop: loop, API: api})
	c.cronJobs = controller.NewCronJobController(controller.Config{Loop: loop, API: api})
	c.storage = controller.NewStorageController(controller.StorageConfig{Config: controller.Config{Loop: loop, API: api},
		FreeClaimData: c.claims.Delete})
	c.scheduler.volumes = c
	c.scheduler.desk.Volumes = c
	c.sets = controller.NewStatefulSetController(controller.Config{Loop: loop, API: api})
	c.daemons = controller.NewDaemonSetController(controller.Config{Loop: loop, API: api})
	c.watchClaimsForScheduler()
	c.budgets = controller.NewDisruptionController(controller.Config{Loop: loop, API: api})
	c.startMetrics()
	c.hpas = controller.NewHPAController(controller.Config{Loop: loop, API: api}, c.metrics)
	c.nsc = controller.NewNamespaceController(controller.Config{Loop: loop, API: api})
	c.nsc.Release = c.ips.Release
	for _, s := range c.stores {
		s.Start()
	}
	return c, nil
}

// Loop returns the simulation's event loop.
func (c *Cluster) Loop() *sim.Loop { return c.loop }

// API returns head office's ledger.
func (c *Cluster) API() *apiserver.Server { return c.api }

// Stores returns the stores, in the order they were configured.
func (c *Cluster) Stores() []*node.Store { return c.stores }

// Store returns the store with that name.
func (c *Cluster) Store(name string) (*node.Store, bool) {
	for _, s := range c.stores {
		if s.Name == name {
			return s, true
		}
	}
	return nil, false
}

// Subscribe adds an observer of the simulation's record.
func (c *Cluster) Subscribe(o sim.Observer) { c.loop.Subscribe(o) }

// Now returns the current virtual time.
func (c *Cluster) Now() sim.Time { return c.loop.Now() }

// RunFor advances the simulation by d.
func (c *Cluster) RunFor(d time.Duration) { c.loop.RunFor(d) }

// RunUntil advances the simulation to instant t.
func (c *Cluster) RunUntil(t sim.Time) { c.loop.RunUntil(t) }

// Apply sends objects to head office, as `kubectl apply` does: each is
// defaulted and validated the way the API server does, then created. The
// first invalid object stops the call with an error naming the object and
// the field.
//
// A Deployment that already exists is updated, as `kubectl apply` updates
// it: its spec is replaced by the manifest's (defaulted again), the
// manifest's labels and annotations are set over the stored ones (so the
// controller's deployment.kubernetes.io/revision stays), and the update
// goes through controller.UpdateDeployment, which bumps
// metadata.generation; a changed pod template starts a rollout. A manifest
// that changes nothing is not written ("deployment unchanged"). Every
// other kind refuses an object that exists, with AlreadyExists.
//
// A namespaced object must go to a namespace that exists and is not being
// deleted (the API server's NamespaceLifecycle admission): otherwise it is
// refused with `namespaces "x" not found`, or with "unable to create new
// content in namespace x because it is being terminated". The Namespaces
// among objs are applied first, whatever their place.
//
// Each object may be a Namespace, Pod, Service, Deployment, ReplicaSet,
// ReplicationController, StatefulSet, DaemonSet, Job, CronJob, PodDisruptionBudget,
// HorizontalPodAutoscaler (autoscaling/v2, or v1 converted as the API server converts it),
// ConfigMap, Secret, Endpoints, EndpointSlice, PersistentVolumeClaim, PersistentVolume or StorageClass of k8s.io/api, as a pointer or a value (Apply never changes what it is
// given), or a manifest.Document as manifest.Decoder.Decode returns it. An
// object without a namespace goes to "default", as kubectl sends it.
func (c *Cluster) Apply(objs ...any) error {
	for _, o := range NamespacesFirst(objs) {
		if err := c.admit(o); err != nil {
			return err
		}
		if err := c.apply(o); err != nil {
			return err
		}
	}
	return nil
}

// apply applies one object: a pointer or a value of a simulated type, or a
// decoded manifest.Document holding one.
func (c *Cluster) apply(o any) error {
	switch o := o.(type) {
	case manifest.Document:
		return c.apply(o.Object)
	case *manifest.Document:
		return c.apply(o.Object)
	case corev1.Pod:
		return c.createPod(&o)
	case *corev1.Pod:
		return c.createPod(o)
	case corev1.Namespace:
		return c.applyNamespace(&o)
	case *corev1.Namespace:
		return c.applyNamespace(o)
	case corev1.Service:
		return c.createService(&o)
	case *corev1.Service:
		return c.createService(o)
	case appsv1.Deployment:
		return c.applyDeployment(&o)
	case *appsv1.Deployment:
		return c.applyDeployment(o)
	case appsv1.ReplicaSet:
		_, err := controller.CreateReplicaSet(c.api, &o)
		return err
	case *appsv1.ReplicaSet:
		_, err := controller.CreateReplicaSet(c.api, o)
		return err
	case corev1.ConfigMap:
		return c.createConfig(&o)
	case *corev1.ConfigMap:
		return c.createConfig(o)
	case corev1.Secret:
		return c.createConfig(&o)
	case *corev1.Secret:
		return c.createConfig(o)
	case batchv1.Job:
		return c.applyJob(&o)
	case *batchv1.Job:
		return c.applyJob(o)
	case batchv1.CronJob:
		return c.applyCronJob(&o)
	case *batchv1.CronJob:
		return c.applyCronJob(o)
	case appsv1.StatefulSet:
		return c.applyStatefulSet(&o)
	case *appsv1.StatefulSet:
		return c.applyStatefulSet(o)
	case corev1.PersistentVolumeClaim:
		return c.applyClaim(&o)
	case *corev1.PersistentVolumeClaim:
		return c.applyClaim(o)
	case corev1.PersistentVolume:
		return c.applyVolume(&o)
	case *corev1.PersistentVolume:
		return c.applyVolume(o)
	case storagev1.StorageClass:
		return c.applyStorageClass(&o)
	case *storagev1.StorageClass:
		return c.applyStorageClass(o)
	case corev1.ReplicationController:
		return c.applyReplicationController(&o)
	case *corev1.ReplicationController:
		return c.applyReplicationController(o)
	case appsv1.DaemonSet:
		return c.applyDaemonSet(&o)
	case *appsv1.DaemonSet:
		return c.applyDaemonSet(o)
	case policyv1.PodDisruptionBudget:
		return c.applyPodDisruptionBudget(&o)
	case *policyv1.PodDisruptionBudget:
		return c.applyPodDisruptionBudget(o)
	case autoscalingv2.HorizontalPodAutoscaler:
		return c.applyHPA(&o)
	case *autoscalingv2.HorizontalPodAutoscaler:
		return c.applyHPA(o)
	case autoscalingv1.HorizontalPodAutoscaler:
		return c.applyHPAv1(&o)
	case *autoscalingv1.HorizontalPodAutoscaler:
		return c.applyHPAv1(o)
	}
	if ok, err := c.applyDiscovery(o); ok {
		return err
	}
	return fmt.Errorf("apply: %T is not an object nucleus simulates; pass a Namespace, Pod, Service, Deployment, "+
		"ReplicaSet, ReplicationController, Job, CronJob, StatefulSet, DaemonSet, PodDisruptionBudget, HorizontalPodAutoscaler, ConfigMap, Secret, Endpoints, EndpointSlice, PersistentVolumeClaim, PersistentVolume or StorageClass from k8s.io/api (a value or a pointer), or a manifest.Document from manifest.Decoder.Decode", o)
}

// applyDeployment creates d, or updates the Deployment of that name as
// Apply describes. The simplification: kubectl apply merges three ways
// (the manifest, the last one applied, the live object), so a spec field
// the manifest leaves out keeps a value someone else set (replicas after
// `kubectl scale`); here the manifest's spec replaces the live one whole,
// and a field it leaves out is defaulted again.
func (c *Cluster) applyDeployment(d *appsv1.Deployment) error {
	ns := defaultNS(d.Namespace)
	cur, err := c.api.Deployments.Get(ns, d.Name)
	if apierrors.IsNotFound(err) {
		_, err = controller.CreateDeployment(c.api, d)
		return err
	}
	if err != nil {
		return err
	}
	next := cur.DeepCopy()
	next.Spec = *d.Spec.DeepCopy()
	next.Labels = overlay(next.Labels, d.Labels)
	next.Annotations = overlay(next.Annotations, d.Annotations)
	controller.DefaultDeployment(next)
	if appliesNothing(cur.Spec, next.Spec, cur, next) {
		return nil
	}
	_, err = controller.UpdateDeployment(c.api, next)
	return err
}

// overlay returns base with every key of top set to top's value; base is
// changed in place (nil base gives a new map when top has keys).
func overlay(base, top map[string]string) map[string]string {
	if len(top) > 0 && base == nil {
		base = make(map[string]string, len(top))
	}
	maps.Copy(base, top)
	return base
}

func (c *Cluster) createPod(p *corev1.Pod) error {
	p = p.DeepCopy()
	pod.Default(p)
	if errs := pod.Validate(p); len(errs) > 0 {
		return fmt.Errorf("pod %q is invalid: %w", p.Name, errs.ToAggregate())
	}
	if p.Kind == "" {
		p.APIVersion, p.Kind = "v1", "Pod"
	}
	_, err := c.api.CreatePodNoCopy(p) // p is this call's own copy
	return err
}

// DeletePod deletes a pod as `kubectl delete pod` does; gracePeriod nil
// means the pod's own terminationGracePeriodSeconds.
func (c *Cluster) DeletePod(namespace, name string, gracePeriod *int64) error {
	return c.api.DeletePod(namespace, name, gracePeriod)
}

// Pods returns every pod at head office, sorted by namespace and name.
func (c *Cluster) Pods() []*corev1.Pod { return c.api.Pods.List() }

// Pod returns one pod.
func (c *Cluster) Pod(namespace, name string) (*corev1.Pod, error) {
	return c.api.Pods.Get(namespace, name)
}

// nodeZone returns the zone label of a store, for EndpointSlice hints.
func (c *Cluster) nodeZone(name string) string {
	n, err := c.api.Nodes.Get("", name)
	if err != nil {
		return ""
	}
	return n.Labels[corev1.LabelTopologyZone]
}

// Deployments returns every Deployment, sorted by namespace and name.
func (c *Cluster) Deployments() []*appsv1.Deployment { return c.api.Deployments.List() }

// ReplicaSets returns every ReplicaSet, sorted by namespace and name.
func (c *Cluster) ReplicaSets() []*appsv1.ReplicaSet { return c.api.ReplicaSets.List() }

// Nodes returns every store's Node object, sorted by name.
func (c *Cluster) Nodes() []*corev1.Node { return c.api.Nodes.List() }

// Scale sets a Deployment's replicas, as `kubectl scale` does.
func (c *Cluster) Scale(namespace, name string, replicas int32) error {
	if replicas < 0 {
		return fmt.Errorf("replicas: Invalid value: %d: must be greater than or equal to 0", replicas)
	}
	d, err := c.api.Deployments.Get(namespace, name)
	if err != nil {
		return err
	}
	d.Spec.Replicas = &replicas
	_, err = controller.UpdateDeployment(c.api, d)
	return err
}

// SetImage changes the image of one container of a Deployment's template,
// as `kubectl set image` does, which starts a rollout.
func (c *Cluster) SetImage(namespace, name, container, image string) error {
	d, err := c.api.Deployments.Get(namespace, name)
	if err != nil {
		return err
	}
	for i := range d.Spec.Template.Spec.Containers {
		if d.Spec.Template.Spec.Containers[i].Name == container {
			d.Spec.Template.Spec.Containers[i].Image = image
			_, err = controller.UpdateDeployment(c.api, d)
			return err
		}
	}
	return fmt.Errorf("deployment %q has no container %q", name, container)
}

// DeleteDeployment removes a Deployment, as `kubectl delete deployment`
// does; the staffing plan then deletes its ReplicaSets and they their
// pods, as the garbage collector does with background propagation.
// Reference: pkg/controller/garbagecollector (dependents of a deleted
// owner are deleted).
func (c *Cluster) DeleteDeployment(namespace, name string) error {
	return c.api.Deployments.Delete(namespace, name)
}

// DeleteReplicaSet removes a ReplicaSet; its pods are then deleted, as
// DeleteDeployment's are.
func (c *Cluster) DeleteReplicaSet(namespace, name string) error {
	return c.api.ReplicaSets.Delete(namespace, name)
}

// DeleteClaimData frees the data of the persistent volume claim
// namespace/name, as deleting the claim (and, with the reclaim policy
// Delete, its volume) does: a pod that mounts the claim afterwards starts
// from an empty volume. The data of a claim otherwise outlives every pod
// that mounts it.
func (c *Cluster) DeleteClaimData(namespace, name string) {
	c.claims.Delete(namespace, name)
}
