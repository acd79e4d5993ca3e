package main

import (
	"io"

	"github.com/nodenucleus/nucleus/kubectl"
)

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
