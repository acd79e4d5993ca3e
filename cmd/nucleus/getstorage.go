package main

import (
	"io"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"

	"github.com/nodenucleus/nucleus/kubectl"
)

// storageResources are the StatefulSets, DaemonSets, claims, volumes and classes
// `nucleus get` shows.
func storageResources() []resource {
	return []resource{
		{"statefulsets", []string{"statefulset", "sts"}, func(w *world, sc scope) shown {
			return showStatefulSets(inScope(w.c.StatefulSets(), sc), w.now())
		}},
		{"daemonsets", []string{"daemonset", "ds"}, func(w *world, sc scope) shown {
			d := inScope(w.c.DaemonSets(), sc)
			return shown{apiVersion: "apps/v1", kind: "DaemonSet", namespaced: true, items: objects(d),
				table: func(out io.Writer, wide, _ bool) error { return kubectl.PrintDaemonSets(out, d, w.now(), wide) }}
		}},
		{"persistentvolumeclaims", []string{"persistentvolumeclaim", "pvc"}, func(w *world, sc scope) shown {
			return showClaims(inScope(w.c.Claims(), sc), w.now())
		}},
		{"persistentvolumes", []string{"persistentvolume", "pv"}, func(w *world, _ scope) shown {
			return showVolumes(w.c.Volumes(), w.now())
		}},
		{"storageclasses", []string{"storageclass", "sc"}, func(w *world, _ scope) shown {
			return showStorageClasses(w.c.StorageClasses(), w.now())
		}},
	}
}

// showStatefulSets returns sets as `kubectl get statefulsets` shows them
// at now.
func showStatefulSets(sets []*appsv1.StatefulSet, now time.Time) shown {
	return shown{apiVersion: "apps/v1", kind: "StatefulSet", namespaced: true, items: objects(sets),
		table: func(w io.Writer, wide, _ bool) error { return kubectl.PrintStatefulSets(w, sets, now, wide) }}
}

// storageDescribables are the StatefulSets, DaemonSets, claims, volumes
// and classes `nucleus describe` shows.
func storageDescribables() []describable {
	return []describable{
		{"statefulset", []string{"statefulsets", "sts"}, func(w *world, out io.Writer, ns, name string) error {
			s, err := w.c.API().StatefulSets.Get(ns, name)
			if err != nil {
				return err
			}
			return kubectl.DescribeStatefulSet(out, s, w.c.Pods(), w.log.For("StatefulSet", ns, name), w.now())
		}},
		{"daemonset", []string{"daemonsets", "ds"}, func(w *world, out io.Writer, ns, name string) error {
			d, err := w.c.API().DaemonSets.Get(ns, name)
			if err != nil {
				return err
			}
			return kubectl.DescribeDaemonSet(out, d, w.c.Pods(), w.log.For("DaemonSet", ns, name), w.now())
		}},
		{"persistentvolumeclaim", []string{"persistentvolumeclaims", "pvc"}, func(w *world, out io.Writer, ns, name string) error {
			c, err := w.c.API().Claims.Get(ns, name)
			if err != nil {
				return err
			}
			return kubectl.DescribeClaim(out, c, w.c.Pods(), w.log.For("PersistentVolumeClaim", ns, name), w.now())
		}},
		{"persistentvolume", []string{"persistentvolumes", "pv"}, func(w *world, out io.Writer, _, name string) error {
			v, err := w.c.API().Volumes.Get("", name)
			if err != nil {
				return err
			}
			return kubectl.DescribeVolume(out, v, w.log.For("PersistentVolume", "", name), w.now())
		}},
		{"storageclass", []string{"storageclasses", "sc"}, func(w *world, out io.Writer, _, name string) error {
			w.c.StorageClasses() // the default class is there from the start
			sc, err := w.c.API().StorageClasses.Get("", name)
			if err != nil {
				return err
			}
			return kubectl.DescribeStorageClass(out, sc, w.log.For("StorageClass", "", name), w.now())
		}},
	}
}

// showClaims returns claims as `kubectl get pvc` shows them at now.
func showClaims(claims []*corev1.PersistentVolumeClaim, now time.Time) shown {
	return shown{apiVersion: "v1", kind: "PersistentVolumeClaim", namespaced: true, items: objects(claims),
		table: func(w io.Writer, wide, _ bool) error { return kubectl.PrintClaims(w, claims, now, wide) }}
}

// showVolumes returns volumes as `kubectl get pv` shows them at now.
func showVolumes(volumes []*corev1.PersistentVolume, now time.Time) shown {
	return shown{apiVersion: "v1", kind: "PersistentVolume", items: objects(volumes),
		table: func(w io.Writer, wide, _ bool) error { return kubectl.PrintVolumes(w, volumes, now, wide) }}
}

// showStorageClasses returns classes as `kubectl get storageclass` shows
// them at now.
func showStorageClasses(classes []*storagev1.StorageClass, now time.Time) shown {
	return shown{apiVersion: "storage.k8s.io/v1", kind: "StorageClass", items: objects(classes),
		table: func(w io.Writer, _, _ bool) error { return kubectl.PrintStorageClasses(w, classes, now) }}
}
