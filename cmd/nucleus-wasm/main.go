//go:build js && wasm

// Command nucleus-wasm is the simulation for the browser playground,
// compiled with GOOS=js GOARCH=wasm (`nucleus playground -o DIR` builds
// it). It sets globalThis.nucleus, whose functions hand the page's
// questions to a playground.Session and answer in JSON, then calls
// globalThis.nucleusReady and waits for calls.
package main

import (
	"encoding/json"
	"syscall/js"
	"time"

	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/playground"
)

func main() {
	var session *playground.Session
	problem := func(err error) any { return map[string]any{"problem": playground.ProblemOf(err)} }
	noSession := map[string]any{"problem": playground.Problem{Message: "no scenario yet: press Run"}}
	fns := map[string]func(args []js.Value) any{
		"examples": func([]js.Value) any { return playground.Examples() },
		"open": func(args []js.Value) any {
			s, err := playground.Open("editor.yaml", []byte(args[0].String()))
			if err != nil {
				return problem(err)
			}
			session = s
			return map[string]any{"name": s.Name(), "duration": s.Duration(), "warnings": s.Warnings()}
		},
		"run": func(args []js.Value) any {
			if session == nil {
				return noSession
			}
			v, err := narrate.ParseVoice(args[0].String())
			if err != nil {
				return problem(err)
			}
			whole, err := session.Run(v)
			if err != nil {
				return problem(err)
			}
			return whole
		},
		"at": func(args []js.Value) any {
			if session == nil {
				return noSession
			}
			in, err := session.At(time.Duration(args[0].Float()))
			if err != nil {
				return problem(err)
			}
			return in
		},
		"timeline": func([]js.Value) any {
			if session == nil {
				return noSession
			}
			svg, err := session.Timeline()
			if err != nil {
				return problem(err)
			}
			return map[string]any{"svg": svg}
		},
		"command": func(args []js.Value) any {
			if session == nil {
				return noSession
			}
			r, err := session.Command(time.Duration(args[0].Float()), args[1].String(), args[2].String())
			if err != nil {
				out := problem(err).(map[string]any)
				out["output"], out["changed"] = r.Output, r.Changed
				return out
			}
			return r
		},
		"exportYAML": func([]js.Value) any {
			if session == nil {
				return noSession
			}
			return map[string]any{"yaml": string(session.Export())}
		},
	}
	api := js.Global().Get("Object").New()
	for name, fn := range fns {
		api.Set(name, js.FuncOf(func(_ js.Value, args []js.Value) any {
			data, err := json.Marshal(fn(args))
			if err != nil {
				data, _ = json.Marshal(problem(err))
			}
			return string(data)
		}))
	}
	js.Global().Set("nucleus", api)
	js.Global().Call("nucleusReady")
	select {}
}
