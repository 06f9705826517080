// Offline support for the playground and its sub-pages (rules/, simulator/, embed/, examples/docs.html…).
//
// What a first visit costs: nothing extra while the page loads. The worker downloads nothing then (an
// install-time precache of the hashed wasm downloaded the bundle a second time, in parallel with
// the page's own download: issue 16). It caches what the page fetches once it controls the page,
// and for the first visit, which it does not control, the page sends the list of files it loaded
// once the app has started (see the `cache-loaded` message in the pages' inline script); those are
// fetched with `cache: 'force-cache'`, so the browser's HTTP cache answers with the same bytes.
// A few seconds after the home page has started, it also asks for the rule builder's page
// (`warm-pages`), which is a separate bundle since issue 14: one visit then covers the whole
// workbench offline, and the rule builder opens without a download.
//
// Built files have content hashes in their names (Trunk), so they never change once cached: they
// are served from the cache first. Pages and unhashed files (the JS API package, the manifest) are
// fetched from the network first, so a new deployment is picked up on the next online visit; the
// cache answers when offline. Whenever a fresh page arrives, the hashed files of its folder that it
// no longer references are dropped, so the cache follows deployments without a version number.
const CACHE = 'eventbridge-playground';
const HASHED = /-[0-9a-f]{12,16}(_bg)?\.\w+$/; // Trunk drops leading zeros of the hash
// Every relative file a page names: stylesheets, icons, the JS glue and the wasm module.
const ASSET_PATTERN = /(?:href|src|from|module_or_path:)\s*=?\s*['"](\.{1,2}\/[^'"?#\s]+)['"]/g;

const inScope = (url) => url.startsWith(self.registration.scope);
const folderOf = (url) => url.slice(0, url.lastIndexOf('/') + 1);
/** A page's cache key: its URL without query or fragment (`./` and `./index.html` are one page). */
const pageKey = (url) => {
  const u = new URL(url);
  u.search = '';
  u.hash = '';
  return u.href.replace(/\/index\.html$/, '/');
};

/** Drops the hashed files of the page's folder that a fresh copy of the page no longer names. */
async function pruneFor(pageUrl, html) {
  const named = new Set([...html.matchAll(ASSET_PATTERN)].map((match) => new URL(match[1], pageUrl).href));
  const folder = folderOf(pageUrl);
  const cache = await caches.open(CACHE);
  for (const request of await cache.keys()) {
    const url = request.url;
    if (url.startsWith(folder) && !url.slice(folder.length).includes('/') && HASHED.test(url) && !named.has(url)) {
      await cache.delete(request);
    }
  }
}

/** Stores a fresh copy of a page and prunes its folder; returns the page's HTML. */
async function putPage(pageUrl, response) {
  const cache = await caches.open(CACHE);
  await cache.put(pageKey(pageUrl), response.clone());
  const html = await response.text();
  await pruneFor(pageKey(pageUrl), html);
  return html;
}

/** The first visit: stores the page and the files it loaded, from the browser's HTTP cache. */
async function cacheLoaded(pageUrl, files) {
  const cache = await caches.open(CACHE);
  for (const url of [pageUrl, ...files]) {
    if (!inScope(url) || url.endsWith('/sw.js')) continue;
    const key = url === pageUrl ? pageKey(url) : url;
    if (await cache.match(key)) continue;
    try {
      const response = await fetch(url, { cache: 'force-cache' });
      if (!response.ok) continue;
      if (url === pageUrl) await putPage(url, response);
      else await cache.put(key, response);
    } catch {
      // Offline again already: the next visit tries again.
    }
  }
}

/**
 * A page the visitor has not opened yet (the rule builder, from the home page): its HTML and the
 * files it names, unless it is cached already. A later online visit refreshes it as usual.
 */
async function warmPage(pageUrl) {
  const cache = await caches.open(CACHE);
  if (!inScope(pageUrl) || (await cache.match(pageKey(pageUrl)))) return;
  try {
    const response = await fetch(pageUrl);
    if (!response.ok) return;
    const html = await putPage(pageUrl, response);
    for (const match of html.matchAll(ASSET_PATTERN)) {
      const url = new URL(match[1], pageUrl).href;
      if (!inScope(url) || url.endsWith('/sw.js') || (await cache.match(url))) continue;
      const file = await fetch(url, { cache: 'force-cache' });
      if (file.ok) await cache.put(url, file);
    }
  } catch {
    // Offline, or the page is gone: nothing to keep.
  }
}

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('message', (event) => {
  const data = event.data;
  if (data?.type === 'cache-loaded' && typeof data.page === 'string' && Array.isArray(data.files)) {
    event.waitUntil(cacheLoaded(data.page, data.files.filter((file) => typeof file === 'string')));
  }
  if (data?.type === 'warm-pages' && Array.isArray(data.pages)) {
    event.waitUntil(Promise.all(data.pages.filter((page) => typeof page === 'string').map(warmPage)));
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !inScope(request.url)) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) event.waitUntil(putPage(request.url, response.clone()));
          return response;
        })
        .catch(async () => (await caches.match(pageKey(request.url))) ?? Response.error()),
    );
    return;
  }
  const hashed = HASHED.test(new URL(request.url).pathname);
  const fromNetwork = () =>
    fetch(request).then(async (response) => {
      if (response.ok && !request.url.endsWith('/sw.js')) {
        const cache = await caches.open(CACHE);
        await cache.put(request, response.clone());
      }
      return response;
    });
  event.respondWith(
    hashed
      ? caches.match(request).then((cached) => cached ?? fromNetwork())
      : fromNetwork().catch(async () => (await caches.match(request)) ?? Response.error()),
  );
});
