package narrate

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseVoice(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Voice
	}{{"kubernetes", Kubernetes}, {"store", Store}, {"both", Both}} {
		got, err := ParseVoice(tc.in)
		require.NoError(t, err, "ParseVoice(%q)", tc.in)
		assert.Equal(t, tc.want, got, "ParseVoice(%q) = %v, want %v", tc.in, got, tc.want)
		assert.Equal(t, tc.in, got.String(), "Voice(%d).String()", int(got))
	}
}

func TestParseVoiceNamesAllowedValues(t *testing.T) {
	for _, in := range []string{"", "Store", "storefront", "technical"} {
		_, err := ParseVoice(in)
		require.Error(t, err, "ParseVoice(%q)", in)
		assert.Equal(t, `voice: Unsupported value: "`+in+`": supported values: "kubernetes", "store", "both"`,
			err.Error(), "ParseVoice(%q) error", in)
	}
}
