package runtime

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSeededFilesMatchTheBuiltFileSystem checks that the reads a
// container answers before its file system is built (Host.seeded) say
// exactly what the built file system says, for every path it holds and
// for paths it does not: the lazy file system changes no answer.
func TestSeededFilesMatchTheBuiltFileSystem(t *testing.T) {
	s := newStore(t)
	v := NewVolume(false)
	v.WriteFile("conf/app.yaml", "a: 1\n")
	configs := []ContainerConfig{
		{Name: "plain", Image: "busybox", Command: []string{"sleep", "3600"}},
		{Name: "nginx", Image: "nginx:1.27"},
		{Name: "log", Image: "busybox", Command: []string{"sleep", "3600"},
			TerminationMessagePath: "/dev/termination-log"},
		{Name: "deep-log", Image: "nginx:1.27", TerminationMessagePath: "/var/log/app/last/words"},
		{Name: "log-is-a-dir", Image: "busybox", Command: []string{"sleep", "3600"}, TerminationMessagePath: "/etc"},
		{Name: "hidden-log", Image: "busybox", Command: []string{"sleep", "3600"},
			TerminationMessagePath: "/data/termination-log",
			Mounts:                 []Mount{{Path: "/data", Volume: v}}},
		{Name: "mounts", Image: "nginx:1.27", TerminationMessagePath: "/etc/nginx/conf.d/x",
			Mounts: []Mount{{Path: "/srv/app/config", Volume: v, SubPath: "conf"}, {Path: "/etc/hostname", Volume: v, SubPath: "conf/app.yaml"}}},
	}
	probes := []string{"/", "/etc/", "/etc/hostname", "/etc/resolv.conf", "/etc/nginx/", "/nope", "/nope/",
		"/var/run/secrets/kubernetes.io/serviceaccount/token", "/srv/", "/srv/app/", "/dev/termination-log/"}
	for _, cfg := range configs {
		t.Run(cfg.Name, func(t *testing.T) {
			id := s.run(cfg)
			c := s.e.containers[id]
			require.NotNil(t, c)
			lazy := &Host{c: c}
			c.prepareMounts()
			require.Nil(t, c.files, "the file system is built before anything wrote to it")
			seen := map[string]bool{}
			type answer struct {
				content string
				ok      bool
			}
			want := map[string]answer{}
			ask := func(p string) answer {
				got, ok := lazy.seeded(p)
				return answer{got, ok}
			}
			got := map[string]answer{}
			for _, p := range probes {
				got[p] = ask(p)
			}
			built := (&Host{c: c}).fs()
			for p, content := range built {
				seen[p] = true
				want[p] = answer{content, true}
				if _, asked := got[p]; !asked {
					got[p] = ask(p)
				}
			}
			for _, p := range probes {
				if !seen[p] {
					want[p] = answer{}
				}
			}
			assert.Equal(t, want, got)
		})
	}
}

// TestIsParentMatchesEachParent checks the short way isParent takes for
// clean paths against the directories eachParent lists.
func TestIsParentMatchesEachParent(t *testing.T) {
	paths := []string{"/", "/a", "/a/b", "/a/b/c.txt", "/etc/nginx/nginx.conf", "/a//b", "/a/./b/", "/ab/c"}
	dirs := []string{"/", "/a/", "/a/b/", "/a/b/c.txt/", "/etc/", "/etc/nginx/", "/ab/", "/a", "a/", ""}
	for _, p := range paths {
		listed := map[string]bool{}
		eachParent(p, func(d string) { listed[d] = true })
		for _, d := range dirs {
			assert.Equal(t, listed[d], isParent(d, p), "isParent(%q, %q)", d, p)
		}
	}
}
