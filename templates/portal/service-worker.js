/* PAKN service worker: the portal keeps working with a weak or no connection.
 *
 * - Pages: network first; a public page that loaded is kept, so that it opens again
 *   without a connection; otherwise the offline page.
 * - Never kept with the public pages: a page of one person's (`Cache-Control: private` or
 *   `no-store`, which the server sends on the account, report, notification, officers' and
 *   admin pages and on every page made for a signed-in person).
 * - Kept for one session only: a page the server marks `X-PAKN-Offline: session=<hint>`
 *   (the citizen's report form, so that drafts can be typed offline). It goes to its own
 *   cache and opens offline only while the browser holds the same session hint cookie,
 *   unexpired (read with cookieStore; without cookieStore it is never kept). The hint
 *   cookie follows the session cookie, which scripts cannot read: it goes at log-out, at
 *   the session's expiry and with cleared cookies, and the kept page with it. A session
 *   deleted on the server while the device is offline is noticed only at its expiry time.
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
const SESSION_PAGES_CACHE = "pakn-session-pages-v1";
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
                (name.startsWith("pakn-pages-") && name !== PAGES_CACHE) ||
                (name.startsWith("pakn-session-pages-") && name !== SESSION_PAGES_CACHE),
            )
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// A page tells the worker that nobody is signed in: pages kept for the previous person
// (their report form) are forgotten.
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "forget-pages") {
    event.waitUntil(Promise.all([caches.delete(PAGES_CACHE), caches.delete(SESSION_PAGES_CACHE)]));
  }
});

// The session a kept page belongs to, from its X-PAKN-Offline header; null for others.
function sessionHintOf(response) {
  const match = /(?:^|[;\s])session=([0-9a-f]+)(?:;|\s|$)/.exec(
    response.headers.get(SETTINGS.offlineHeader) || "",
  );
  return match ? match[1] : null;
}

// The hint of the session this browser holds now: the companion cookie of the session
// cookie, while it has not expired. null without one, or where cookieStore is missing.
async function currentSessionHint() {
  if (!self.cookieStore) {
    return null;
  }
  try {
    const cookie = await self.cookieStore.get(SETTINGS.sessionHintCookie);
    if (!cookie || !cookie.value) {
      return null;
    }
    if (typeof cookie.expires === "number" && cookie.expires <= Date.now()) {
      return null;
    }
    return cookie.value;
  } catch (error) {
    return null;
  }
}

// Pages kept for a session that is no longer this browser's (log-out, expiry, cookies
// cleared, another person signed in) are deleted.
async function forgetEndedSessions() {
  if (!(await caches.has(SESSION_PAGES_CACHE))) {
    return;
  }
  const hint = await currentSessionHint();
  const cache = await caches.open(SESSION_PAGES_CACHE);
  const keys = await cache.keys();
  await Promise.all(
    keys.map(async (key) => {
      const kept = await cache.match(key);
      if (!hint || !kept || sessionHintOf(kept) !== hint) {
        await cache.delete(key);
      }
    }),
  );
}

// A page kept for the session this browser still holds, or undefined.
async function keptForThisSession(request) {
  await forgetEndedSessions();
  const cache = await caches.open(SESSION_PAGES_CACHE);
  const kept = await cache.match(request, { ignoreVary: true });
  const hint = await currentSessionHint();
  if (!kept || !hint || sessionHintOf(kept) !== hint) {
    return undefined;
  }
  return kept;
}

// A kept public page (or the offline page itself), never one kept for a session.
async function keptPublicPage(request) {
  for (const name of [PAGES_CACHE, STATIC_CACHE]) {
    const kept = await (await caches.open(name)).match(request, { ignoreVary: true });
    if (kept) {
      return kept;
    }
  }
  return undefined;
}

async function offlinePage() {
  const offline = await caches.match(SETTINGS.offlineUrl, { ignoreVary: true });
  return offline || Response.error();
}

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

async function keepPage(request, response) {
  const sessionPages = await caches.open(SESSION_PAGES_CACHE);
  const whole = response.ok && response.type === "basic" && !response.redirected;
  if (whole && sessionHintOf(response) && self.cookieStore) {
    await sessionPages.put(request, response);
    return;
  }
  await sessionPages.delete(request, { ignoreVary: true });
  if (whole && !privateResponse(response)) {
    const cache = await caches.open(PAGES_CACHE);
    await cache.put(request, response);
    await trimPages(cache);
  }
}

async function pageFromNetwork(request, event) {
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    return (await keptForThisSession(request)) || (await keptPublicPage(request)) || offlinePage();
  }
  // After the response's cookies are in: a log-out or a new session shows here.
  await keepPage(request, response.clone());
  event.waitUntil(forgetEndedSessions());
  return response;
}

async function forgetPage(pathname) {
  for (const name of [PAGES_CACHE, SESSION_PAGES_CACHE]) {
    const cache = await caches.open(name);
    const keys = await cache.keys();
    await Promise.all(
      keys.filter((key) => new URL(key.url).pathname === pathname).map((key) => cache.delete(key)),
    );
  }
}

// A page never kept on the device: from the network, or the offline page.
async function pageWithoutKeeping(request) {
  try {
    return await fetch(request);
  } catch (error) {
    return offlinePage();
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
    event.respondWith(pageFromNetwork(request, event));
  } else if (url.pathname.startsWith(SETTINGS.staticPrefix)) {
    event.respondWith(staticFile(request, event));
  }
});

// Web push (pakn/notifications/push.py): the notification's title and text, and its page
// when tapped. Only a link on this site is opened.
self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch (error) {
    message = {};
  }
  const title = typeof message.title === "string" && message.title ? message.title : SETTINGS.siteName;
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof message.body === "string" ? message.body : "",
      icon: SETTINGS.pushIcon,
      data: { url: typeof message.url === "string" ? message.url : "/" },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  let target = new URL("/", self.location.origin);
  try {
    const url = new URL(event.notification.data.url, self.location.origin);
    if (url.origin === self.location.origin) {
      target = url;
    }
  } catch (error) {
    // a malformed link opens the home page
  }
  event.waitUntil(self.clients.openWindow(target.href));
});
