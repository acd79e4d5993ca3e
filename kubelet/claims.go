package kubelet

import "github.com/nodenucleus/nucleus/runtime"

// Claims is where the data of persistent volume claims lives: one
// directory per claim (namespace and name), shared by every store, as a
// network disk that follows the pod to whichever store it runs on. The
// data outlives the pods that mount it, and is gone only when the claim
// is deleted (Delete).
//
// nucleus keeps no disk of its own per PersistentVolume: a claim's data
// is the claim's, whichever volume it is bound to.
type Claims struct {
	data map[claimKey]*runtime.Volume
}

type claimKey struct{ namespace, name string }

// NewClaims returns an empty place for claims' data.
func NewClaims() *Claims { return &Claims{data: map[claimKey]*runtime.Volume{}} }

// volume returns the data of claim namespace/name, created empty on
// first use, as a freshly provisioned volume is.
func (c *Claims) volume(namespace, name string) *runtime.Volume {
	k := claimKey{namespace, name}
	v, ok := c.data[k]
	if !ok {
		v = runtime.NewVolume(false)
		c.data[k] = v
	}
	return v
}

// Delete frees the data of claim namespace/name, as deleting a claim
// whose volume's reclaim policy is Delete does. A pod that still mounts
// it keeps what it sees until it ends; a new claim of the same name
// starts empty.
func (c *Claims) Delete(namespace, name string) {
	delete(c.data, claimKey{namespace, name})
}
