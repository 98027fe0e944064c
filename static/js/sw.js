// Footcare Journal's service worker. Served at /sw.js by footcare/pwa.py, which puts
// `self.FOOTCARE = {version, precache, shell}` in front of this file.
//
// What it keeps, and why nothing of another person's journal can be read from it:
// - static files (CSS, JavaScript, icons): the same for everyone;
// - the offline copy of Today's page (/journal/offline/): an empty form, put there by the
//   page's own script (pwa.js). No journal page is ever stored: a day page is fetched (or
//   its form posted) over the network, and only when that fails does the empty copy answer,
//   for the page's script to fill in with the draft kept on this phone.
// Logging out sends Clear-Site-Data, which removes these caches and this worker.
"use strict";

const CONFIG = self.FOOTCARE;
const STATIC_CACHE = `footcare-static-${CONFIG.version}`;
const SHELL_CACHE = "footcare-shell";
const DAY_PAGE = /^\/journal\/(today|day\/\d{4}-\d{2}-\d{2})\/$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(STATIC_CACHE)
      .then((cache) => cache.addAll(CONFIG.precache))
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
            .filter((name) => name.startsWith("footcare-static-") && name !== STATIC_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// Network first, so that a changed file is seen at once; the kept copy only when offline.
async function staticFile(request) {
  const cache = await caches.open(STATIC_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) {
      cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const kept = await cache.match(request);
    if (kept) {
      return kept;
    }
    throw error;
  }
}

async function dayPage(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const shell = await caches.open(SHELL_CACHE).then((cache) => cache.match(CONFIG.shell));
    if (shell) {
      return shell;
    }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.method === "POST") {
    // A day's form sent as the network drops: instead of the browser's error page, the
    // offline copy, whose script finds the draft day.js kept just before sending.
    if (request.mode === "navigate" && DAY_PAGE.test(url.pathname)) {
      event.respondWith(dayPage(request));
    }
    return;
  }
  if (request.method !== "GET") {
    return;
  }
  if (url.pathname.startsWith(CONFIG.static)) {
    event.respondWith(staticFile(request));
  } else if (request.mode === "navigate" && DAY_PAGE.test(url.pathname)) {
    event.respondWith(dayPage(request));
  }
});

// A reminder from the push service. It says only what the server put in it ("Time to log
// today's pain", and in an experiment "Rest day" or "Practice day"): it shows on a locked
// screen. The same tag replaces yesterday's if it is still there.
self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = {};
  }
  const title = message.title || "Time to log today's pain";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: message.body || "",
      tag: message.tag || "footcare",
      icon: CONFIG.icon,
      badge: CONFIG.icon,
      data: { url: message.url || CONFIG.today },
    }),
  );
});

// Tapping it opens Today: in a window of the app that is already open, else a new one.
async function openFromNotification(notification) {
  const path = (notification.data && notification.data.url) || CONFIG.today;
  const url = new URL(path, self.location.origin);
  if (url.origin !== self.location.origin) {
    return null;
  }
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const client of windows) {
    if (new URL(client.url).origin === self.location.origin && "navigate" in client) {
      try {
        const target = (await client.navigate(url.href)) || client;
        return await target.focus().catch(() => target);
      } catch {
        // A window this worker does not control cannot be navigated: open a new one.
      }
    }
  }
  return self.clients.openWindow(url.href);
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(openFromNotification(event.notification));
});
