package narrate

import (
	"fmt"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Voice is the way a [Narrator] tells each record.
type Voice int

const (
	// Kubernetes is the technical voice: the record as an operator reads it.
	Kubernetes Voice = iota
	// Store is the storefront voice: the record told as a story about a store.
	Store
	// Both writes the technical line, then the storefront line.
	Both
)

// voiceNames lists the voices in the order of their values.
func voiceNames() []string { return []string{"kubernetes", "store", "both"} }

// String returns the voice's name as ParseVoice accepts it: "kubernetes",
// "store" or "both".
func (v Voice) String() string {
	names := voiceNames()
	if v < 0 || int(v) >= len(names) {
		return fmt.Sprintf("Voice(%d)", int(v))
	}
	return names[v]
}

// ParseVoice returns the voice named s ("kubernetes", "store" or "both"), or
// an error naming the allowed values.
func ParseVoice(s string) (Voice, error) {
	for i, name := range voiceNames() {
		if s == name {
			return Voice(i), nil
		}
	}
	return 0, field.NotSupported(field.NewPath("voice"), s, voiceNames())
}
