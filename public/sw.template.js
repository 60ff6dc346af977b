// The service worker: after one visit the app works with the network off.
// A template: scripts/post-build.py writes dist/sw.js from it, filling in the precache list and a version derived from the files,
// so each deploy gets a new cache and the old one is deleted on activation.
const VERSION = '__VERSION__';
const CACHE = `qz-${VERSION}`;
const PRECACHE = __PRECACHE__;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // `reload` bypasses the HTTP cache, so the precache is exactly this deploy's files.
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })))).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('qz-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      // Navigations always get the cached page (routes live in the fragment).
      const key = request.mode === 'navigate' ? new URL('./', self.registration.scope).href : request;
      const cached = await cache.match(key, { ignoreSearch: request.mode === 'navigate' });
      if (cached) return cached;
      return fetch(request);
    }),
  );
});
