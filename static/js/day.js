// Today and any past day: asks before leaving with unsaved changes, and keeps the form on
// the phone when it cannot reach the server, then sends it by itself (pwa.js does the
// sending). Plain script under the strict Content-Security-Policy.
(function () {
  "use strict";

  const form = document.getElementById("entry-form");
  const sync = document.getElementById("day-sync");
  const drafts = window.FootcareDrafts;
  if (!form || !sync) {
    return;
  }
  // Beside the Save button (journal/_save_row.html), where the person looks after a save.
  const status = document.querySelector('[data-field="sync-status"]');
  const KEPT = "Saved on this phone; it will be sent when you are back online.";
  const shell = sync.hasAttribute("data-shell");
  let day = sync.dataset.day;
  let url = sync.dataset.url;
  let leaving = false;

  // Whether the status says a draft waits on this phone (see sentElsewhere).
  let keptShown = false;
  function say(text, kind, kept = false) {
    keptShown = kept;
    status.className = `alert alert-${kind || "info"}`;
    status.textContent = text;
    status.hidden = false;
  }

  function localToday() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  // The offline copy of the page answers for whichever day page was asked for.
  if (shell) {
    const asked = window.location.pathname.match(/\/day\/(\d{4}-\d{2}-\d{2})\/$/);
    const shellDay = day;
    day = asked ? asked[1] : localToday();
    url = url.replace(shellDay, day);
    if (asked && drafts) {
      const heading = document.querySelector("main h1");
      if (heading) {
        heading.textContent = drafts.longDate(day);
      }
    }
  }

  function fields() {
    return drafts ? drafts.fieldsOf(form) : [...new FormData(form)].map(([n, v]) => [n, String(v)]);
  }

  function fill(pairs) {
    for (const kept of form.querySelectorAll("input[data-kept]")) {
      kept.remove();
    }
    for (const element of form.elements) {
      if (!element.name || element.name === "csrfmiddlewaretoken" || element.name === "version") {
        continue;
      }
      if (element.type === "radio" || element.type === "checkbox") {
        element.checked = pairs.some(([n, v]) => n === element.name && v === element.value);
      } else if (element.tagName === "TEXTAREA" || element.type === "text") {
        const pair = pairs.find(([n]) => n === element.name);
        element.value = pair ? pair[1] : "";
      }
    }
    // A ticked choice this form has no box for (a factor hidden since, in the offline copy
    // of the page) is kept as it was, so sending the draft does not drop it.
    for (const [name, value] of pairs) {
      const same = [...form.elements].filter((element) => element.name === name);
      const boxes = same.every((element) => element.type === "checkbox");
      if (boxes && !same.some((box) => box.value === value)) {
        const kept = document.createElement("input");
        Object.assign(kept, { type: "hidden", name, value });
        kept.dataset.kept = "";
        form.append(kept);
      }
    }
  }

  let snapshot = JSON.stringify(fields());
  const isDirty = () => JSON.stringify(fields()) !== snapshot;
  const markClean = () => {
    snapshot = JSON.stringify(fields());
  };

  // Only when something was changed and not saved: a page with an error or a conflict holds
  // what the person typed, so it counts as changed from the start.
  let boundAndUnsaved = sync.hasAttribute("data-bound");
  window.addEventListener("beforeunload", (event) => {
    if (!leaving && (boundAndUnsaved || isDirty())) {
      event.preventDefault();
    }
  });
  for (const link of document.querySelectorAll("[data-discard-draft]")) {
    link.addEventListener("click", () => {
      leaving = true;
      if (drafts) {
        drafts.remove(day);
      }
    });
  }

  if (!drafts || !drafts.enabled) {
    form.addEventListener("submit", () => {
      leaving = true;
    });
    return;
  }
  // pwa.js calls this whenever it tries the waiting drafts again (back online, the page
  // shown again, its timer). A draft that met a change made elsewhere waits for the person
  // to choose a version; a form being submitted the usual way is on its way already.
  drafts.claim(day, () => {
    const draft = drafts.get(day);
    return draft && !draft.conflict && !leaving ? send(draft) : null;
  });

  // Another tab sent this day's draft (or replaced it): show the day as it is saved now,
  // with its new version, unless more was typed here since.
  function sentElsewhere() {
    if (!isDirty() && !leaving) {
      leaving = true;
      window.location.assign(url);
    }
  }
  window.addEventListener("storage", () => {
    if (keptShown && !drafts.get(day)) {
      sentElsewhere();
    }
  });

  // The server's own page decides: it shows the errors, or both versions to choose from.
  function submitToServer(draft, token) {
    leaving = true;
    fill(draft.fields);
    form.elements.version.value = draft.version;
    if (token) {
      form.elements.csrfmiddlewaretoken.value = token;
    }
    form.submit();
  }

  let sending = false;
  async function send(draft) {
    if (sending) {
      return;
    }
    sending = true;
    try {
      const result = await drafts.send(draft);
      if (result.state === "sent") {
        if (isDirty()) {
          // Typed more since: keep it on screen, and save it over the version just sent.
          form.elements.version.value = result.version;
          say(`Sent: your entry for ${drafts.longDate(day)} is saved.`, "success");
        } else {
          leaving = true;
          window.location.assign(result.url);
        }
      } else if (result.state === "conflict" || result.state === "invalid") {
        submitToServer(draft, result.token);
      } else if (result.state === "login") {
        say("Saved on this phone. Log in again and it will be sent.", "warning", true);
      } else if (result.state === "stale") {
        sentElsewhere();
      } else if (result.state !== "busy") {
        // Not reached or not taken this time: pwa.js tries again. ("busy": another tab is
        // sending it, and the next try finds it sent.)
        say(KEPT, "info", true);
      }
    } finally {
      sending = false;
    }
  }

  // Every save is first kept on the phone. Online, the form then goes to the server as usual
  // (if the network drops on the way, the service worker answers with the offline copy,
  // which finds the draft); offline, it stays here until the network is back.
  form.addEventListener("submit", (event) => {
    drafts.put({
      day,
      url,
      version: form.elements.version.value,
      fields: fields(),
      savedAt: new Date().toISOString(),
    });
    markClean();
    boundAndUnsaved = false;
    if (navigator.onLine && !shell) {
      leaving = true;
      drafts.holdWhileSubmitting(day);
      return;
    }
    event.preventDefault();
    if (navigator.onLine) {
      send(drafts.get(day));
    } else {
      say(KEPT, "info", true);
    }
  });

  const kept = drafts.get(day);
  const alreadySaved = kept && !shell && JSON.stringify(kept.fields) === snapshot;
  if (sync.hasAttribute("data-bound") || alreadySaved) {
    // The server's page shows what was typed (an error or a conflict), or the draft has
    // arrived: it is the day as stored now. Either way the phone's copy is done with.
    drafts.remove(day);
  } else if (kept) {
    fill(kept.fields);
    form.elements.version.value = kept.version;
    markClean();
    if (navigator.onLine && !shell) {
      say("Sending the entry kept on this phone…");
      send(kept);
    } else {
      say(KEPT, "info", true);
    }
  } else if (shell) {
    say("You are offline. What you save here is kept on this phone and sent when you are back online.");
  }
  if (!shell) {
    drafts.keepShell();
  }
})();
