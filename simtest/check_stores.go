package simtest

import "github.com/nodenucleus/nucleus/runtime"

// checkStores notes each store that comes back from a power cut (its
// store manager starts afresh, with no memory of back-offs), and checks
// that no container runs on a store that has lost power.
func (k *checker) checkStores(st Step) *finding {
	for _, s := range k.c.Stores() {
		down := s.Kubelet.Down()
		if k.down[s.Name] && !down {
			k.boots[s.Name]++
		}
		k.down[s.Name] = down
		if !down {
			continue
		}
		for _, sb := range s.Runtime.ListPodSandbox() {
			for _, c := range s.Runtime.ListContainers(sb.ID) {
				if c.State == runtime.ContainerRunning {
					return found(NothingRunsInTheDark, "container %s of pod %s is Running on store %s, which has no power",
						c.Name, sb.Config.Name, s.Name)
				}
			}
		}
	}
	return nil
}

// anyStoreDown reports whether a store is powered off or cut off from
// head office.
func (k *checker) anyStoreDown() bool {
	for _, s := range k.c.Stores() {
		if s.Kubelet.Down() || s.Kubelet.Offline() {
			return true
		}
	}
	return false
}
