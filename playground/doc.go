// Package playground is the Go side of the browser playground: a session
// that holds one scenario, runs it, and answers what the page asks at any
// instant (the narration, `kubectl get pods`, describe, logs, the store
// picture, the timeline, the check report), and takes kubectl's own
// commands. cmd/nucleus-wasm hands it to the page through syscall/js;
// this package is pure and deterministic like the simulation below it, so
// `go test` checks everything the page shows.
//
// # Mental model
//
// A session is a scenario and nothing else. Every view is a fresh,
// quiet run of that scenario to the instant asked for; nothing is
// remembered between instants, so a slider moved back shows exactly what
// a run to that instant shows. A command that changes the chain (apply,
// delete, scale) becomes one more scenario action at the current instant
// (scenario.Scenario.Act), and the session's scenario is then the
// written-out result (Scenario.Marshal) read back in. So what the page
// shows after a command is, by construction, what `nucleus run` shows for
// the exported session:
//
//	YAML ──Open──▶ Session ──Run / At / Timeline──▶ page
//	                  ▲ │
//	   kubectl delete │ └──Export──▶ YAML that `nucleus run` replays byte for byte
//	   pod web at 1m ─┘
//
// The page itself (index.html, app.js, style.css) is in Site; the colours
// of style.css are checked against WCAG AA contrast in the tests. The
// same page, in live mode (LivePage), is what `nucleus serve` serves at
// /: it follows the served API's watches instead of running the
// simulation in the browser.
//
// # Simplifications
//
// kubectl's output for apply says "created" for a new object and
// "configured" otherwise (it does not compare the objects to say
// "unchanged"). An example scenario that reads another file (applyFile)
// is not offered: the page has no file system.
package playground
