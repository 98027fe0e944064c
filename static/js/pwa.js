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
  const claimed = new Set();

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

  // Posts a kept draft. The day's page is fetched first for a fresh CSRF token; the answer
  // is JSON (the X-Footcare-Draft header), so a login redirect is never taken for a save.
  async function send(draft) {
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
    return { ...answer, state: response.status === 400 ? "invalid" : "error" };
  }

  const drafts = {
    enabled: Boolean(userKey),
    all: () => Object.values(readAll()),
    get: (day) => readAll()[day] || null,
    put(draft) {
      const all = readAll();
      all[draft.day] = draft;
      writeAll(all);
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
    // A day page handles its own draft; the others are sent from whichever page is open.
    claim: (day) => claimed.add(day),
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

  function notice(kind, text, link) {
    const main = document.getElementById("main");
    if (!main) {
      return;
    }
    const box = document.createElement("div");
    box.className = `alert alert-${kind}`;
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
    if (!userKey || flushing || !navigator.onLine) {
      return;
    }
    flushing = true;
    try {
      for (const draft of drafts.all()) {
        if (claimed.has(draft.day)) {
          continue;
        }
        const when = longDate(draft.day);
        if (draft.conflict) {
          notice("warning", `Your entry for ${when} was changed elsewhere while it waited on this phone.`, {
            href: draft.url,
            text: "Open it to choose which version to keep.",
          });
          continue;
        }
        const result = await send(draft);
        if (result.state === "sent") {
          notice("success", `Sent: your entry for ${when}, kept on this phone, is now saved.`);
        } else if (result.state === "conflict") {
          notice("warning", `Your entry for ${when} was changed elsewhere while it waited on this phone.`, {
            href: draft.url,
            text: "Open it to choose which version to keep.",
          });
        } else if (result.state === "invalid") {
          notice("warning", `Your entry for ${when}, kept on this phone, could not be saved as it is.`, {
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

  window.addEventListener("online", flush);
  document.addEventListener("DOMContentLoaded", flush);
})();
