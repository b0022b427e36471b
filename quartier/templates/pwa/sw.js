/* Service worker of Quartiershelfer: the offline pages open without network.
 * Static files: cache first (the cache name changes with their content).
 * Offline pages: network first (fresh page and CSRF token), the cached copy after 4 s or
 * without network. Pages kept once visited (CONFIG.visited, e.g. a Wegweiser entry and its
 * handouts as page and PDF): network first, the copy from the last visit without network (the
 * newest VISITED_LIMIT are kept). Any other page without network: the German "Ohne Netz" page. Form submissions (POST) are never touched: the outbox (js/outbox.js)
 * keeps them until the server confirms. */
"use strict";
const CONFIG = {{ config|safe }};
const NETWORK_TIMEOUT_MS = 4000;
const VISITED_LIMIT = 60;
const VISITED = CONFIG.visited.map((pattern) => new RegExp(pattern));

async function cacheOfflinePages(cache) {
  for (const url of CONFIG.pages) {
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      // Not logged in: a redirect to the login page must not be cached as the page.
      if (response.ok && !response.redirected) { await cache.put(url, response); }
    } catch (error) { /* offline during install: cached on the next visit */ }
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CONFIG.cache);
    await cache.addAll(CONFIG.static);
    await cache.add(CONFIG.fallback);
    await cacheOfflinePages(cache);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith("quartier-") && n !== CONFIG.cache).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

function timeout(ms) {
  return new Promise((resolve, reject) => setTimeout(() => reject(new Error("timeout")), ms));
}

async function offlinePage(request, path) {
  const cache = await caches.open(CONFIG.cache);
  try {
    const response = await Promise.race([fetch(request), timeout(NETWORK_TIMEOUT_MS)]);
    if (response.ok && !response.redirected) {
      await cache.put(path, response.clone());
    } else if (response.redirected) {
      await cache.delete(path); // logged out: the page of the previous session must not stay
    }
    return response;
  } catch (error) {
    const cached = await cache.match(path);
    if (cached) { return cached; }
    throw error;
  }
}

async function forgetOldestVisits(cache) {
  const visits = (await cache.keys()).filter((r) => isVisited(new URL(r.url)));
  await Promise.all(visits.slice(0, Math.max(0, visits.length - VISITED_LIMIT)).map((r) => cache.delete(r)));
}

function isVisited(url) { return VISITED.some((pattern) => pattern.test(url.pathname)); }

// Kept under its full address (path and query: a handout's language is in the query).
async function visitedPage(request) {
  const cache = await caches.open(CONFIG.cache);
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected) {
      await cache.delete(request.url); // the newest visit goes to the end of the list
      await cache.put(request.url, response.clone());
      await forgetOldestVisits(cache);
    } else if (response.redirected) {
      await cache.delete(request.url);
    }
    return response;
  } catch (error) {
    const cached = await cache.match(request.url);
    if (cached) { return cached; }
    if (request.mode === "navigate") { return caches.match(CONFIG.fallback); }
    throw error;
  }
}

async function staticFile(request) {
  const cached = await caches.match(request, { ignoreSearch: true });
  return cached || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") { return; }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate" && CONFIG.pages.includes(url.pathname)) {
    event.respondWith(offlinePage(request, url.pathname));
  } else if (isVisited(url)) {
    event.respondWith(visitedPage(request));
  } else if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => caches.match(CONFIG.fallback)));
  } else if (CONFIG.static.includes(url.pathname)) {
    event.respondWith(staticFile(request));
  }
});
