package controller

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
)

// indexSet is a set of completion indexes, sorted and without repeats.
type indexSet []int

// parseIndexes reads a list of indexes written as a Job's
// status.completedIndexes and successPolicy's succeededIndexes write it:
// "1,3-5,7", each index below completions, in increasing order.
func parseIndexes(s string, completions int32) (indexSet, error) {
	var out indexSet
	if s == "" {
		return out, nil
	}
	last := -1
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(lo)
		if err != nil {
			return nil, fmt.Errorf("cannot convert string to integer for index: %q", lo)
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(hi); err != nil {
				return nil, fmt.Errorf("cannot convert string to integer for index: %q", hi)
			}
		}
		switch {
		case a < 0 || b >= int(completions):
			return nil, fmt.Errorf("too large index: %q", part)
		case a > b:
			return nil, fmt.Errorf("non-increasing order, previous: %d, current: %d", a, b)
		case a <= last:
			return nil, fmt.Errorf("overlapping indexes, previous: %d, current: %d", last, a)
		}
		for i := a; i <= b; i++ {
			out = append(out, i)
		}
		last = b
	}
	return out, nil
}

// String writes the set as the API writes it: "1,3-5,7".
func (s indexSet) String() string {
	var b strings.Builder
	for i := 0; i < len(s); {
		j := i
		for j+1 < len(s) && s[j+1] == s[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(s[i]))
		if j > i {
			b.WriteString("-" + strconv.Itoa(s[j]))
		}
		i = j + 1
	}
	return b.String()
}

func (s indexSet) has(i int) bool { _, ok := slices.BinarySearch(s, i); return ok }

// with returns the set with the indexes of more added.
func (s indexSet) with(more ...int) indexSet {
	out := slices.Clone(s)
	for _, i := range more {
		if at, ok := slices.BinarySearch(out, i); !ok {
			out = slices.Insert(out, at, i)
		}
	}
	return out
}

// unknownIndex marks a pod without a readable completion index.
const unknownIndex = -1

// completionIndex returns a pod's completion index from its
// batch.kubernetes.io/job-completion-index annotation, or unknownIndex
// (getCompletionIndex).
func completionIndex(p *corev1.Pod) int {
	v, ok := p.Annotations[batchv1.JobCompletionIndexAnnotation]
	if !ok {
		return unknownIndex
	}
	i, err := strconv.Atoi(v)
	if err != nil || i < 0 {
		return unknownIndex
	}
	return i
}
