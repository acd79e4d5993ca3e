package apiserver

import (
	"cmp"
	"slices"
)

// slot holds one stored object under its key. A write puts the new object
// in the same slot, so that an index of slots follows every update without
// being touched; a deletion marks the slot dead, and a later object under
// the same key gets a new slot.
type slot[T Object] struct {
	key Key
	obj T
	// group is the group of the store's controller index the slot is in.
	group controllerKey
	live  bool
}

// keyIndex keeps slots in key (namespace, name) order without sorting
// every slot for every list: slots created since the last list wait in
// fresh and are merged in, in order, when the next list asks. A list walks
// the slots, not the store's map: no key is hashed.
type keyIndex[T Object] struct {
	order   []*slot[T] // sorted; may hold slots that left since (counted in removed)
	fresh   []*slot[T] // added since order was last brought up to date
	removed int
}

func compareKeys(a, b Key) int {
	return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
}

func compareSlots[T Object](a, b *slot[T]) int { return compareKeys(a.key, b.key) }

// add notes a slot that has joined the index.
func (x *keyIndex[T]) add(s *slot[T]) { x.fresh = append(x.fresh, s) }

// remove notes that a slot has left the index.
func (x *keyIndex[T]) remove() { x.removed++ }

// sorted returns the slots for which present is true, each once, in key
// order. The slice belongs to the index and is valid until the next
// change.
func (x *keyIndex[T]) sorted(present func(*slot[T]) bool) []*slot[T] {
	if len(x.fresh) > 0 {
		slices.SortFunc(x.fresh, compareSlots)
		x.order, x.fresh = mergeSlots(x.order, x.fresh), x.fresh[:0]
	}
	if x.removed > 0 {
		// A slot that left and came back is in order twice; the other
		// slots of its key are dead. Sorted by key, the two copies meet
		// once the dead ones are dropped.
		kept := x.order[:0]
		for _, s := range x.order {
			if present(s) && (len(kept) == 0 || kept[len(kept)-1] != s) {
				kept = append(kept, s)
			}
		}
		clear(x.order[len(kept):])
		x.order, x.removed = kept, 0
	}
	return x.order
}

// mergeSlots returns the sorted union of two sorted slot lists, in a's
// room (grown when it is short): a, which the caller must not use after,
// holds many thousands of slots and b usually a handful, so a merge that
// made a new list would copy and allocate the whole index for every few
// slots added. Each slot of b, from the last, finds its place in a by
// binary search, and the run of a after that place moves up whole, so a
// merge compares O(len(b) log len(a)) keys rather than one per slot of a.
// Slots of a sort before slots of b with the same key.
func mergeSlots[T Object](a, b []*slot[T]) []*slot[T] {
	hi := len(a) // a[:hi] are the slots of a not yet moved to their place
	a = slices.Grow(a, len(b))[:len(a)+len(b)]
	end := len(a) // a[end:] is merged
	for j := len(b) - 1; j >= 0; j-- {
		s := b[j]
		i, _ := slices.BinarySearchFunc(a[:hi], s, compareSlots)
		for i < hi && compareSlots(a[i], s) == 0 {
			i++ // after the slots of a with the same key
		}
		end -= hi - i
		copy(a[end:], a[i:hi])
		end--
		a[end] = s
		hi = i
	}
	return a
}
