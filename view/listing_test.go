package view

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// PrependColumn adds a column padded as kubectl's tab writer pads it.
func TestPrependColumn(t *testing.T) {
	tests := []struct {
		table  string
		cells  []string
		want   string
		hasErr bool
	}{
		{"NAME   AGE\nweb    1m\n", []string{"default"}, "NAMESPACE   NAME   AGE\ndefault     web    1m\n", false},
		{"A\nb\n", []string{"a-very-long-namespace"}, "NAMESPACE               A\na-very-long-namespace   b\n", false},
		{"A\nb\n", nil, "", true},
	}
	for _, tt := range tests {
		got, err := PrependColumn(tt.table, "NAMESPACE", tt.cells)
		if tt.hasErr {
			assert.Error(t, err, "PrependColumn(%q, %q)", tt.table, tt.cells)
			continue
		}
		require.NoError(t, err, "PrependColumn(%q, %q)", tt.table, tt.cells)
		assert.Equal(t, tt.want, got, "PrependColumn(%q, %q)", tt.table, tt.cells)
	}
}

// QualifyNames widens the NAME column to its longest qualified name.
func TestQualifyNames(t *testing.T) {
	in := "NAME   TYPE        AGE\nweb    ClusterIP   5s\n"
	got, err := QualifyNames(in, "service/")
	require.NoError(t, err)
	assert.Equal(t, "NAME          TYPE        AGE\nservice/web   ClusterIP   5s\n", got)
	_, err = QualifyNames("READY\n1/1\n", "pod/")
	assert.Error(t, err)
}

// hasNameColumn finds NAME among a header's columns, and not in the
// Events table, whose names are shown only with -o wide.
func TestHasNameColumn(t *testing.T) {
	assert.True(t, hasNameColumn("NAME   READY\nweb    1/1\n"))
	assert.True(t, hasNameColumn("NAMESPACE   NAME   AGE\n"))
	assert.False(t, hasNameColumn("LAST SEEN   TYPE     REASON    OBJECT    MESSAGE\n"))
}
