/**
 * The minimal service worker of the bench's reference pages (bench/bare/,
 * bench/empty/; never part of the app). scripts/bench.mjs copies it into each
 * page's folder in dist-bench/ and replaces PRECACHE with that folder's
 * files. It precaches them on install and answers every request in its scope
 * from that cache (a navigation with the folder's index.html), so the pages
 * open offline through a service worker, as the app does.
 */
const PRECACHE = ['/*PRECACHE*/'];
const CACHE = `bench-reference:${self.registration.scope}`;
const INDEX = new URL('index.html', self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  event.respondWith(
    caches
      .open(CACHE)
      // ignoreVary: the server's `Vary: Origin` would otherwise keep a module
      // script's request (it has an Origin header) from matching the entry
      // that install stored (none).
      .then((cache) => cache.match(request.mode === 'navigate' ? INDEX : request, { ignoreVary: true }))
      .then((response) => response ?? fetch(request)),
  );
});
