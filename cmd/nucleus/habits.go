package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// kubectl habits: what a learner's fingers type from kubectl either works
// here or is answered, in one line, with the nucleus way.

// changeVerbs are kubectl commands that change a live cluster. nucleus has
// none: a run changes only through a Scenario's timed actions.
var changeVerbs = map[string]bool{
	"annotate": true, "attach": true, "autoscale": true, "cordon": true, "cp": true, "delete": true,
	"drain": true, "edit": true, "exec": true, "expose": true, "label": true, "patch": true,
	"port-forward": true, "replace": true, "rollout": true, "scale": true, "set": true, "taint": true,
	"uncordon": true,
}

// kubectlHabits rewrites args that follow kubectl's habits into nucleus's
// own, or refuses them with the nucleus way:
//   - -f FILE, --filename FILE and --filename=FILE, anywhere, are FILE;
//   - describe TYPE/NAME and logs pod/NAME are describe TYPE NAME and logs NAME;
//   - apply and create, -w/--watch, and the commands that change a live
//     cluster answer with what to do instead.
func kubectlHabits(args []string) ([]string, error) {
	out := make([]string, 0, len(args))
	var files []string // -f's files, put after everything else, where FILE... goes
	command := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return append(append(out, args[i:]...), files...), nil
		case a == "-f" || a == "--filename":
			if i+1 < len(args) {
				i++
				files = append(files, args[i])
				continue
			}
		case strings.HasPrefix(a, "--filename="):
			files = append(files, strings.TrimPrefix(a, "--filename="))
			continue
		case a == "-w" || a == "--watch" || a == "--watch-only" || strings.HasPrefix(a, "--watch="):
			return nil, usagef("nucleus shows one instant at a time (--at DURATION); to watch a run unfold, use \"nucleus run FILE...\" (with --pace 10x to play it in time)")
		case !strings.HasPrefix(a, "-") && command == "":
			command = a
			if err := refuseVerb(a); err != nil {
				return nil, err
			}
		case !strings.HasPrefix(a, "-") && (command == "describe" || command == "logs") && strings.Count(a, "/") == 1 && !looksLikeFile(a):
			typ, name, _ := strings.Cut(a, "/")
			if command == "describe" {
				out = append(out, typ, name)
			} else {
				out = append(out, name)
			}
			command += " done" // only the first TYPE/NAME
			continue
		}
		out = append(out, a)
	}
	return append(out, files...), nil
}

// refuseVerb answers the kubectl commands nucleus does not have, in one line.
func refuseVerb(verb string) error {
	switch {
	case verb == "apply" || verb == "create":
		return usagef("nucleus has no cluster to %s to: every command runs the files it is given from time zero; try \"nucleus run FILE...\" or \"nucleus get pods FILE...\", or run \"nucleus serve\" and the real \"kubectl %s -f FILE\" (docs/kubectl.md)", verb, verb)
	case changeVerbs[verb]:
		return usagef("nucleus does not change a run from the command line: a Scenario document's timed actions do (spec.actions: apply, delete, scale, killContainer, store, customers); see docs/teachers.md; or run \"nucleus serve\" and change it with the real kubectl (docs/kubectl.md)")
	}
	return nil
}

// looksLikeFile reports whether a names a manifest file rather than
// TYPE/NAME.
func looksLikeFile(a string) bool {
	for _, ext := range []string{".yaml", ".yml", ".json"} {
		if strings.HasSuffix(a, ext) {
			return true
		}
	}
	return strings.HasPrefix(a, ".") || strings.HasPrefix(a, "/")
}

// notSimulated maps kubectl's names for real Kubernetes types that nucleus
// does not simulate (plural, singular, short) to the kind.
var notSimulated = func() map[string]string {
	m := map[string]string{}
	for _, t := range []struct {
		kind  string
		names []string
	}{
		{"ServiceAccount", []string{"serviceaccounts", "serviceaccount", "sa"}},
		{"Endpoints", []string{"endpoints", "ep"}},
		{"Ingress", []string{"ingresses", "ingress", "ing"}},
		{"NetworkPolicy", []string{"networkpolicies", "networkpolicy", "netpol"}},
		{"Lease", []string{"leases", "lease"}},
		{"CustomResourceDefinition", []string{"customresourcedefinitions", "customresourcedefinition", "crd", "crds"}},
	} {
		for _, n := range t.names {
			m[n] = t.kind
		}
	}
	return m
}()

// unknownType is the error for a TYPE that cmd (get or describe) has no
// subcommand for: a real kind nucleus does not simulate, TYPE/NAME given to
// get, or kubectl's words with the closest types nucleus knows.
func unknownType(cmd *cobra.Command, arg, simulated string) error {
	if typ, name, ok := strings.Cut(arg, "/"); ok && cmd.Name() == "get" {
		return usagef("nucleus get lists every object of a type: try \"nucleus get %s FILE...\", or \"nucleus describe %s %s FILE...\" for one", typ, typ, name)
	}
	if kind, ok := notSimulated[strings.ToLower(arg)]; ok {
		return usagef("%s is a Kubernetes kind that nucleus does not simulate; it simulates %s", kind, simulated)
	}
	msg := fmt.Sprintf("the server doesn't have a resource type %q", arg)
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2 // as cobra does for commands
	}
	if s := cmd.SuggestionsFor(arg); len(s) > 0 {
		msg += "; did you mean " + quoteAll(s) + "?"
	}
	return usagef("%s", msg)
}

// quoteAll returns words sorted, quoted and joined by "or": `"node" or
// "pod"`.
func quoteAll(words []string) string {
	q := make([]string, len(words))
	for i, w := range slices.Sorted(slices.Values(words)) {
		q[i] = fmt.Sprintf("%q", w)
	}
	return strings.Join(q, " or ")
}

// quietDefaults keeps the help from saying a default twice: a flag whose
// usage states its own default ("default: the scenario's spec.duration,
// or 5m") loses pflag's "(default 5m0s)", which would contradict it.
func quietDefaults(cmd *cobra.Command) {
	zero := map[string]string{"duration": "0s", "string": "", "bool": "false", "int": "0", "uint": "0", "int64": "0", "uint64": "0"}
	quiet := func(f *pflag.Flag) {
		if z, ok := zero[f.Value.Type()]; ok && strings.Contains(f.Usage, "default:") {
			f.DefValue = z
		}
	}
	cmd.Flags().VisitAll(quiet)
	cmd.PersistentFlags().VisitAll(quiet)
	for _, c := range cmd.Commands() {
		quietDefaults(c)
	}
}
