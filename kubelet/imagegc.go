package kubelet

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// The image garbage collector's policy: every 5 minutes, when the image
// filesystem is 85% full or more, remove unused images down to 80%; an
// image is never removed before it has been known for 2 minutes.
// Reference: kubelet.md §9.1 (imageMinimumGCAge,
// imageGCHighThresholdPercent, imageGCLowThresholdPercent);
// pkg/kubelet/kubelet.go (ImageGCPeriod = 5 * time.Minute).
const (
	imageGCPeriod               = 5 * time.Minute
	imageMinimumGCAge           = 2 * time.Minute
	imageGCHighThresholdPercent = 85
	imageGCLowThresholdPercent  = 80
)

// imageRecord is what the image garbage collector knows of an image:
// when it first saw it, and when it last saw a container use it.
type imageRecord struct {
	firstDetected, lastUsed sim.Time
	used                    bool // lastUsed is set
}

// detectImages is the image manager's detectImages: it notes the images
// present (a new one is first detected now) and marks those a container
// uses (running or dead) as used now. It returns the images present,
// sorted by reference, and the set in use.
// Reference: pkg/kubelet/images/image_gc_manager.go (detectImages).
func (k *Kubelet) detectImages(now sim.Time) ([]runtime.ImageInfo, map[string]bool) {
	inUse := map[string]bool{}
	for _, w := range k.ordered {
		for _, c := range k.containers(w) {
			inUse[c.Image] = true
		}
	}
	images := k.rt.ListImages()
	present := make(map[string]bool, len(images))
	for _, im := range images {
		ref := im.RepoTags[0]
		present[ref] = true
		rec, ok := k.imageRecords[ref]
		if !ok {
			rec = &imageRecord{firstDetected: now}
			k.imageRecords[ref] = rec
		}
		if inUse[ref] {
			rec.lastUsed, rec.used = now, true
		}
	}
	for ref := range k.imageRecords {
		if !present[ref] {
			delete(k.imageRecords, ref)
		}
	}
	return images, inUse
}

// freeImages is the image manager's freeSpace: it removes unused images,
// least recently used first (then first detected first), skipping any
// known for less than the minimum age, until bytesToFree are freed. It
// returns the bytes freed.
// Reference: pkg/kubelet/images/image_gc_manager.go (freeSpace,
// byLastUsedAndDetected; MinAge is measured from firstDetected).
func (k *Kubelet) freeImages(bytesToFree int64) int64 {
	now := k.loop.Now()
	images, inUse := k.detectImages(now)
	var candidates []runtime.ImageInfo
	for _, im := range images {
		ref := im.RepoTags[0]
		if inUse[ref] || now.Sub(k.imageRecords[ref].firstDetected) < imageMinimumGCAge {
			continue
		}
		candidates = append(candidates, im)
	}
	slices.SortStableFunc(candidates, func(a, b runtime.ImageInfo) int {
		ra, rb := k.imageRecords[a.RepoTags[0]], k.imageRecords[b.RepoTags[0]]
		return cmp.Or(cmp.Compare(ra.lastUsed, rb.lastUsed), cmp.Compare(ra.firstDetected, rb.firstDetected))
	})
	var freed int64
	for _, im := range candidates {
		if freed >= bytesToFree {
			break
		}
		ref := im.RepoTags[0]
		if err := k.rt.RemoveImage(ref); err != nil {
			continue
		}
		delete(k.imageRecords, ref)
		freed += im.DiskSize
		k.record(sim.Record{Kind: sim.Change, Object: k.nodeRef(), Reason: "ImageGarbageCollected",
			Message: fmt.Sprintf("Removing image %q to free %d bytes", ref, im.DiskSize), Facts: sim.Facts{Image: ref}})
	}
	return freed
}

// imageGCTick is the periodic image garbage collection: when the disk is
// 85% full or more, free unused images down to 80%; when the images that
// may go are not enough, a Warning FreeDiskSpaceFailed Event on the Node
// says so, and when that happens at two passes in a row a Warning
// ImageGCFailed Event follows it with the same message (the kubelet
// stays quiet about a single failure, which may only mean its disk
// statistics are not ready yet).
// Reference: pkg/kubelet/images/image_gc_manager.go (GarbageCollect:
// usagePercent := 100 - available*100/capacity; amountToFree :=
// capacity*(100-low)/100 - available); pkg/kubelet/kubelet.go
// (StartGarbageCollection: prevImageGCFailed, "Only create an event for
// repeated failures").
func (k *Kubelet) imageGCTick() {
	msg, failed := k.collectImages()
	if failed && k.imageGCFailed {
		k.record(sim.Record{Kind: sim.Event, Type: sim.Warning, Object: k.nodeRef(), Reason: "ImageGCFailed", Message: msg})
	}
	k.imageGCFailed = failed
}

// collectImages is the image manager's GarbageCollect: it returns the
// error's message and true when it could not free enough.
func (k *Kubelet) collectImages() (string, bool) {
	d := k.observeDisk()
	if d.capacity == 0 {
		return "", false
	}
	usagePercent := 100 - int(d.available*100/d.capacity)
	if usagePercent < imageGCHighThresholdPercent {
		k.detectImages(k.loop.Now())
		return "", false
	}
	amountToFree := d.capacity*(100-imageGCLowThresholdPercent)/100 - d.available
	freed := k.freeImages(amountToFree)
	if freed >= amountToFree {
		return "", false
	}
	msg := fmt.Sprintf("Failed to garbage collect required amount of images. Attempted to free %d bytes, but only found %d bytes eligible to free.", amountToFree, freed)
	k.record(sim.Record{Kind: sim.Event, Type: sim.Warning, Object: k.nodeRef(), Reason: "FreeDiskSpaceFailed", Message: msg})
	return msg, true
}
