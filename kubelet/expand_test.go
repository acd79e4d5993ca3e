package kubelet

import (
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
)

// Reference: third_party/forked/golang/expansion/expand.go and its
// expand_test.go (TestMapReference, TestMapping), kubernetes/kubernetes.
func TestExpand(t *testing.T) {
	vars := map[string]string{"VAR_A": "A", "VAR_B": "B", "VAR_C": "C", "VAR_EMPTY": "", "VAR_REF": "$(VAR_A)"}
	lookup := func(n string) (string, bool) { v, ok := vars[n]; return v, ok }
	for _, tc := range []struct{ in, want string }{
		{"$(VAR_A)", "A"},
		{"___$(VAR_B)___", "___B___"},
		{"$(VAR_A)-$(VAR_B)-$(VAR_C)", "A-B-C"},
		{"$(VAR_EMPTY)", ""},
		{"$(VAR_REF)", "$(VAR_A)"}, // a value is not expanded again
		{"$(UNKNOWN)", "$(UNKNOWN)"},
		{"$$(VAR_A)", "$(VAR_A)"}, // escaped: the literal text
		{"$$$(VAR_A)", "$A"},
		{"$$$$(VAR_A)", "$$(VAR_A)"},
		{"$$", "$"},
		{"$$$$", "$$"},
		{"foo$$bar", "foo$bar"},
		{"$", "$"},
		{"foo$", "foo$"},
		{"$VAR_A", "$VAR_A"}, // only $(...) is a reference
		{"${VAR_A}", "${VAR_A}"},
		{"$(VAR_A", "$(VAR_A"}, // unclosed
		{"$(VAR_A$(VAR_B)", "$(VAR_A$(VAR_B)"},
		{"$()", "$()"},
		{"$(VAR_A)$(", "A$("},
		{"héllo $(VAR_A) ümlaut", "héllo A ümlaut"},
	} {
		assert.Equal(t, tc.want, expand(tc.in, lookup), "expand(%q)", tc.in)
	}
}

// Reference: pkg/kubelet/kubelet_pods.go (makeEnvironmentVariables: each
// value is expanded against the variables defined before it; a later
// entry of the same name wins); pkg/kubelet/container/helpers.go
// (ExpandContainerCommandAndArgs: command and args against the final
// environment).
func TestContainerEnv(t *testing.T) {
	c := &corev1.Container{
		Command: []string{"sh", "-c", "echo $(GREETING) $$(GREETING) $(LATER)"},
		Args:    []string{"$(NAME)"},
		Env: []corev1.EnvVar{
			{Name: "EARLY", Value: "[$(NAME)]"},
			{Name: "NAME", Value: "first"},
			{Name: "GREETING", Value: "hello $(NAME)"},
			{Name: "NAME", Value: "second"},
			{Name: "LATER", Value: "$(NAME)!"},
		},
	}
	env := newContainerEnv(c)
	assert.Equal(t, []string{"EARLY=[$(NAME)]", "NAME=second", "GREETING=hello first", "LATER=second!"}, env.pairs())
	assert.Equal(t, []string{"sh", "-c", "echo hello first $(GREETING) second!"}, env.expandAll(c.Command))
	assert.Equal(t, []string{"second"}, env.expandAll(c.Args))
	assert.Nil(t, env.expandAll(nil), "no args stays no args, so the image's own command runs")
}

func FuzzExpand(f *testing.F) {
	for _, s := range []string{"$(A)", "$$(A)", "$", "$(", "a$b$(c", "$$$"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		none := func(string) (string, bool) { return "", false }
		// With nothing defined, only escapes change the text, and only
		// ever shorten it.
		got := expand(s, none)
		if len(got) > len(s) {
			t.Fatalf("expand(%q) = %q grew with nothing defined", s, got)
		}
		identity := func(n string) (string, bool) { return "$(" + n + ")", true }
		if expand(s, identity) != got {
			t.Fatalf("expand(%q): a reference mapped to itself differs from an unknown one", s)
		}
	})
}
