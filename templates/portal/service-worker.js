/* PAKN service worker: the portal keeps working with a weak or no connection.
 *
 * - Pages: network first; a public page that loaded is kept, so that it opens again
 *   without a connection; otherwise the offline page.
 * - Never kept: a page of one person's (`Cache-Control: private` or `no-store`, which the
 *   server sends on the account, report, notification, officers' and admin pages and on
 *   every page made for a signed-in person). So once the session has ended, by a log-out
 *   or without one (expired, cookie deleted), nothing of it opens offline.
 * - Static files (/static/): from the cache first; names without a content hash are
 *   refreshed in the background.
 * - A page whose form was sent is forgotten (its one-time fields are used up).
 * - Never kept: anything but GET, other sites, officers' and administrators' pages, the API,
 *   the citizen's account pages (from the network, or the offline page).
 */
"use strict";

const SETTINGS = {{ worker_settings|safe }};
const STATIC_CACHE = "pakn-static-" + SETTINGS.version;
// v2: workers before it kept signed-in pages; activating this one deletes their cache.
const PAGES_CACHE = "pakn-pages-v2";
const PAGES_KEPT = 40;
const HASHED_NAME = /\.[0-9a-f]{12}\.[a-z0-9]+$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(STATIC_CACHE)
      .then((cache) => cache.addAll(SETTINGS.precache))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter(
              (name) =>
                (name.startsWith("pakn-static-") && name !== STATIC_CACHE) ||
                (name.startsWith("pakn-pages-") && name !== PAGES_CACHE),
            )
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// A page tells the worker that nobody is signed in: pages kept for the previous person
// (their report form, their reports) are forgotten.
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "forget-pages") {
    event.waitUntil(caches.delete(PAGES_CACHE));
  }
});

// The server's word that a response belongs to one person: never put on the device.
function privateResponse(response) {
  const cacheControl = (response.headers.get("Cache-Control") || "").toLowerCase();
  return /(^|[\s,])(private|no-store)([\s,=]|$)/.test(cacheControl);
}

function neverCached(url) {
  return SETTINGS.neverCached.some((prefix) => url.pathname.startsWith(prefix));
}

async function trimPages(cache) {
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - PAGES_KEPT)).map((key) => cache.delete(key)));
}

async function pageFromNetwork(request) {
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic" && !response.redirected && !privateResponse(response)) {
      const cache = await caches.open(PAGES_CACHE);
      await cache.put(request, response.clone());
      await trimPages(cache);
    }
    return response;
  } catch (error) {
    const kept = await caches.match(request, { ignoreVary: true });
    if (kept) {
      return kept;
    }
    const offline = await caches.match(SETTINGS.offlineUrl, { ignoreVary: true });
    return offline || Response.error();
  }
}

async function forgetPage(pathname) {
  const cache = await caches.open(PAGES_CACHE);
  const keys = await cache.keys();
  await Promise.all(
    keys.filter((key) => new URL(key.url).pathname === pathname).map((key) => cache.delete(key)),
  );
}

// A page never kept on the device: from the network, or the offline page.
async function pageWithoutKeeping(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const offline = await caches.match(SETTINGS.offlineUrl, { ignoreVary: true });
    return offline || Response.error();
  }
}

async function staticFile(request, event) {
  const cache = await caches.open(STATIC_CACHE);
  const kept = await cache.match(request, { ignoreVary: true });
  const refresh = fetch(request).then((response) => {
    if (response.ok) {
      cache.put(request, response.clone());
    }
    return response;
  });
  if (kept) {
    if (!HASHED_NAME.test(new URL(request.url).pathname)) {
      event.waitUntil(refresh.catch(() => undefined));
    }
    return kept;
  }
  return refresh;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET") {
    // A form sent from a page: the page's one-time fields (the report form's idempotency
    // key and upload token) are used up, so its kept copy must not come back offline.
    if (request.mode === "navigate" && url.origin === self.location.origin) {
      event.waitUntil(forgetPage(url.pathname));
    }
    return;
  }
  if (url.origin !== self.location.origin) {
    return;
  }
  if (neverCached(url)) {
    if (request.mode === "navigate") {
      event.respondWith(pageWithoutKeeping(request));
    }
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(pageFromNetwork(request));
  } else if (url.pathname.startsWith(SETTINGS.staticPrefix)) {
    event.respondWith(staticFile(request, event));
  }
});
