// On every page: registers the service worker, keeps the drafts of day pages saved while
// offline (window.FootcareDrafts, used by day.js) and sends them when the network is back.
// Plain script under the strict Content-Security-Policy.
(function () {
  "use strict";

  const script = document.currentScript;
  const userMeta = document.querySelector('meta[name="footcare-user"]');
  // Drafts are kept per person: on a shared phone one person never sees or sends another's.
  const userKey = userMeta ? userMeta.content : null;
  const STORE_PREFIX = "footcare:drafts:";
  const SHELL_CACHE = "footcare-shell";
  const SKIPPED_FIELDS = new Set(["csrfmiddlewaretoken", "version", "save"]);
  // Days whose page is open here: day.js sends those itself, with the function it gave.
  const claimed = new Map();
  // Days the server refused as they are (400): sending them again unchanged cannot help.
  const refused = new Set();

  function readAll() {
    if (!userKey) {
      return {};
    }
    try {
      return JSON.parse(window.localStorage.getItem(STORE_PREFIX + userKey)) || {};
    } catch {
      return {};
    }
  }

  function writeAll(all) {
    const key = STORE_PREFIX + userKey;
    if (Object.keys(all).length) {
      window.localStorage.setItem(key, JSON.stringify(all));
    } else {
      window.localStorage.removeItem(key);
    }
  }

  function longDate(isoDay) {
    return new Date(`${isoDay}T12:00:00`).toLocaleDateString("en-GB", {
      weekday: "long",
      day: "numeric",
      month: "long",
      year: "numeric",
    });
  }

  // Posts a kept draft, never two copies at once: a lock per day is shared by every tab
  // (each tab hears `online` at the same moment), and a draft already sent or replaced by
  // the time the lock is held is left alone ("stale"); "busy" means another tab is at it.
  const lockName = (day) => `${STORE_PREFIX}${userKey}:${day}`;

  async function send(draft) {
    if (!navigator.locks) {
      return post(draft);
    }
    return navigator.locks.request(lockName(draft.day), { ifAvailable: true }, (lock) => {
      if (!lock) {
        return { state: "busy" };
      }
      const kept = drafts.get(draft.day);
      return kept && kept.savedAt === draft.savedAt ? post(draft) : { state: "stale" };
    });
  }

  // The day's page is fetched first for a fresh CSRF token; the answer is JSON (the
  // X-Footcare-Draft header), so a login redirect is never taken for a save.
  async function post(draft) {
    let page;
    try {
      page = await fetch(draft.url, { credentials: "same-origin", cache: "no-store" });
    } catch {
      return { state: "offline" };
    }
    if (page.redirected || page.status === 403) {
      return { state: "login" };
    }
    const doc = new DOMParser().parseFromString(await page.text(), "text/html");
    const token = doc.querySelector('#entry-form input[name="csrfmiddlewaretoken"]');
    if (!token) {
      return { state: "error" };
    }
    const body = new URLSearchParams();
    for (const [name, value] of draft.fields) {
      body.append(name, value);
    }
    body.set("version", draft.version);
    body.set("csrfmiddlewaretoken", token.value);
    let response;
    try {
      response = await fetch(draft.url, {
        method: "POST",
        body,
        credentials: "same-origin",
        redirect: "manual",
        headers: { "X-Footcare-Draft": "1" },
      });
    } catch {
      return { state: "offline" };
    }
    const answer = { token: token.value };
    if (response.status === 200) {
      const data = await response.json();
      drafts.remove(draft.day);
      return { ...answer, state: "sent", url: data.url, version: data.version };
    }
    if (response.status === 409) {
      drafts.put({ ...draft, conflict: true });
      return { ...answer, state: "conflict" };
    }
    if (response.status === 400) {
      refused.add(draft.day);
      return { ...answer, state: "invalid" };
    }
    return { ...answer, state: "error" };
  }

  const drafts = {
    enabled: Boolean(userKey),
    all: () => Object.values(readAll()),
    get: (day) => readAll()[day] || null,
    put(draft) {
      const all = readAll();
      all[draft.day] = draft;
      writeAll(all);
      refused.delete(draft.day);
      if (!retryTimer) {
        scheduleRetry();
      }
    },
    remove(day) {
      const all = readAll();
      delete all[day];
      writeAll(all);
    },
    // The fields of a day form, as name/value pairs, without the token and the version.
    fieldsOf: (form) =>
      [...new FormData(form)]
        .filter(([name]) => !SKIPPED_FIELDS.has(name))
        .map(([name, value]) => [name, String(value)]),
    // A day page sends its own draft (`sendOwn`, called at every retry); the others are
    // sent from whichever page is open.
    claim: (day, sendOwn) => claimed.set(day, sendOwn),
    // The day's form is on its way the usual way (a page load): no tab may send its draft
    // meanwhile. The lock stays with this page until the answer replaces it.
    holdWhileSubmitting(day) {
      if (navigator.locks) {
        navigator.locks.request(lockName(day), () => new Promise(() => {}));
      }
    },
    send,
    longDate,
    async keepShell() {
      const url = script && script.dataset.shell;
      if (!url || !("caches" in window) || !navigator.onLine) {
        return;
      }
      try {
        const response = await fetch(url, { credentials: "same-origin" });
        if (response.ok && !response.redirected) {
          await (await caches.open(SHELL_CACHE)).put(url, response);
        }
      } catch {
        // Offline or refused: the kept copy, if any, stays.
      }
    },
  };
  window.FootcareDrafts = drafts;

  // One notice per day: a retry replaces what the last one said instead of adding another.
  function notice(day, kind, text, link) {
    const main = document.getElementById("main");
    if (!main) {
      return;
    }
    for (const old of main.querySelectorAll(`[data-draft-notice="${day}"]`)) {
      old.remove();
    }
    const box = document.createElement("div");
    box.className = `alert alert-${kind}`;
    box.dataset.draftNotice = day;
    box.setAttribute("role", "status");
    box.append(text);
    if (link) {
      const anchor = document.createElement("a");
      anchor.href = link.href;
      anchor.textContent = link.text;
      box.append(" ", anchor);
    }
    main.prepend(box);
  }

  let flushing = false;
  async function flush() {
    if (!userKey || flushing) {
      return;
    }
    flushing = true;
    try {
      for (const draft of drafts.all()) {
        if (claimed.has(draft.day) || refused.has(draft.day)) {
          continue;
        }
        const when = longDate(draft.day);
        if (draft.conflict) {
          notice(draft.day, "warning", `Your entry for ${when} was changed elsewhere while it waited on this phone.`, {
            href: draft.url,
            text: "Open it to choose which version to keep.",
          });
          continue;
        }
        const result = await send(draft);
        if (result.state === "sent") {
          notice(draft.day, "success", `Sent: your entry for ${when}, kept on this phone, is now saved.`);
        } else if (result.state === "conflict") {
          notice(draft.day, "warning", `Your entry for ${when} was changed elsewhere while it waited on this phone.`, {
            href: draft.url,
            text: "Open it to choose which version to keep.",
          });
        } else if (result.state === "invalid") {
          notice(draft.day, "warning", `Your entry for ${when}, kept on this phone, could not be saved as it is.`, {
            href: draft.url,
            text: "Open it to correct it.",
          });
        }
      }
    } finally {
      flushing = false;
    }
  }

  // Logging out: nothing of the journal may stay on the phone. The server's Clear-Site-Data
  // header does it too; this also covers browsers that ignore the header, and asks first
  // when typed days have not reached the server yet.
  async function forgetEverything() {
    for (const key of Object.keys(window.localStorage)) {
      if (key.startsWith("footcare:")) {
        window.localStorage.removeItem(key);
      }
    }
    if ("caches" in window) {
      await Promise.all((await caches.keys()).map((name) => caches.delete(name)));
    }
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.matches("[data-logout]")) {
      return;
    }
    const waiting = drafts.all().length;
    if (
      waiting &&
      !window.confirm(
        `${waiting} day${waiting === 1 ? " is" : "s are"} kept on this phone and not sent yet. ` +
          "Logging out deletes them. Log out anyway?",
      )
    ) {
      event.preventDefault();
      return;
    }
    event.preventDefault();
    forgetEverything().finally(() => form.submit());
  });

  if ("serviceWorker" in navigator && script && script.dataset.worker) {
    navigator.serviceWorker.register(script.dataset.worker, { scope: "/" }).catch(() => {
      // No worker (private mode, old browser): the app works online as before.
    });
  }

  // Coming back online does not always fire `online`: a page loaded while offline may
  // believe it is online already (Chromium 150 does under emulated offline), and a phone on
  // a network that reaches nothing says it is online. So drafts are also tried again when
  // the page is shown or focused again, and on a timer that backs off while some wait.
  const RETRY_FIRST_MS = 2000;
  const RETRY_LONGEST_MS = 60000;
  let retryDelay = RETRY_FIRST_MS;
  let retryTimer = null;
  let retrying = false;
  let retryAgain = false;

  // Drafts that can still be sent from here: not waiting for the person's choice between
  // two versions, and not refused by the server as they are.
  const waiting = () => drafts.all().some((d) => !d.conflict && !refused.has(d.day));

  function scheduleRetry() {
    window.clearTimeout(retryTimer);
    retryTimer = null;
    if (!userKey || !waiting()) {
      retryDelay = RETRY_FIRST_MS;
      return;
    }
    retryTimer = window.setTimeout(retry, retryDelay);
    retryDelay = Math.min(retryDelay * 2, RETRY_LONGEST_MS);
  }

  // One round at a time; a reason to try that comes during a round runs one more after it.
  async function retry() {
    if (retrying) {
      retryAgain = true;
      return;
    }
    retrying = true;
    try {
      do {
        retryAgain = false;
        // "Offline" is reliable (no network at all); "online" is only a maybe.
        if (userKey && navigator.onLine) {
          const own = [...claimed.values()].filter(Boolean).map((sendOwn) => sendOwn());
          await Promise.all([flush(), ...own]);
        }
      } while (retryAgain);
    } finally {
      retrying = false;
    }
    scheduleRetry();
  }

  function retryNow() {
    retryDelay = RETRY_FIRST_MS;
    retry();
  }

  window.addEventListener("online", retryNow);
  window.addEventListener("focus", retryNow);
  window.addEventListener("pageshow", (event) => {
    // Back from the browser's page cache: the load below does not run again.
    if (event.persisted) {
      retryNow();
    }
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") {
      retryNow();
    }
  });
  document.addEventListener("DOMContentLoaded", retry);

  // A page for nobody signed in (logged out, or the session simply expired): the offline
  // copy of Today is a signed-in page, with the username, a form token and the drafts key in
  // it, and must not wait for whoever uses this browser next. Days kept on the phone stay,
  // under their opaque key, to be sent once the person signs in again.
  if (!userKey && "caches" in window) {
    caches.delete(SHELL_CACHE).catch(() => {});
  }
})();
