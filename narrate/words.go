package narrate

import (
	"strconv"
	"strings"
	"time"

	"github.com/nodenucleus/nucleus/sim"
)

// The storefront words, one per Kubernetes thing. Every sentence uses these,
// so a reader meets the same word for the same thing everywhere.
const (
	manager      = "the store manager"           // kubelet
	staffingDesk = "head office's staffing desk" // scheduler
	headOffice   = "head office"                 // control plane
	warehouse    = "the warehouse"               // container registry
	training     = "the training department"     // container runtime
	serviceDesk  = "the customer service desk"   // kube-proxy
	logbook      = "the store logbook"           // Events
	livenessQ    = `"are you still with us?"`    // liveness probe
	readinessQ   = `"ready to serve customers?"` // readiness probe
)

// employee returns the pod's name, the employee the record is about.
func employee(r sim.Record) string {
	if r.Object.Name == "" {
		return "an employee"
	}
	return r.Object.Name
}

// job returns the container as a job: "job app", or "a job" when the record
// names no container.
func job(r sim.Record) string {
	if r.Facts.Container == "" {
		return "a job"
	}
	return "job " + r.Facts.Container
}

// employeesJob returns "web's job app", or "web's job" when the record names
// no container.
func employeesJob(r sim.Record) string {
	if r.Facts.Container == "" {
		return employee(r) + "'s job"
	}
	return employee(r) + "'s job " + r.Facts.Container
}

// manual returns the image as a training manual for the employee's job:
// "the training manual for web's job app (nginx:1.27)".
func manual(r sim.Record) string {
	s := "the training manual for " + employeesJob(r)
	if r.Facts.Image != "" {
		s += " (" + r.Facts.Image + ")"
	}
	return s
}

// store returns the store a record is about: the node's name for a Node
// object, else the store the record comes from, else "the store".
func store(r sim.Record) string {
	switch {
	case r.Object.Kind == "Node" && r.Object.Name != "":
		return r.Object.Name
	case r.Source.Store != "":
		return r.Source.Store
	}
	return "the store"
}

// counter returns the Service a record is about as a counter: "counter web".
func counter(r sim.Record) string {
	if r.Object.Name == "" {
		return "a counter"
	}
	return "counter " + r.Object.Name
}

// employees returns "no employees", "1 employee" or "n employees".
func employees(n int32) string {
	switch n {
	case 0:
		return "no employees"
	case 1:
		return "1 employee"
	}
	return strconv.Itoa(int(n)) + " employees"
}

// span returns d the way people say it: "1.2s", "40s", "5m", "1m30s", "1h".
func span(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// detail returns the record's message as a trailing clause, ": <message>",
// without its final period, or "" when there is no message. It is used only
// where the message itself is the news (why scheduling or a step failed).
func detail(r sim.Record) string {
	m := strings.TrimRight(strings.TrimSpace(r.Message), ".")
	if m == "" {
		return ""
	}
	return ": " + m
}

// sentence returns s with its first letter in upper case and a final period.
func sentence(s string) string {
	if s == "" {
		return s
	}
	if 'a' <= s[0] && s[0] <= 'z' && startsWithWord(s) {
		s = string(s[0]-'a'+'A') + s[1:]
	}
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// startsWithWord reports whether s begins with one of our own storefront
// words (which take a capital letter) rather than an object's name (which
// keeps its spelling: "web starts job app."). Kubernetes names never hold a
// space, so a name cannot be mistaken for one of these words.
func startsWithWord(s string) bool {
	for _, w := range []string{"the ", "head office", "a ", "an ", "contract "} {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

func itoa32(n int32) string { return strconv.Itoa(int(n)) }
