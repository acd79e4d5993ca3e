package server

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"

	"github.com/nodenucleus/nucleus/controller"
	"github.com/nodenucleus/nucleus/kubectl"
)

// storageResources are the StatefulSets, DaemonSets, claims, volumes and classes the
// server serves. The default class is installed before the first read, as
// a kind cluster has it from the start.
func (s *Server) storageResources() []*resource {
	api := s.api
	controller.EnsureDefaultStorageClass(api)
	statefulSets := storeResource(&resource{
		group: "apps", version: "v1", kind: "StatefulSet", plural: "statefulsets", singular: "statefulset",
		namespaced: true, shortNames: []string{"sts"}, categories: []string{"all"},
		writable: []string{"create", "update", "patch", "delete"}, subresources: []string{"status", "scale"},
		table: typed(kubectl.StatefulSetTable),
	}, api.StatefulSets, func() *appsv1.StatefulSet { return &appsv1.StatefulSet{} })
	daemonSets := storeResource(&resource{
		group: "apps", version: "v1", kind: "DaemonSet", plural: "daemonsets", singular: "daemonset",
		namespaced: true, shortNames: []string{"ds"}, categories: []string{"all"},
		writable: []string{"create", "update", "patch", "delete"}, subresources: []string{"status"},
		table: typed(kubectl.DaemonSetTable),
	}, api.DaemonSets, func() *appsv1.DaemonSet { return &appsv1.DaemonSet{} })
	claims := storeResource(&resource{
		version: "v1", kind: "PersistentVolumeClaim", plural: "persistentvolumeclaims", singular: "persistentvolumeclaim",
		namespaced: true, shortNames: []string{"pvc"}, writable: []string{"create", "update", "patch", "delete"}, subresources: []string{"status"},
		table: typed(kubectl.ClaimTable),
	}, api.Claims, func() *corev1.PersistentVolumeClaim { return &corev1.PersistentVolumeClaim{} })
	volumes := storeResource(&resource{
		version: "v1", kind: "PersistentVolume", plural: "persistentvolumes", singular: "persistentvolume",
		shortNames: []string{"pv"}, writable: []string{"create", "update", "patch", "delete"}, subresources: []string{"status"},
		table: typed(kubectl.VolumeTable),
	}, api.Volumes, func() *corev1.PersistentVolume { return &corev1.PersistentVolume{} })
	classes := storeResource(&resource{
		group: "storage.k8s.io", version: "v1", kind: "StorageClass", plural: "storageclasses", singular: "storageclass",
		shortNames: []string{"sc"}, writable: []string{"create", "update", "patch", "delete"},
		table: typed(kubectl.StorageClassTable),
	}, api.StorageClasses, func() *storagev1.StorageClass { return &storagev1.StorageClass{} })
	// The revisions are head office's: served for reading, as `kubectl
	// rollout history` of a StatefulSet or a DaemonSet reads them.
	revisions := storeResource(&resource{
		group: "apps", version: "v1", kind: "ControllerRevision", plural: "controllerrevisions", singular: "controllerrevision",
		namespaced: true, table: typed(kubectl.ControllerRevisionTable),
	}, api.ControllerRevisions, func() *appsv1.ControllerRevision { return &appsv1.ControllerRevision{} })
	return []*resource{statefulSets, daemonSets, revisions, claims, volumes, classes}
}
