//lint:file-ignore SA1019 v1 Endpoints is served on purpose

package apiserver

import (
	"encoding/binary"
	"math/rand/v2"

	"github.com/google/uuid"
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	policyv1 "k8s.io/api/policy/v1"
	storagev1 "k8s.io/api/storage/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/nodenucleus/nucleus/sim"
)

// Server is head office's ledger: one typed store per kind of object.
type Server struct {
	loop    *sim.Loop
	version uint64
	uids    *rand.Rand
	// kinds is every store, in the order New makes them.
	kinds []namespaced

	Pods *Store[*corev1.Pod]
	// podDefaults are the defaults that stored pods share; see
	// shareDefaults.
	podDefaults struct {
		tolerations     []corev1.Toleration
		securityContext *corev1.PodSecurityContext
	}
	Nodes          *Store[*corev1.Node]
	Leases         *Store[*coordinationv1.Lease]
	Services       *Store[*corev1.Service]
	EndpointSlices *Store[*discoveryv1.EndpointSlice]
	// Endpoints are the older single-sheet rosters (v1 Endpoints,
	// deprecated in Kubernetes v1.33 for EndpointSlices), one per Service.
	Endpoints   *Store[*corev1.Endpoints]
	Deployments *Store[*appsv1.Deployment]
	ReplicaSets *Store[*appsv1.ReplicaSet]
	// ReplicationControllers are the old standing staffing orders.
	ReplicationControllers *Store[*corev1.ReplicationController]
	Jobs                   *Store[*batchv1.Job]
	CronJobs               *Store[*batchv1.CronJob]
	HPAs                   *Store[*autoscalingv2.HorizontalPodAutoscaler]
	Namespaces             *Store[*corev1.Namespace]
	ConfigMaps             *Store[*corev1.ConfigMap]
	Secrets                *Store[*corev1.Secret]
	StatefulSets           *Store[*appsv1.StatefulSet]
	DaemonSets             *Store[*appsv1.DaemonSet]
	StorageClasses         *Store[*storagev1.StorageClass]
	Claims                 *Store[*corev1.PersistentVolumeClaim]
	Volumes                *Store[*corev1.PersistentVolume]
	// PodDisruptionBudgets are the minimum staffing rules.
	PodDisruptionBudgets *Store[*policyv1.PodDisruptionBudget]
	// ControllerRevisions are the StatefulSets' and DaemonSets' file of
	// the templates they have had.
	ControllerRevisions *Store[*appsv1.ControllerRevision]
}

// New returns an empty ledger driven by loop. Object uids are drawn from the
// loop's "apiserver/uid" stream.
func New(loop *sim.Loop) *Server {
	s := &Server{loop: loop, uids: loop.Rand("apiserver/uid")}
	s.Pods = newStore[*corev1.Pod](s, "", "pods")
	s.Pods.field = func(p *corev1.Pod) string { return p.Spec.NodeName }
	s.Nodes = newStore[*corev1.Node](s, "", "nodes")
	s.Leases = newStore[*coordinationv1.Lease](s, "coordination.k8s.io", "leases")
	s.Services = newStore[*corev1.Service](s, "", "services")
	s.EndpointSlices = newStore[*discoveryv1.EndpointSlice](s, "discovery.k8s.io", "endpointslices")
	s.Endpoints = newStore[*corev1.Endpoints](s, "", "endpoints")
	s.Deployments = newStore[*appsv1.Deployment](s, "apps", "deployments")
	s.ReplicaSets = newStore[*appsv1.ReplicaSet](s, "apps", "replicasets")
	s.ReplicationControllers = newStore[*corev1.ReplicationController](s, "", "replicationcontrollers")
	s.Jobs = newStore[*batchv1.Job](s, "batch", "jobs")
	s.CronJobs = newStore[*batchv1.CronJob](s, "batch", "cronjobs")
	s.HPAs = newStore[*autoscalingv2.HorizontalPodAutoscaler](s, "autoscaling", "horizontalpodautoscalers")
	s.Namespaces = newStore[*corev1.Namespace](s, "", "namespaces")
	s.ConfigMaps = newStore[*corev1.ConfigMap](s, "", "configmaps")
	s.Secrets = newStore[*corev1.Secret](s, "", "secrets")
	s.StatefulSets = newStore[*appsv1.StatefulSet](s, "apps", "statefulsets")
	s.DaemonSets = newStore[*appsv1.DaemonSet](s, "apps", "daemonsets")
	s.StorageClasses = newStore[*storagev1.StorageClass](s, "storage.k8s.io", "storageclasses")
	s.Claims = newStore[*corev1.PersistentVolumeClaim](s, "", "persistentvolumeclaims")
	s.Volumes = newStore[*corev1.PersistentVolume](s, "", "persistentvolumes")
	s.PodDisruptionBudgets = newStore[*policyv1.PodDisruptionBudget](s, "policy", "poddisruptionbudgets")
	s.ControllerRevisions = newStore[*appsv1.ControllerRevision](s, "apps", "controllerrevisions")
	s.createInitialNamespaces()
	return s
}

// Loop returns the loop the ledger runs on.
func (s *Server) Loop() *sim.Loop { return s.loop }

// Version returns the ledger's latest resourceVersion: the version the
// last write gave its object ("0" before the first write). A list made
// now is as new as this version, and a watch from it misses nothing.
func (s *Server) Version() string { return formatVersion(s.version) }

func (s *Server) nextVersion() string {
	s.version++
	return formatVersion(s.version)
}

// randReader lets uuid draw its bytes from a seeded stream.
type randReader struct{ r *rand.Rand }

func (rr randReader) Read(p []byte) (int, error) {
	var buf [8]byte
	for i := 0; i < len(p); i += 8 {
		binary.LittleEndian.PutUint64(buf[:], rr.r.Uint64())
		copy(p[i:], buf[:])
	}
	return len(p), nil
}

// NewUID returns a new object uid from the ledger's seeded stream, for a
// create that must know the uid before the object is stored (the API
// server gives a Job's selector its own uid).
func (s *Server) NewUID() types.UID { return s.newUID() }

func (s *Server) newUID() types.UID { return UIDFrom(s.uids) }

// UIDFrom returns a new object uid drawn from r, for a writer that keeps
// a stream of its own so that the uids the ledger gives every other
// object stay what they were (the Endpoints controller).
func UIDFrom(r *rand.Rand) types.UID {
	id, err := uuid.NewRandomFromReader(randReader{r})
	if err != nil { // cannot happen: randReader never fails
		panic("apiserver: UIDFrom: " + err.Error())
	}
	return types.UID(id.String())
}
