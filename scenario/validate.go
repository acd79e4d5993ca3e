package scenario

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	corev1 "k8s.io/api/core/v1"
	metavalidation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/node"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/proxy"
	"github.com/nodenucleus/nucleus/runtime"
)

// maxRate bounds a stream of customers, per second.
const maxRate = 1000

// Validate returns what is wrong with the spec, each error naming its
// field path (spec.actions[2].delete.kind), as Kubernetes validation does.
func (s Spec) Validate() field.ErrorList {
	p := field.NewPath("spec")
	var errs field.ErrorList
	switch d := s.Duration.D(); {
	case d == 0:
		errs = append(errs, field.Required(p.Child("duration"), "how long to run, e.g. 5m"))
	case d < 0 || d > maxDuration:
		errs = append(errs, field.Invalid(p.Child("duration"), d.String(), "must be greater than 0 and at most 24h"))
	}
	if s.WatchDelay < 0 || s.WatchDelay.D() > maxDuration {
		errs = append(errs, field.Invalid(p.Child("watchDelay"), s.WatchDelay.String(), "must be between 0 and 24h"))
	}
	errs = append(errs, validateStores(p.Child("stores"), s.Stores)...)
	if s.Proxy != nil {
		pp := p.Child("proxy")
		if err := (proxy.Config{Mode: proxy.Mode(s.Proxy.Mode)}).Validate(); err != nil {
			errs = append(errs, field.NotSupported(pp.Child("mode"), s.Proxy.Mode,
				[]string{string(proxy.ModeIPTables), string(proxy.ModeNFTables), string(proxy.ModeIPVS)}))
		}
		if err := (proxy.Config{Scheduler: proxy.IPVSScheduler(s.Proxy.Scheduler)}).Validate(); err != nil {
			errs = append(errs, field.NotSupported(pp.Child("scheduler"), s.Proxy.Scheduler,
				[]string{string(proxy.SchedulerRoundRobin), string(proxy.SchedulerLeastConnection), string(proxy.SchedulerSourceHashing)}))
		}
	}
	errs = append(errs, validateImages(p.Child("images"), s.Images)...)
	errs = append(errs, validatePullTimes(p, s.Stores, s.Images)...)
	for i, a := range s.Actions {
		errs = append(errs, a.validate(p.Child("actions").Index(i), s.Duration)...)
	}
	for i, e := range s.Expect {
		errs = append(errs, e.validate(p.Child("expect").Index(i), s.Duration)...)
	}
	return errs
}

// validateStores checks the stores' names, labels, capacity and taints,
// as the API server checks a Node's (ValidateNode: labels, resources,
// taints with qualified keys and label values).
func validateStores(p *field.Path, stores []StoreSpec) field.ErrorList {
	var errs field.ErrorList
	total := Spec{Stores: stores}.StoreCount()
	if total > node.MaxIndex {
		errs = append(errs, field.TooMany(p, total, node.MaxIndex))
	}
	seen := map[string]bool{}
	for i, st := range stores {
		sp := p.Index(i)
		errs = append(errs, validateStoreNames(sp, st, seen, total <= node.MaxIndex)...)
		if st.Bandwidth < 0 {
			errs = append(errs, field.Invalid(sp.Child("bandwidth"), st.Bandwidth, "must be greater than or equal to 0"))
		}
		errs = append(errs, metavalidation.ValidateLabels(st.Labels, sp.Child("labels"))...)
		errs = append(errs, pod.ValidateNodeResources(st.Capacity, sp.Child("capacity"))...)
		for j, t := range st.Taints {
			tp := sp.Child("taints").Index(j)
			if t.Key == "" {
				errs = append(errs, field.Required(tp.Child("key"), ""))
			} else {
				errs = append(errs, metavalidation.ValidateLabelName(t.Key, tp.Child("key"))...)
			}
			for _, msg := range validation.IsValidLabelValue(t.Value) {
				errs = append(errs, field.Invalid(tp.Child("value"), t.Value, msg))
			}
			effects := []string{string(corev1.TaintEffectNoSchedule), string(corev1.TaintEffectPreferNoSchedule), string(corev1.TaintEffectNoExecute)}
			if !slices.Contains(effects, string(t.Effect)) {
				errs = append(errs, field.NotSupported(tp.Child("effect"), t.Effect, effects))
			}
		}
	}
	return errs
}

// validateStoreNames checks the name of a store entry, or, with a count,
// the names of its stores (Name-1 to Name-Count), against the names seen
// so far, which it adds to. A count of more stores than a chain may have
// is refused by the caller; expand is false then, and only the longest
// name is checked.
func validateStoreNames(sp *field.Path, st StoreSpec, seen map[string]bool, expand bool) field.ErrorList {
	var errs field.ErrorList
	if st.Count < 0 {
		errs = append(errs, field.Invalid(sp.Child("count"), st.Count, "must be greater than or equal to 0"))
	}
	if st.Name == "" {
		return append(errs, field.Required(sp.Child("name"), ""))
	}
	names := []string{st.Name}
	if st.Count > 0 {
		names = []string{countedName(st.Name, st.Count)}
		if expand {
			names = Spec{Stores: []StoreSpec{st}}.storeNames()
		}
	}
	for _, msg := range validation.IsDNS1123Subdomain(names[len(names)-1]) {
		errs = append(errs, field.Invalid(sp.Child("name"), names[len(names)-1], msg))
	}
	for _, name := range names {
		if seen[name] {
			errs = append(errs, field.Duplicate(sp.Child("name"), name))
		}
		seen[name] = true
	}
	return errs
}

// validateImages checks each scripted image by registering it in a
// scratch catalog, so that the runtime's own rules apply.
func validateImages(p *field.Path, images []ImageSpec) field.ErrorList {
	var errs field.ErrorList
	seen := map[string]bool{}
	for i, im := range images {
		ip := p.Index(i)
		if seen[im.Repository] {
			errs = append(errs, field.Duplicate(ip.Child("repository"), im.Repository))
		}
		seen[im.Repository] = true
		if im.Repository == "" {
			errs = append(errs, field.Required(ip.Child("repository"), ""))
			continue
		}
		err := runtime.NewCatalog().Register(im.Repository, im.Size, im.Behaviour.Runtime())
		errs = append(errs, prefixed(ip, err)...)
	}
	return errs
}

// A pull takes an image's size over the store's bandwidth (50 MB/s unless
// spec.stores sets one). maxPull bounds it: far beyond any run (at most
// 24h), so a pull that never ends within the run can still be written,
// and far below what the clock can count.
const (
	maxPull          = 1000 * time.Hour
	defaultBandwidth = 50_000_000
)

// validatePullTimes refuses a scripted image whose pull at the slowest
// store would take over maxPull: a size of 9223372036854775807 bytes at 1
// byte a second would overflow the clock.
func validatePullTimes(p *field.Path, stores []StoreSpec, images []ImageSpec) field.ErrorList {
	slowest := int64(defaultBandwidth)
	for i, st := range stores {
		if b := cmp.Or(st.Bandwidth, defaultBandwidth); i == 0 || b < slowest {
			slowest = b
		}
	}
	if slowest <= 0 {
		return nil // a negative bandwidth is refused on its own
	}
	var errs field.ErrorList
	for i, im := range images {
		if float64(im.Size)/float64(slowest) > maxPull.Seconds() {
			errs = append(errs, field.Invalid(p.Child("images").Index(i).Child("size"), im.Size,
				fmt.Sprintf("pulling it at the slowest store's bandwidth (%d bytes a second) must take at most %v", slowest, maxPull)))
		}
	}
	return errs
}

// prefixed returns the field errors inside err with their paths put under
// p; an error that holds none becomes one Invalid error at p.
func prefixed(p *field.Path, err error) field.ErrorList {
	if err == nil {
		return nil
	}
	var out field.ErrorList
	type aggregate interface{ Errors() []error }
	if agg, ok := err.(aggregate); ok {
		for _, e := range agg.Errors() {
			if fe, ok := e.(*field.Error); ok {
				c := *fe
				c.Field = p.String() + "." + fe.Field
				out = append(out, &c)
			}
		}
	}
	if len(out) == 0 {
		out = append(out, field.Invalid(p, "", err.Error()))
	}
	return out
}

// validateAt checks an instant: not negative, not after the run's end.
func validateAt(p *field.Path, at, duration Duration) field.ErrorList {
	if at < 0 || (duration > 0 && at > duration) {
		return field.ErrorList{field.Invalid(p, at.String(), fmt.Sprintf("must be between 0 and spec.duration (%s)", duration))}
	}
	return nil
}

// validRange checks a count's bounds.
func validRange(p *field.Path, r *Range) field.ErrorList {
	switch {
	case r == nil:
		return nil
	case r.AtLeast == nil && r.AtMost == nil:
		return field.ErrorList{field.Required(p, "atLeast or atMost")}
	case r.AtLeast != nil && *r.AtLeast < 0:
		return field.ErrorList{field.Invalid(p.Child("atLeast"), *r.AtLeast, "must be greater than or equal to 0")}
	case r.AtMost != nil && *r.AtMost < 0:
		return field.ErrorList{field.Invalid(p.Child("atMost"), *r.AtMost, "must be greater than or equal to 0")}
	case r.AtLeast != nil && r.AtMost != nil && *r.AtMost < *r.AtLeast:
		return field.ErrorList{field.Invalid(p.Child("atMost"), *r.AtMost, "must be greater than or equal to atLeast")}
	}
	return nil
}

// validRate checks a customers rate.
func validRate(p *field.Path, rate float64) field.ErrorList {
	if !(rate > 0) || rate > maxRate || math.IsInf(rate, 0) {
		return field.ErrorList{field.Invalid(p, rate, fmt.Sprintf("must be greater than 0 and at most %d", maxRate))}
	}
	return nil
}
