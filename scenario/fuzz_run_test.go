package scenario

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nodenucleus/nucleus/sim"
)

// fuzzRunFor bounds the virtual time of one FuzzScenarioRun input, so that
// every input is cheap and the fuzzer runs thousands in CI's seconds.
const fuzzRunFor = 30 * time.Second

// fuzzMaxStores bounds the stores of a FuzzScenarioRun input that is run:
// about as many as 16 KiB of spec.stores could list one by one before an
// entry could say count: 5000.
const fuzzMaxStores = 1000

// badCatalogue is the command line's catalogue of hostile inputs: huge
// replicas, overflowing numbers, bad selectors, .inf and NaN, bad stores.
const badCatalogue = "../cmd/nucleus/testdata/bad"

// addCorpus adds the example scenarios, the catalogue of hostile inputs
// and a few inputs of each class of issue 19 to f's seed corpus. With
// -short (CI's race detector run) it leaves out the catalogue's programs
// that run to a bound (cpu-, mem-, log-, depth-), seconds each.
func addCorpus(f *testing.F) {
	for _, dir := range []string{scenariosDir, badCatalogue} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		for _, file := range files {
			if testing.Short() && dir == badCatalogue && runsToABound(filepath.Base(file)) {
				continue
			}
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	web := "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: REPLICAS\n" +
		"  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n" +
		"    spec: {containers: [{name: web, image: nginx}]}\n"
	for _, replicas := range []string{"10000", "10001", "2147483647", "1000000"} {
		f.Add([]byte(header + strings.Replace(web, "REPLICAS", replicas, 1)))
	}
	f.Add([]byte(header + "  actions:\n  - at: 1s\n    scale: {deployment: web, replicas: 2147483647}\n" + strings.Replace(web, "REPLICAS", "2", 1)))
	f.Add([]byte(header + "  actions:\n  - at: 1s\n    delete: {kind: Pod, name: web, gracePeriodSeconds: 9223372036854775807}\n" + webPod))
	f.Add([]byte(header + "  actions:\n  - at: 1s\n    customers: {service: web, rate: .inf, for: 10s}\n"))
	f.Add([]byte(header + "  actions:\n  - at: 1s\n    customers: {service: web, rate: .nan, for: 10s}\n"))
	f.Add([]byte(header + "  stores:\n  - name: s\n    capacity: {pods: \"-1\", cpu: 9999999Ei}\n    labels: {\"bad key\": x}\n"))
	f.Add([]byte(header + "---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: \"a b\"}, ports: [{port: 80}]}\n"))
}

// runsToABound reports the catalogue's cases of a program that runs until
// a bound stops it (cpu-, mem-, log-, depth-).
func runsToABound(name string) bool {
	for _, prefix := range []string{"cpu-", "mem-", "log-", "depth-"} {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// FuzzScenarioRun loads a fuzzed scenario and runs it for at most
// fuzzRunFor of virtual time: whatever the input, Load refuses it with an
// error or the run never panics and always ends, with the clock at the
// end of the run.
func FuzzScenarioRun(f *testing.F) {
	addCorpus(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 16<<10 {
			t.Skip("input too large")
		}
		s, err := Load("fuzz.yaml", data)
		if err != nil {
			return
		}
		if s.Spec.StoreCount() > fuzzMaxStores {
			return // a count of thousands of stores is valid, and far from cheap
		}
		s.Spec.Duration = min(s.Spec.Duration, Duration(fuzzRunFor))
		var expect []Expectation
		for _, e := range s.Spec.Expect {
			if e.At <= s.Spec.Duration {
				expect = append(expect, e)
			}
		}
		s.Spec.Expect = expect
		r, err := s.Run()
		if err != nil {
			return // an object head office refused at time zero
		}
		if now, end := r.Cluster.Now(), sim.Time(s.Spec.Duration); now != end {
			t.Fatalf("the run ended at %v, want %v", now, end)
		}
	})
}
