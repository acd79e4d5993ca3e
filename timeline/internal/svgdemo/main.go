// Command svgdemo draws a timeline picture of a run, for
// scripts/check-timeline-svg.sh: it applies the manifests it is given to a
// one-store cluster, runs it and writes the SVG.
//
//	go run ./timeline/internal/svgdemo -for 3m -o out.svg a.yaml b.yaml
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/manifest"
	"github.com/nodenucleus/nucleus/sim"
	"github.com/nodenucleus/nucleus/timeline"
)

func main() {
	d := flag.Duration("for", 3*time.Minute, "how long to run")
	out := flag.String("o", "timeline.svg", "the SVG file to write")
	flag.Parse()
	if err := draw(*d, *out, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "svgdemo:", err)
		os.Exit(1)
	}
}

// draw runs the manifests for d and writes the picture to out.
func draw(d time.Duration, out string, files []string) error {
	c, err := cluster.New(cluster.Config{Seed: 1})
	if err != nil {
		return err
	}
	rec := timeline.Record(c)
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		docs, _, err := manifest.NewDecoder().Decode(file, data)
		if err != nil {
			return err
		}
		for _, doc := range docs {
			if err := c.Apply(doc.Object); err != nil {
				return err
			}
		}
	}
	c.RunUntil(sim.Time(d))
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := rec.Timeline(c.Now()).WriteSVG(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
