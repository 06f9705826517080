// Offline support for the playground.
//
// Built files have content hashes in their names (Trunk), so they never change once cached:
// they are served from the cache first. The page itself (index.html) is fetched from the network
// first, so a new deployment is picked up on the next online visit; the cache answers when offline.
// Whenever a fresh index.html arrives, the files it references are cached and files no longer
// referenced are dropped, so the cache follows deployments without a version number here.
const CACHE = 'eventbridge-playground';
// Every relative file the page names: stylesheets, icons, the JS glue and the wasm module.
const ASSET_PATTERN = /['"]\.\/([^'"?#\s]+\.(?:js|wasm|css|svg|png|webmanifest|json))['"]/g;

function assetsOf(html) {
  const assets = new Set(['./', './index.html', './manifest.webmanifest']);
  for (const match of html.matchAll(ASSET_PATTERN)) assets.add(`./${match[1]}`);
  return [...assets].map((path) => new URL(path, self.registration.scope).href);
}

async function cacheDeployment(indexResponse) {
  const html = await indexResponse.clone().text();
  const wanted = assetsOf(html);
  const cache = await caches.open(CACHE);
  await cache.put(new URL('./', self.registration.scope).href, indexResponse.clone());
  await Promise.all(
    wanted.map(async (url) => {
      if (url.endsWith('/') || (await cache.match(url))) return;
      const response = await fetch(url);
      if (response.ok) await cache.put(url, response);
    }),
  );
  for (const request of await cache.keys()) {
    if (!wanted.includes(request.url)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    fetch(new URL('./', self.registration.scope), { cache: 'no-cache' })
      .then((response) => (response.ok ? cacheDeployment(response) : undefined))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) event.waitUntil(cacheDeployment(response.clone()));
          return response;
        })
        .catch(async () => (await caches.match(new URL('./', self.registration.scope).href)) ?? Response.error()),
    );
    return;
  }
  event.respondWith(
    caches.match(request).then(
      (cached) =>
        cached ??
        fetch(request).then(async (response) => {
          if (response.ok && new URL(request.url).pathname.match(/-[0-9a-f]{16}(_bg)?\.\w+$/)) {
            const cache = await caches.open(CACHE);
            await cache.put(request, response.clone());
          }
          return response;
        }),
    ),
  );
});
