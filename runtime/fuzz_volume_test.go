package runtime

import (
	"testing"
	"time"
)

// FuzzVolumePaths runs a script on any paths in a container with a
// read-only mount, a subPath mount and a plain one of two volumes: no
// path, however odd, panics, and nothing is written through the read-only
// mount.
func FuzzVolumePaths(f *testing.F) {
	for _, s := range []string{
		"echo x > /data/a; cat /data/a; rm -rf /data",
		"mkdir -p /ro/x; echo y > /ro/f; rm /ro/k",
		"echo z > /sub/../sub/f; ls /sub /; cat /etc/one",
		"rm -rf /; ls ..; mkdir /data/../../ro/z; echo w >> //data//b",
	} {
		f.Add(s, "dir/x")
	}
	f.Fuzz(func(t *testing.T, script, sub string) {
		if len(script) > 2000 || len(sub) > 200 {
			return
		}
		s := newStore(t)
		rw, ro := NewVolume(false), NewVolume(true)
		ro.WriteFile("k", "v")
		id := s.run(ContainerConfig{Name: "c", Image: "busybox", Command: []string{"sh", "-c", script},
			TerminationMessagePath: "/dev/termination-log", TerminationMessageFallback: true,
			Mounts: []Mount{
				{Path: "/data", Volume: rw},
				{Path: "/ro", Volume: ro, ReadOnly: true},
				{Path: "/sub", Volume: rw, SubPath: sub},
				{Path: "/etc/one", Volume: ro, SubPath: "k"},
			}})
		s.runFor(time.Second)
		_ = s.status(id)
		if files := ro.Files(); len(files) != 2 {
			t.Fatalf("the read-only volume changed: %v", files)
		}
		if got, _ := ro.ReadFile("k"); got != "v" {
			t.Fatalf("the read-only file changed: %q", got)
		}
	})
}
