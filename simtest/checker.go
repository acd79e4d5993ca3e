package simtest

import (
	"fmt"
	"time"

	"k8s.io/apimachinery/pkg/types"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/sim"
)

// sweepEvery is how much virtual time may pass between two looks at every
// pod; between sweeps, only the pods an event's records name are looked
// at.
const sweepEvery = 5 * time.Second

// finding is a broken rule: the invariant's name and what was seen.
type finding struct{ name, msg string }

func found(name, format string, args ...any) *finding {
	return &finding{name: name, msg: fmt.Sprintf(format, args...)}
}

// checker holds what the built-in invariants remember between events, so
// that each event costs only a look at what it touched.
type checker struct {
	c         *cluster.Cluster
	last      sim.Time
	lastSweep sim.Time
	pods      map[types.UID]*podSeen
	backoff   map[string]*backoffEntry // pod UID/container name
	boots     map[string]int           // store -> times it came back from a power cut
	down      map[string]bool          // store -> powered off at the last look
	rs        map[apiserver.Key]int32  // ReplicaSet -> spec.replicas at the last look
	replicas  map[apiserver.Key]int32  // Deployment -> spec.replicas at the last look
	// customerRecords is, per Service (namespace/name), what the
	// customers' records told; customersTotal the customers counted.
	customerRecords map[string]*customerCount
	customersTotal  int
	// atInstant counts the events run at the current instant; limit is
	// the bound on them, as instantLimit last counted it.
	atInstant  int
	limit      int
	lastRecord string
	// namespaces are those ever seen, namespacesGone those of them gone
	// from the ledger; namespaceCount is how many there were at the last
	// look, lastNamespaceLook when the gone ones were last looked into.
	namespaces, namespacesGone map[string]bool
	namespaceCount             int
	lastNamespaceLook          sim.Time
	// rcs is, per ReplicationController, what the last look saw of it
	// (its replicas and its pods' states); lastRCLook when that was.
	rcs        map[apiserver.Key]string
	lastRCLook sim.Time
}

func newChecker(c *cluster.Cluster) *checker {
	return &checker{
		c: c, pods: map[types.UID]*podSeen{}, backoff: map[string]*backoffEntry{},
		boots: map[string]int{}, down: map[string]bool{},
		rs: map[apiserver.Key]int32{}, replicas: map[apiserver.Key]int32{},
		namespaces: map[string]bool{}, namespacesGone: map[string]bool{},
		rcs: map[apiserver.Key]string{},
	}
}

// after checks the built-in invariants after one event, and returns the
// first broken one.
func (k *checker) after(st Step) *finding {
	checks := []func(Step) *finding{
		k.checkTime, k.checkStores, k.checkPods, k.checkSlices, k.checkDesks, k.checkDeployments, k.checkCustomers,
		k.checkStatefulSets,
		k.checkEvictions,
		k.checkDaemonSets, k.checkNamespaces, k.checkAutoscalers,
		k.checkReplicationControllers,
	}
	for _, check := range checks {
		if f := check(st); f != nil {
			return f
		}
	}
	return nil
}

// The events of one instant are bounded: more means a loop of components
// answering each other with no delay, so that virtual time stands still
// and the day never ends. A chain has many events at one instant that are
// no loop (at time zero every store registers, syncs its kube-proxy and
// starts its pods; a measured day of 975 stores ran 4,999 events at
// 00:00:00, about five a store), so the bound grows with the chain: a
// base, plus eventsPerObject for each store and each pod in the ledger,
// counted again only when the bound is reached.
const (
	maxEventsAtInstant = 5000
	eventsPerObject    = 20
)

// instantLimit returns the bound on one instant's events for the chain as
// it stands.
func (k *checker) instantLimit() int {
	return maxEventsAtInstant + eventsPerObject*(len(k.c.Stores())+k.c.API().Pods.Len())
}

// checkTime: event times never go backwards, and they move on.
func (k *checker) checkTime(st Step) *finding {
	if st.Now == k.last {
		k.atInstant++
	} else {
		k.atInstant = 1
	}
	if len(st.Records) > 0 {
		k.lastRecord = st.Records[len(st.Records)-1].String()
	}
	if k.atInstant >= max(k.limit, maxEventsAtInstant) {
		if k.limit = k.instantLimit(); k.atInstant >= k.limit {
			return found(TimeAdvances, "%d events ran at %v and time does not move on (last record: %s)",
				k.atInstant, st.Now, k.lastRecord)
		}
	}
	for _, r := range st.Records {
		if r.Time < k.last {
			return found(TimeMonotonic, "record %s %s at %v comes after one at %v", r.Reason, r.Object, r.Time, k.last)
		}
		k.last = r.Time
	}
	if st.Now < k.last {
		return found(TimeMonotonic, "the clock reads %v after a record at %v", st.Now, k.last)
	}
	k.last = st.Now
	return nil
}
