package playground

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/view"
)

// Result is what a command printed, and whether it changed the chain
// (so the page runs the session again).
type Result struct {
	Output  string `json:"output"`
	Changed bool   `json:"changed"`
}

// Command carries out one kubectl command line at instant t, as a
// sandbox's terminal does on a real cluster: `get TYPE` (the types
// `nucleus get` takes: pods, events, deployments, ...; several separated
// by commas, or all), `describe pod NAME`, `logs NAME [-c C]
// [--previous]` read the chain at t; `apply -f -` (with editor, the
// editor's YAML), `delete pod NAME` and `scale deployment NAME
// --replicas=N` change it at t, as scenario actions. The leading
// "kubectl" is optional; -n NAMESPACE works everywhere, -A with get. The
// error is kubectl's message for a bad command, or the API server's for a
// missing object.
func (s *Session) Command(t time.Duration, line, editor string) (Result, error) {
	c, err := parseCommand(line)
	if err != nil {
		return Result{}, err
	}
	switch c.verb {
	case "get", "describe", "logs":
		out, err := s.read(s.clamp(t), c)
		return Result{Output: out}, err
	case "apply":
		return s.apply(t, c, editor)
	case "delete":
		if err := c.want(2, "delete pod NAME"); err != nil {
			return Result{}, err
		}
		if err := c.podKind(); err != nil {
			return Result{}, err
		}
		err := s.act(t, scenario.Action{Delete: &scenario.DeleteAction{Kind: "Pod", Name: c.args[1], Namespace: c.namespace}})
		return Result{Output: fmt.Sprintf("pod %q deleted\n", c.args[1]), Changed: err == nil}, err
	case "scale":
		return s.scale(t, c)
	}
	return Result{}, fmt.Errorf("error: unknown command %q for \"kubectl\"; the playground takes get, describe, logs, apply, delete and scale", c.verb)
}

// command is one parsed kubectl command line.
type command struct {
	verb      string
	args      []string
	namespace string
	all       bool
	container string
	previous  bool
	file      string
	replicas  string
}

// parseCommand splits line into kubectl's verb, arguments and the flags
// the playground follows.
func parseCommand(line string) (command, error) {
	words := strings.Fields(line)
	if len(words) > 0 && words[0] == "kubectl" {
		words = words[1:]
	}
	if len(words) == 0 {
		return command{}, fmt.Errorf("error: type a kubectl command, e.g. kubectl get pods")
	}
	c := command{verb: words[0], namespace: corev1.NamespaceDefault}
	for i := 1; i < len(words); i++ {
		w := words[i]
		name, value, hasValue := strings.Cut(w, "=")
		takes := func() (string, error) {
			if hasValue {
				return value, nil
			}
			if i+1 >= len(words) {
				return "", fmt.Errorf("error: flag needs an argument: %s", name)
			}
			i++
			return words[i], nil
		}
		var err error
		switch name {
		case "-n", "--namespace":
			c.namespace, err = takes()
		case "-c", "--container":
			c.container, err = takes()
		case "-f", "--filename":
			c.file, err = takes()
		case "--replicas":
			c.replicas, err = takes()
		case "-p", "--previous":
			c.previous = true
		case "-A", "--all-namespaces":
			c.all = true
		default:
			if strings.HasPrefix(w, "-") {
				return command{}, fmt.Errorf("error: unknown flag: %s", name)
			}
			c.args = append(c.args, w)
		}
		if err != nil {
			return command{}, err
		}
	}
	return c, nil
}

// want returns a usage error unless the command has n arguments.
func (c command) want(n int, usage string) error {
	if len(c.args) != n {
		return fmt.Errorf("error: usage: kubectl %s", usage)
	}
	return nil
}

// podKind returns kubectl's error unless the first argument names pods.
func (c command) podKind() error {
	switch c.args[0] {
	case "pod", "pods", "po":
		return nil
	}
	return fmt.Errorf("error: the playground's %s takes pods: kubectl %s pod NAME", c.verb, c.verb)
}

// read carries out get, describe and logs at t.
func (s *Session) read(t time.Duration, c command) (string, error) {
	w, err := s.world(t)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	switch {
	case c.verb == "get":
		return get(w, c)
	case c.verb == "describe":
		if err := c.want(2, "describe pod NAME"); err != nil {
			return "", err
		}
		if err := c.podKind(); err != nil {
			return "", err
		}
		err = view.DescribePod(&b, w.c, w.log.For("Pod", c.namespace, c.args[1]), c.namespace, c.args[1])
	default:
		if err := c.want(1, "logs POD [-c CONTAINER] [--previous]"); err != nil {
			return "", err
		}
		err = view.Logs(&b, w.c, c.namespace, c.args[0], view.LogOptions{Container: c.container, Previous: c.previous, Tail: -1})
	}
	if err != nil {
		return "", err
	}
	return b.String(), nil
}

// get carries out `get TYPE[,TYPE...]` as `nucleus get` does, through
// the same table of types (package view): one type under any of
// kubectl's names, several separated by commas, or all; -A looks in
// every namespace. kubectl's "No resources found" line is part of the
// output, as a terminal shows it.
func get(w *world, c command) (string, error) {
	if err := c.want(1, "get TYPE[,TYPE...] [-n NAMESPACE | -A]"); err != nil {
		return "", err
	}
	types, unknown := view.TypesNamed(c.args[0])
	if unknown != "" {
		return "", fmt.Errorf("error: the server doesn't have a resource type %q", unknown)
	}
	sc := view.Scope{Namespace: c.namespace, All: c.all}
	src := view.Source{Cluster: w.c, Log: w.log}
	ls := make([]view.Listing, len(types))
	namespaced := false
	for i, t := range types {
		ls[i] = t.Show(src, sc)
		namespaced = namespaced || ls[i].Namespaced
	}
	var b bytes.Buffer
	if err := view.WriteTables(&b, &b, ls, len(types) > 1, namespaced, false, sc); err != nil {
		return "", err
	}
	return b.String(), nil
}

// apply applies the objects of the editor's YAML at t, one apply action
// per object (an update for an object that exists), as `kubectl apply -f
// -` with the editor piped in. A
// Scenario document in the editor is skipped: it is what the session
// runs, not an object. Errors in the YAML name the editor's line.
func (s *Session) apply(t time.Duration, c command, editor string) (Result, error) {
	if c.file != "-" || len(c.args) != 0 {
		return Result{}, fmt.Errorf("error: the playground applies the editor's YAML: kubectl apply -f -")
	}
	in, err := scenario.Load(s.file, []byte(editor))
	if err != nil {
		return Result{}, err
	}
	if len(in.Objects) == 0 {
		return Result{}, fmt.Errorf("error: no objects passed to apply")
	}
	var out strings.Builder
	for _, d := range in.Objects {
		raw, err := json.Marshal(d.Object)
		if err != nil {
			return Result{}, err
		}
		msg := json.RawMessage(raw)
		a, verb := scenario.Action{Apply: &msg}, "created"
		if s.holds(t, d.Object) {
			a, verb = scenario.Action{Update: &msg}, "configured"
		}
		if err := s.act(t, a); err != nil {
			return Result{Output: out.String(), Changed: out.Len() > 0}, err
		}
		fmt.Fprintf(&out, "%s %s\n", objectName(d.Object), verb)
	}
	return Result{Output: out.String(), Changed: true}, nil
}

// holds reports whether head office holds obj at t: kubectl apply then
// patches it (an update action, under the API server's update rules) and
// prints "configured"; otherwise it creates it.
func (s *Session) holds(t time.Duration, obj any) bool {
	w, err := s.world(t)
	if err != nil {
		return false
	}
	api := w.c.API()
	var found error
	switch o := obj.(type) {
	case *corev1.Pod:
		_, found = api.Pods.Get(namespaceOr(o.Namespace), o.Name)
	case *corev1.Service:
		_, found = api.Services.Get(namespaceOr(o.Namespace), o.Name)
	case *corev1.ConfigMap:
		_, found = api.ConfigMaps.Get(namespaceOr(o.Namespace), o.Name)
	case *corev1.Secret:
		_, found = api.Secrets.Get(namespaceOr(o.Namespace), o.Name)
	case *appsv1.Deployment:
		_, found = api.Deployments.Get(namespaceOr(o.Namespace), o.Name)
	case *batchv1.Job:
		_, found = api.Jobs.Get(namespaceOr(o.Namespace), o.Name)
	case *batchv1.CronJob:
		_, found = api.CronJobs.Get(namespaceOr(o.Namespace), o.Name)
	default:
		return false
	}
	return found == nil
}

// objectName returns kubectl's name for obj: its resource (with the
// group, for the kinds outside the core group) and name, pod/web or
// deployment.apps/web.
func objectName(obj any) string {
	var resource string
	switch obj.(type) {
	case *corev1.Pod:
		resource = "pod"
	case *corev1.Service:
		resource = "service"
	case *corev1.ConfigMap:
		resource = "configmap"
	case *corev1.Secret:
		resource = "secret"
	case *appsv1.Deployment:
		resource = "deployment.apps"
	case *appsv1.ReplicaSet:
		resource = "replicaset.apps"
	case *batchv1.Job:
		resource = "job.batch"
	case *batchv1.CronJob:
		resource = "cronjob.batch"
	default:
		resource = strings.ToLower(strings.TrimPrefix(fmt.Sprintf("%T", obj), "*"))
		resource = resource[strings.LastIndexByte(resource, '.')+1:]
	}
	name := ""
	if m, ok := obj.(metav1.Object); ok {
		name = m.GetName()
	}
	return resource + "/" + name
}

// namespaceOr returns ns, or "default" for an object that names none.
func namespaceOr(ns string) string {
	if ns == "" {
		return corev1.NamespaceDefault
	}
	return ns
}

// scale sets a Deployment's replicas at t.
func (s *Session) scale(t time.Duration, c command) (Result, error) {
	if err := c.want(2, "scale deployment NAME --replicas=N"); err != nil {
		return Result{}, err
	}
	if c.args[0] != "deployment" && c.args[0] != "deployments" && c.args[0] != "deploy" {
		return Result{}, fmt.Errorf("error: the playground scales deployments: kubectl scale deployment NAME --replicas=N")
	}
	n, err := strconv.ParseInt(c.replicas, 10, 32)
	if err != nil || n < 0 {
		return Result{}, fmt.Errorf("error: --replicas=COUNT is required, and COUNT must be greater than or equal to 0")
	}
	err = s.act(t, scenario.Action{Scale: &scenario.ScaleAction{Deployment: c.args[1], Namespace: c.namespace, Replicas: int32(n)}})
	return Result{Output: fmt.Sprintf("deployment.apps/%s scaled\n", c.args[1]), Changed: err == nil}, err
}
