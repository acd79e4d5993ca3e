// Package story is what the stories under examples/ share, so that each
// story's main.go holds only its own plot: running as a command (Main),
// sending head office a YAML file as `kubectl apply -f` does (Apply), and
// showing the employees as `kubectl get pods` does (Pods).
package story

import (
	"fmt"
	"os"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/manifest"
	"github.com/nodenucleus/nucleus/pod"
)

// Main runs a story: when tell fails, it prints the error to standard
// error and exits with status 1.
func Main(tell func() error) {
	if err := tell(); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

// Apply decodes text, the YAML of the file name, strictly as the API
// server does, and applies its objects to chain in order, as `kubectl
// apply -f name` does. It returns the decoded objects, or the first error.
func Apply(chain *cluster.Cluster, name, text string) ([]manifest.Document, error) {
	docs, _, err := manifest.NewDecoder().Decode(name, []byte(text))
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		if err := chain.Apply(d.Object); err != nil {
			return nil, err
		}
	}
	return docs, nil
}

// Pods prints a title and the pods as `kubectl get pods` prints them
// (`kubectl get pods -o wide` when wide is true), each between blank
// lines.
func Pods(chain *cluster.Cluster, title string, wide bool) {
	fmt.Println()
	fmt.Println(title)
	fmt.Println()
	_ = pod.PrintTable(os.Stdout, chain.Pods(), chain.Now().Wall(), wide)
	fmt.Println()
}
