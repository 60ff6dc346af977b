// The service worker: after one visit the app works with the network off.
// A template: scripts/post-build.py writes dist/sw.js from it, filling in the precache list and a version derived from the files,
// so each deploy gets a new cache and the old one is deleted on activation.
const VERSION = '__VERSION__';
const CACHE = `qz-${VERSION}`;
// Every file of this deploy: [url, content-hashed?]. A content-hashed name (chunk_7-1a2b….wasm) never
// changes content, so the copy the page has just fetched into the HTTP cache is the right one.
const PRECACHE = __PRECACHE__;

// One download per file on a first visit: a content-hashed file is taken from the HTTP cache when
// the page already fetched it (`force-cache`: any cached copy, however old, since its name pins its
// content), else from the network. Any other file (the page, icons, manifest) is revalidated
// (`no-cache`): a host's ETag or Last-Modified answers 304 for an unchanged file, so the precache
// is exactly this deploy's files without downloading the page a second time.
const request = ([url, hashed]) => new Request(url, { cache: hashed ? 'force-cache' : 'no-cache' });

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map(request)))
      .then(() => self.skipWaiting()),
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
