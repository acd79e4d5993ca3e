// Package events is the store logbook: it turns what components report
// (sim records of kind Event) into Kubernetes Event objects, the way a
// component's event recorder and the API server do, and prints them as
// `kubectl get events` does.
//
// # Mental model
//
// A component (the kubelet, the scheduler, kube-proxy) does not write Event
// objects directly. It hands each event to its event recorder (client-go's
// tools/record), whose correlator decides what reaches the API server:
//
//	record  -> makeEvent      name "<object>.<hex nanoseconds>", count 1
//	        -> aggregate      10 different messages for the same reason in
//	                          10 minutes: one "(combined from similar
//	                          events): ..." Event instead
//	        -> deduplicate    an identical event (same source, host, object,
//	                          fieldPath, type, reason, message) bumps count
//	                          and lastTimestamp of the first one
//	        -> spam filter    each source may write 25 events about one
//	                          object at once, then one every 5 minutes
//	        -> API server     stored Event (timestamps in whole seconds)
//
// [Log] does all four steps, exactly as client-go's EventCorrelator does
// (tools/record/events_cache.go): the identical-event count, the
// similar-message aggregation and the source+object spam filter, with its
// token bucket of 25 and a refill of one token every 300 seconds. An event
// the spam filter drops still counts: the next one that passes carries the
// full count, as on a real cluster, where a crash-looping pod shows
// "Back-off restarting failed container" with a count that grows by about
// one every five minutes.
//
// Where nucleus simplifies:
//   - client-go caches its keys in LRU caches of 4096 entries; the logbook
//     forgets nothing.
//   - once a group of similar events reaches 10 messages, client-go forgets
//     one of them at random (a set's PopAny); the logbook forgets the
//     alphabetically first, so every run is the same.
//   - every component records through the legacy core/v1 recorder, so every
//     Event has source, count and first/lastTimestamp; on a real cluster the
//     scheduler uses the newer events.k8s.io recorder instead.
//   - metadata.uid and metadata.resourceVersion, which the API server would
//     assign, are left empty.
//
// [PrintTable] prints `kubectl get events`, and [PrintWideTable] `kubectl
// get events -o wide`. kubectl itself prints events in
// the order the API server lists them (by name, that is by object name and
// then time); the logbook sorts them by lastTimestamp, oldest first, as
// `kubectl get events --sort-by=.lastTimestamp` does, which reads as a
// story.
//
// # In the store
//
// The logbook is the store's diary. The store manager writes "Pulled the
// training manual", "Back-off restarting failed container" ... in it; when
// the same line would be written again, the manager instead adds a tally
// mark to the line already there (count) and notes when it happened last.
package events
