package main

import (
	"io"
	"time"

	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"

	"github.com/nodenucleus/nucleus/kubectl"
)

// storageResources are the claims, volumes and classes `nucleus get` shows.
func storageResources() []resource {
	return []resource{
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
