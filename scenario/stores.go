package scenario

import "strconv"

// StoreList returns the chain's stores one by one, in order: an entry
// with a count becomes its Count alike stores, Name-1 to Name-Count, each
// with the entry's capacity, labels, taints and bandwidth (shared, not
// copied: the chain only reads them).
func (s Spec) StoreList() []StoreSpec {
	out := make([]StoreSpec, 0, s.StoreCount())
	for _, st := range s.Stores {
		if st.Count <= 0 {
			out = append(out, st)
			continue
		}
		for i := range st.Count {
			one := st
			one.Name, one.Count = countedName(st.Name, i+1), 0
			out = append(out, one)
		}
	}
	return out
}

// StoreCount returns how many stores the chain opens: one for each entry
// of spec.stores without a count, Count for each with one, and one for an
// empty spec.stores (the default store-1).
func (s Spec) StoreCount() int {
	if len(s.Stores) == 0 {
		return 1
	}
	n := 0
	for _, st := range s.Stores {
		n += int(max(st.Count, 1))
	}
	return n
}

// countedName returns the name of the i-th store of a counted entry:
// "store-7" for "store" and 7.
func countedName(name string, i int32) string {
	return name + "-" + strconv.Itoa(int(i))
}

// storeNames returns the names of the chain's stores, in order.
func (s Spec) storeNames() []string {
	list := s.StoreList()
	out := make([]string, len(list))
	for i, st := range list {
		out[i] = st.Name
	}
	return out
}
