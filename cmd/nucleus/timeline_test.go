package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readmePicture is the timeline picture README shows, and the scenario it
// is drawn from.
const (
	readmePicture         = "../../docs/img/crash-loop.svg"
	readmePictureScenario = "../../scenarios/crash-loop.yaml"
)

func TestTimelineTextGolden(t *testing.T) {
	// Reference: kubelet.md §3.4, §7.1: the container restarts after 10s,
	// 20s, 40s, 80s of back-off, waiting in CrashLoopBackOff in between.
	r := nucleus(t, "", "timeline", readmePictureScenario)
	require.Equal(t, exitOK, r.code, "timeline exit code; stderr: %s", r.errOut)
	assert.Empty(t, r.errOut, "timeline stderr")
	assert.True(t, strings.HasPrefix(r.out, "Containers over time, 00:00 to 03:00 "), "timeline title: %q", r.out)
	dash := nucleus(t, "", "timeline", "-o", "-", readmePictureScenario)
	assert.Equal(t, r, dash, "timeline -o - differs from timeline")
	golden(t, "timeline-crash-loop.golden", r.out)
}

func TestTimelineWidthAndFor(t *testing.T) {
	r := nucleus(t, "", "timeline", "--width", "60", "--for", "30s", readmePictureScenario)
	require.Equal(t, exitOK, r.code, "timeline --width 60 exit code; stderr: %s", r.errOut)
	assert.True(t, strings.HasPrefix(r.out, "Containers over time, 00:00 to 00:30 "), "timeline --for 30s title: %q", r.out)
	for i, line := range strings.Split(r.out, "\n") {
		if strings.HasPrefix(line, "legend") || strings.HasPrefix(line, "        ") {
			continue
		}
		assert.LessOrEqual(t, len(line), 60, "timeline --width 60 line %d %q", i, line)
	}
}

func TestTimelineFiles(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ name, starts string }{
		{"t.svg", "<svg "},
		{"t.md", "```mermaid\ngantt\n"},
		{"t.txt", "Containers over time, "},
	} {
		path := filepath.Join(dir, tt.name)
		r := nucleus(t, "", "timeline", "-o", path, readmePictureScenario)
		require.Equal(t, exitOK, r.code, "timeline -o %s exit code; stderr: %s", tt.name, r.errOut)
		assert.Empty(t, r.out, "timeline -o %s stdout", tt.name)
		data, err := os.ReadFile(path)
		require.NoError(t, err, "timeline -o %s wrote no file", tt.name)
		assert.True(t, strings.HasPrefix(string(data), tt.starts), "timeline -o %s starts with %q", tt.name, data[:min(len(data), 40)])
	}
}

func TestReadmePictureIsUpToDate(t *testing.T) {
	// The picture README links to is `nucleus timeline -o
	// docs/img/crash-loop.svg scenarios/crash-loop.yaml`, byte for byte, so
	// it cannot drift from what the command draws. Regenerate with -update.
	fresh := filepath.Join(t.TempDir(), "crash-loop.svg")
	r := nucleus(t, "", "timeline", "-o", fresh, readmePictureScenario)
	require.Equal(t, exitOK, r.code, "timeline -o crash-loop.svg exit code; stderr: %s", r.errOut)
	got, err := os.ReadFile(fresh)
	require.NoError(t, err)
	if *update {
		require.NoError(t, os.WriteFile(readmePicture, got, 0o644))
		return
	}
	want, err := os.ReadFile(readmePicture)
	require.NoError(t, err, "missing %s; run go test ./cmd/nucleus -update", readmePicture)
	assert.Equal(t, string(want), string(got), "%s differs from what nucleus timeline draws (regenerate with -update)", readmePicture)
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	assert.True(t, strings.Contains(string(readme), "](docs/img/crash-loop.svg)"), "README does not show %s", readmePicture)
}

// TestDocsPicturesAreUpToDate re-draws every picture under docs/img from
// the scenario of the same name, byte for byte, so that the concept guides
// show what nucleus draws today. Regenerate with -update.
func TestDocsPicturesAreUpToDate(t *testing.T) {
	docsPicturesUpToDate(t, "../../docs/img/*.svg", func(base, fresh string) []string {
		return []string{"timeline", "-o", fresh, filepath.Join(exampleScenarios, base+".yaml")}
	})
}

// docsPicturesUpToDate re-draws every picture that glob matches with the
// command args returns for its base name and a fresh file, and requires
// the two to be the same, byte for byte (or rewrites it with -update).
func docsPicturesUpToDate(t *testing.T, glob string, args func(base, fresh string) []string) {
	t.Helper()
	pictures, err := filepath.Glob(glob)
	require.NoError(t, err)
	require.NotEmpty(t, pictures)
	for _, picture := range pictures {
		fresh := filepath.Join(t.TempDir(), "fresh.svg")
		cmd := args(strings.TrimSuffix(filepath.Base(picture), ".svg"), fresh)
		r := nucleus(t, "", cmd...)
		require.Equal(t, exitOK, r.code, "%v; stderr: %s", cmd, r.errOut)
		got, err := os.ReadFile(fresh)
		require.NoError(t, err)
		if *update {
			require.NoError(t, os.WriteFile(picture, got, 0o644))
			continue
		}
		want, err := os.ReadFile(picture)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), "%s differs from what %v draws (regenerate with -update)", picture, cmd)
	}
}
