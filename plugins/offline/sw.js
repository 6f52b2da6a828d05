/* The site's service worker, written by plugins/offline at each build (do not edit output/sw.js).
   Precached at install: the programme, every session and place page, the calendars, and the
   files they use, each with its content hash; VERSION is a hash of that list, so a rebuild that
   changes a time changes this file, the browser installs the new worker beside the old one, and
   the page offers "Tải bản mới" (the new worker waits for that click, then takes over).
   Every request goes to the network first, revalidated: online, a timetable is never stale;
   the caches answer only when the network fails. Pages read online join a bounded runtime cache. */
"use strict";
const VERSION = "__VERSION__";
const FILES = __FILES__;
const RUNTIME_LIMIT = __RUNTIME_LIMIT__;
const OFFLINE_PAGE = __OFFLINE_PAGE__;
const SCOPE = new URL("./", self.location).href;
const PRECACHE = "offline-" + VERSION;
const RUNTIME = "offline-runtime";
const HASH = "x-offline-hash";
const PRECACHED = new Set(FILES.map(([path]) => new URL(path, SCOPE).href));

async function keep(cache, url, hash, old) {
  for (const name of old) {  // unchanged since the last version: no download
    const hit = await (await caches.open(name)).match(url);
    if (hit && hit.headers.get(HASH) === hash) return cache.put(url, hit);
  }
  const response = await fetch(url, {cache: "no-cache"});
  if (!response.ok) throw new Error(url + ": " + response.status);
  const headers = new Headers(response.headers);
  headers.set(HASH, hash);
  return cache.put(url, new Response(await response.blob(), {status: 200, headers}));
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const old = (await caches.keys()).filter((n) => n.startsWith("offline-") && n !== PRECACHE
                                                   && n !== RUNTIME);
    const cache = await caches.open(PRECACHE);
    await Promise.all(FILES.map(([path, hash]) => keep(cache, new URL(path, SCOPE).href, hash, old)));
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("offline-") && name !== PRECACHE && name !== RUNTIME) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();  // the reader clicked "Tải bản mới"
});

async function remember(request, response) {
  const cache = await caches.open(RUNTIME);
  await cache.put(request, response);
  const keys = await cache.keys();  // oldest first
  for (const old of keys.slice(0, Math.max(0, keys.length - RUNTIME_LIMIT))) await cache.delete(old);
}

async function answer(event) {
  const request = event.request;
  const url = request.url.split("#")[0].split("?")[0];
  try {
    const page = request.mode === "navigate" || url.endsWith(".ics");
    const response = await fetch(request, page ? {cache: "no-cache"} : {});
    if (response.ok && response.type === "basic" && !PRECACHED.has(url)) {
      event.waitUntil(remember(request, response.clone()));
    }
    return response;
  } catch (offline) {
    const precached = await (await caches.open(PRECACHE)).match(url);
    const cached = precached || await caches.match(request, {ignoreSearch: true});
    if (cached) return cached;
    if (request.mode === "navigate") {
      return new Response(OFFLINE_PAGE, {status: 503, headers: {"Content-Type": "text/html; charset=utf-8"}});
    }
    return Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;  // only our own site
  if (request.headers.has("range")) return;
  event.respondWith(answer(event));
});
