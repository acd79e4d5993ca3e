// nucleus playground's service worker: network first, the cache when the
// network is gone, so the page works offline once it has loaded. Only
// the playground's own files are cached; nothing is fetched from elsewhere.
"use strict";
const CACHE = "nucleus-playground";

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(req).then((res) => {
      if (res.ok) {
        const copy = res.clone();
        caches.open(CACHE).then((c) => c.put(req, copy));
      }
      return res;
    }).catch(() => caches.match(req, { ignoreSearch: true }).then((hit) => hit || Response.error())));
});
