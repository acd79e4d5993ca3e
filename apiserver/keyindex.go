package apiserver

import (
	"cmp"
	"slices"
)

// keyIndex keeps a store's keys in (namespace, name) order without sorting
// every key for every list: keys created since the last list wait in fresh
// and are merged in, in order, when the next list asks.
type keyIndex struct {
	order   []Key // sorted; may hold keys removed since (counted in removed)
	fresh   []Key // created since order was last brought up to date
	removed int
}

func compareKeys(a, b Key) int {
	return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
}

// add notes a created key.
func (x *keyIndex) add(k Key) { x.fresh = append(x.fresh, k) }

// remove notes that a key is gone.
func (x *keyIndex) remove() { x.removed++ }

// sorted returns the keys for which present is true, in order. The slice
// belongs to the index and is valid until the next change.
func (x *keyIndex) sorted(present func(Key) bool) []Key {
	if len(x.fresh) > 0 {
		slices.SortFunc(x.fresh, compareKeys)
		x.order, x.fresh = mergeKeys(x.order, x.fresh), x.fresh[:0]
	}
	if x.removed > 0 {
		x.order = slices.DeleteFunc(x.order, func(k Key) bool { return !present(k) })
		x.removed = 0
	}
	return x.order
}

// mergeKeys returns the sorted union of two sorted key lists.
func mergeKeys(a, b []Key) []Key {
	out := make([]Key, 0, len(a)+len(b))
	for len(a) > 0 || len(b) > 0 {
		var k Key
		if len(b) == 0 || (len(a) > 0 && compareKeys(a[0], b[0]) <= 0) {
			k, a = a[0], a[1:]
		} else {
			k, b = b[0], b[1:]
		}
		if n := len(out); n > 0 && out[n-1] == k {
			continue // removed and created again
		}
		out = append(out, k)
	}
	return out
}
