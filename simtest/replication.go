package simtest

import (
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/sim"
)

// replicationStream seeds the stream ReplicationControllers are drawn
// from, so that the rest of a seed's day is what it was before them.
const replicationStream = 0x4c

// drawReplicationControllers adds, on one day in three, a
// ReplicationController (head office's old standing order for N
// employees) of one server behaviour, scaled by hand during the day, now
// and then given a new template (which, unlike a Deployment's, replaces
// nobody) or deleted.
func (d *day) drawReplicationControllers(seed uint64) {
	d.withStream(seed, replicationStream, func() {
		if d.rng.IntN(3) != 0 {
			return
		}
		const name = "clerks"
		rc := d.replicationController(name)
		d.objects = append(d.objects, rc)
		for range 1 + d.rng.IntN(3) {
			d.add(d.at(), scenario.Action{Scale: &scenario.ScaleAction{ReplicationController: name, Replicas: int32(d.rng.IntN(6))}})
		}
		if d.rng.IntN(3) == 0 {
			next := rc.DeepCopy()
			next.Spec.Template.Spec.Containers[0].Image = fmt.Sprintf("sim/%s:2", pick(d.rng, steady, slow, crasher))
			d.add(d.at(), applyAction(next))
		}
		if d.rng.IntN(4) == 0 {
			d.add(d.at(), scenario.Action{Delete: &scenario.DeleteAction{Kind: "ReplicationController", Name: name}})
		}
	})
}

// replicationController returns a ReplicationController of 0 to 4
// replicas of one server behaviour, its selector the template's labels.
func (d *day) replicationController(name string) *corev1.ReplicationController {
	replicas := int32(d.rng.IntN(5))
	labels := map[string]string{"rc": name}
	spec := corev1.PodSpec{Containers: []corev1.Container{d.container(pick(d.rng, serverKinds...))}}
	return &corev1.ReplicationController{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "ReplicationController"},
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: corev1.ReplicationControllerSpec{
			Replicas: &replicas, Selector: labels,
			Template: &corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: labels}, Spec: spec},
		},
	}
}

// checkReplicationControllers: once settled, a ReplicationController owns
// exactly spec.replicas active pods (neither terminating nor finished).
// Settled means that neither its spec.replicas nor the pods it owns (who
// they are, which are terminating, which have finished) changed between
// two looks sweepEvery apart: far longer than the replication manager
// takes to answer a change. Looked at every sweepEvery while there are
// ReplicationControllers.
// Reference: pkg/controller/replication/replication_controller.go (the
// ReplicaSet controller run over ReplicationControllers);
// pkg/controller/replicaset/replica_set.go (manageReplicas; active pods
// per controller.FilterActivePods).
func (k *checker) checkReplicationControllers(st Step) *finding {
	api := k.c.API()
	if api.ReplicationControllers.Len() == 0 || st.Now-k.lastRCLook < sim.Time(sweepEvery) {
		return nil
	}
	k.lastRCLook = st.Now
	looks := map[apiserver.Key]rcLook{}
	for _, rc := range api.ReplicationControllers.ListShared() {
		if rc.DeletionTimestamp == nil {
			looks[apiserver.KeyOf(rc)] = rcLook{uid: rc.UID, replicas: replicasOr1(rc.Spec.Replicas)}
		}
	}
	for _, p := range api.Pods.ListShared() {
		ref := metav1.GetControllerOf(p)
		if ref == nil || ref.Kind != "ReplicationController" {
			continue
		}
		key := apiserver.Key{Namespace: p.Namespace, Name: ref.Name}
		look, ok := looks[key]
		if !ok || look.uid != ref.UID {
			continue
		}
		state := "active"
		switch {
		case p.DeletionTimestamp != nil:
			state = "terminating"
		case p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed:
			state = string(p.Status.Phase)
		default:
			look.active = append(look.active, p.Name)
		}
		look.pods = append(look.pods, p.Name+"="+state)
		looks[key] = look
	}
	keys := make([]apiserver.Key, 0, len(looks))
	for key := range looks {
		keys = append(keys, key)
	}
	slices.SortFunc(keys, func(a, b apiserver.Key) int { return strings.Compare(a.String(), b.String()) })
	prev := k.rcs
	k.rcs = map[apiserver.Key]string{}
	for _, key := range keys {
		look := looks[key]
		slices.Sort(look.pods)
		seen := fmt.Sprintf("%s %d %s", look.uid, look.replicas, strings.Join(look.pods, ","))
		k.rcs[key] = seen
		if prev[key] != seen || int32(len(look.active)) == look.replicas {
			continue
		}
		slices.Sort(look.active)
		return found(RCReplicas, "replicationcontroller %s has settled with %d active pods, not its %d replicas: [%s]",
			key.Name, len(look.active), look.replicas, strings.Join(look.active, ", "))
	}
	return nil
}

// rcLook is what one look saw of a ReplicationController.
type rcLook struct {
	uid      types.UID
	replicas int32
	pods     []string // name=state of each pod it owns
	active   []string
}

// replicasOr1 is spec.replicas, defaulted to 1 as the API server does.
func replicasOr1(r *int32) int32 {
	if r == nil {
		return 1
	}
	return *r
}
