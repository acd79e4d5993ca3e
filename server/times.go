package server

import (
	"reflect"
	"sync"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

var (
	timeType      = reflect.TypeOf(metav1.Time{})
	microTimeType = reflect.TypeOf(metav1.MicroTime{})
)

// shiftTimes adds d to every timestamp of the object o points to
// (metav1.Time and metav1.MicroTime, however deep), leaving unset ones
// unset. The server hands out timestamps shifted so that the virtual now
// falls on the wall-clock now, and shifts the ones a client sends back.
// o must be the caller's own copy.
func shiftTimes(o any, d time.Duration) {
	if d == 0 {
		return
	}
	shiftValue(reflect.ValueOf(o), d)
}

func shiftValue(v reflect.Value, d time.Duration) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			shiftValue(v.Elem(), d)
		}
	case reflect.Slice:
		if !hasTimes(v.Type().Elem()) {
			return
		}
		for i := 0; i < v.Len(); i++ {
			shiftValue(v.Index(i), d)
		}
	case reflect.Struct:
		switch v.Type() {
		case timeType:
			if t := v.Addr().Interface().(*metav1.Time); !t.IsZero() {
				t.Time = t.Add(d)
			}
			return
		case microTimeType:
			if t := v.Addr().Interface().(*metav1.MicroTime); !t.IsZero() {
				t.Time = t.Add(d)
			}
			return
		}
		if !hasTimes(v.Type()) {
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if f := v.Field(i); f.CanSet() {
				shiftValue(f, d)
			}
		}
	}
}

// timeful caches, per type, whether a value of it can hold a timestamp.
var timeful sync.Map // reflect.Type -> bool

// hasTimes reports whether a value of type t can hold a timestamp (maps
// are not looked into: no Kubernetes type keeps one in a map).
func hasTimes(t reflect.Type) bool {
	if v, ok := timeful.Load(t); ok {
		return v.(bool)
	}
	has := typeHasTimes(t, map[reflect.Type]bool{})
	timeful.Store(t, has)
	return has
}

func typeHasTimes(t reflect.Type, seen map[reflect.Type]bool) bool {
	if t == timeType || t == microTimeType {
		return true
	}
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return typeHasTimes(t.Elem(), seen)
	case reflect.Interface:
		return true
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.IsExported() && typeHasTimes(f.Type, seen) {
				return true
			}
		}
	}
	return false
}
