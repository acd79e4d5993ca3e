// nucleus playground: the page's side. The simulation runs in Go, compiled
// to WebAssembly (nucleus.wasm); it sets globalThis.nucleus, whose
// functions take and return JSON. In the live page (`nucleus serve`), the
// page follows the served API's watches instead. No external requests.
"use strict";

const $ = (id) => document.getElementById(id);
const SECOND = 1e9;
const live = document.body.dataset.mode === "live";
const state = { duration: 180 * SECOND, at: 0, lines: [], playing: false, pace: 10, pending: false };

function say(text) { $("status").textContent = text; }

// parseDuration reads 90, 90s, 1m30s, 1h or 00:01:30 as nanoseconds.
function parseDuration(s) {
  s = (s || "").trim();
  if (/^\d+$/.test(s)) return Number(s) * SECOND;
  let m = /^(\d+):(\d\d):(\d\d)$/.exec(s);
  if (m) return ((+m[1]) * 3600 + (+m[2]) * 60 + (+m[3])) * SECOND;
  m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(s);
  if (!m || s === "") return NaN;
  return ((+(m[1] || 0)) * 3600 + (+(m[2] || 0)) * 60 + (+(m[3] || 0))) * SECOND;
}

function clock(ns) {
  const s = Math.floor(ns / SECOND);
  const p = (n) => String(n).padStart(2, "0");
  return p(Math.floor(s / 3600)) + ":" + p(Math.floor(s / 60) % 60) + ":" + p(s % 60);
}

function call(fn, ...args) { return JSON.parse(globalThis.nucleus[fn](...args)); }

function showProblem(p) {
  const box = $("problem");
  if (!p) { box.hidden = true; box.textContent = ""; return; }
  box.hidden = false;
  box.textContent = (p.line ? "line " + p.line + ": " : "") + p.message;
  if (p.line) {
    const lines = $("editor").value.split("\n");
    const start = lines.slice(0, p.line - 1).join("\n").length + (p.line > 1 ? 1 : 0);
    $("editor").setSelectionRange(start, start + (lines[p.line - 1] || "").length);
  }
}

// load opens the editor's YAML and runs it whole: narration, checks,
// timeline; then shows the slider's instant.
function load() {
  const opened = call("open", $("editor").value);
  showProblem(opened.problem);
  if (opened.problem) { say("The YAML has a problem: see below the editor."); return false; }
  $("warnings").hidden = !opened.warnings.length;
  $("warnings").textContent = opened.warnings.map((w) => "warning: " + w).join("\n");
  state.duration = opened.duration;
  $("slider").max = String(opened.duration / SECOND);
  rerun();
  say("Ran " + (opened.name || "the manifests") + " for " + clock(opened.duration) + ".");
  return true;
}

// rerun computes what covers the whole run again (after a load or a
// command that changed the chain).
function rerun() {
  const whole = call("run", $("voice").value);
  if (whole.problem) { showProblem(whole.problem); return; }
  state.lines = whole.lines || [];
  $("checks").textContent = whole.checks || "This scenario expects nothing.";
  $("timeline").innerHTML = call("timeline").svg || "";
  show(state.at);
}

// show moves the page to instant ns: slider, narration so far, pods and
// the picture there, and the URL.
function show(ns) {
  state.at = Math.max(0, Math.min(ns, state.duration));
  $("slider").value = String(Math.floor(state.at / SECOND));
  $("now").textContent = clock(state.at);
  $("narration").textContent = state.lines.filter((l) => l.at <= state.at).map((l) => l.text).join("\n");
  $("narration").scrollTop = $("narration").scrollHeight;
  if (state.pending) return;
  state.pending = true;
  requestAnimationFrame(() => {
    state.pending = false;
    const view = call("at", state.at);
    if (view.problem) { showProblem(view.problem); return; }
    $("pods").textContent = view.pods;
    $("picture").innerHTML = view.picture;
  });
  const url = new URL(location.href);
  url.searchParams.set("at", Math.floor(state.at / SECOND) + "s");
  history.replaceState(null, "", url);
}

function command(line) {
  const r = call("command", state.at, line, $("editor").value);
  $("cmd-out").textContent = "$ " + line + "\n" + (r.problem ? r.problem.message : r.output);
  if (r.changed) {
    $("editor").value = call("exportYAML").yaml;
    rerun();
  }
}

function tick(last) {
  if (!state.playing) return;
  requestAnimationFrame((t) => {
    const step = last ? (t - last) * 1e6 * state.pace : 0;
    show(state.at + step);
    if (state.at >= state.duration) { setPlaying(false); return; }
    tick(t);
  });
}

function setPlaying(on) {
  state.playing = on;
  $("play").setAttribute("aria-pressed", String(on));
  $("play").textContent = on ? "Pause" : "Play";
  if (on) tick(0);
}

function wireCommon() {
  $("large").addEventListener("click", () => {
    const on = document.body.classList.toggle("large");
    $("large").setAttribute("aria-pressed", String(on));
  });
}

function startPlayground() {
  const examples = call("examples");
  for (const e of examples) {
    const o = document.createElement("option");
    o.value = e.name; o.textContent = e.name;
    $("example").append(o);
  }
  const pick = (name) => {
    const e = examples.find((x) => x.name === name) || examples[0];
    $("example").value = e.name;
    $("about").textContent = e.about;
    $("editor").value = e.yaml;
  };
  const params = new URLSearchParams(location.search);
  pick(params.get("scenario"));
  const at = parseDuration(params.get("at"));
  state.at = isNaN(at) ? 0 : at;
  $("example").addEventListener("change", () => {
    pick($("example").value);
    const url = new URL(location.href);
    url.searchParams.set("scenario", $("example").value);
    history.replaceState(null, "", url);
    load();
  });
  $("run").addEventListener("click", load);
  $("voice").addEventListener("change", rerun);
  $("slider").addEventListener("input", () => show(Number($("slider").value) * SECOND));
  $("play").addEventListener("click", () => setPlaying(!state.playing));
  $("pace").addEventListener("change", () => { state.pace = Number($("pace").value); });
  $("go").addEventListener("click", () => {
    const d = parseDuration($("jump").value);
    if (isNaN(d)) { say("Jump to: write a duration such as 90s, 1m30s or 00:01:30."); return; }
    show(d);
  });
  $("cmd-form").addEventListener("submit", (ev) => { ev.preventDefault(); command($("cmd").value); });
  $("export").addEventListener("click", () => {
    const blob = new Blob([call("exportYAML").yaml], { type: "application/yaml" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = ($("example").value || "session") + "-session.yaml";
    a.click();
  });
  load();
}

// The live page: the served API's watches drive it.
async function follow(path, onEvent) {
  for (;;) {
    try {
      const res = await fetch(path);
      const reader = res.body.getReader();
      const dec = new TextDecoder();
      let buf = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, i); buf = buf.slice(i + 1);
          if (line.trim()) onEvent(JSON.parse(line));
        }
      }
    } catch (e) { say("Lost the server: " + e.message); }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function refreshLive() {
  const table = await (await fetch("/api/v1/namespaces/default/pods", {
    headers: { Accept: "application/json;as=Table;v=v1;g=meta.k8s.io" } })).json();
  const cols = table.columnDefinitions.filter((c) => c.priority === 0);
  const idx = cols.map((c) => table.columnDefinitions.indexOf(c));
  const rows = [cols.map((c) => c.name.toUpperCase())].concat(
    (table.rows || []).map((r) => idx.map((i) => String(r.cells[i]))));
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  $("pods").textContent = table.rows && table.rows.length
    ? rows.map((r) => r.map((c, i) => i < r.length - 1 ? c.padEnd(widths[i] + 3) : c).join("")).join("\n")
    : "No resources found in default namespace.";
  $("picture").innerHTML = await (await fetch("/nucleus/picture.svg")).text();
}

function startLive() {
  document.title = "nucleus live";
  $("mode-title").textContent = "live";
  $("controls").hidden = true;
  say("Following nucleus serve.");
  let queued = false;
  const refresh = () => {
    if (queued) return;
    queued = true;
    setTimeout(() => { queued = false; refreshLive(); }, 200);
  };
  follow("/api/v1/namespaces/default/pods?watch=1", refresh);
  follow("/api/v1/events?watch=1", (ev) => {
    const e = ev.object;
    if (!e || !e.involvedObject) return;
    const kind = (e.involvedObject.kind || "").toLowerCase();
    $("narration").textContent += (e.lastTimestamp || "") + " " + (e.source && e.source.component || "") + " " +
      e.reason + " " + kind + "/" + e.involvedObject.name + " " + e.message + "\n";
    $("narration").scrollTop = $("narration").scrollHeight;
  });
  $("cmd-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const words = $("cmd").value.trim().replace(/^kubectl\s+/, "").split(/\s+/);
    let url = "";
    if (words[0] === "get" && /^(pods?|po)$/.test(words[1] || "")) url = "/api/v1/namespaces/default/pods";
    if (words[0] === "get" && /^(events?|ev)$/.test(words[1] || "")) url = "/api/v1/namespaces/default/events";
    if (words[0] === "logs" && words[1]) url = "/api/v1/namespaces/default/pods/" + encodeURIComponent(words[1]) + "/log" + (words.includes("--previous") ? "?previous=true" : "");
    if (!url) { $("cmd-out").textContent = "The live page reads: get pods, get events, logs NAME [--previous]. Change the chain with kubectl in a terminal."; return; }
    const res = await fetch(url);
    $("cmd-out").textContent = "$ kubectl " + words.join(" ") + "\n" + await res.text();
  });
  refresh();
}

async function main() {
  wireCommon();
  if (live) { startLive(); return; }
  const started = performance.now();
  await new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = "wasm_exec.js"; s.onload = resolve; s.onerror = () => reject(new Error("wasm_exec.js did not load"));
    document.head.append(s);
  });
  const go = new Go();
  const ready = new Promise((resolve) => { globalThis.nucleusReady = resolve; });
  const result = await WebAssembly.instantiateStreaming(fetch("nucleus.wasm"), go.importObject);
  go.run(result.instance);
  await ready;
  globalThis.nucleusLoadMillis = performance.now() - started;
  if ("serviceWorker" in navigator && location.protocol !== "file:") {
    navigator.serviceWorker.register("sw.js").catch(() => {});
  }
  startPlayground();
  globalThis.nucleusFirstRunMillis = performance.now() - started;
  document.body.dataset.ready = "true";
}

main().catch((e) => say("nucleus could not start: " + e));
