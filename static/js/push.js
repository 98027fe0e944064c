// "Remind me on this phone": the panels rendered by templates/notifications/_this_phone.html.
// The browser's permission is asked only after the person taps the button; the subscription
// (this browser's push address and keys) is stored on their account, one per device.
(function () {
  "use strict";

  const panels = document.querySelectorAll("[data-push-panel]");
  const supported =
    "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  if (!panels.length || !supported) {
    return;
  }
  // Per device, not per person, and kept at logout: the suggestion on Today comes once.
  const OFFERED_KEY = "footcare-device:push-offered";

  function keyBytes(base64url) {
    const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    const raw = window.atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
    return Uint8Array.from(raw, (c) => c.charCodeAt(0));
  }

  function post(panel, url, data) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": panel.querySelector('input[name="csrfmiddlewaretoken"]').value,
      },
      body: JSON.stringify(data),
    });
  }

  async function subscription() {
    const registration = await navigator.serviceWorker.ready;
    return registration.pushManager.getSubscription();
  }

  function show(panel, on, text) {
    panel.querySelector("[data-push-on]").hidden = on;
    panel.querySelector("[data-push-off]").hidden = !on;
    panel.querySelector("[data-push-state]").textContent =
      text ||
      (on
        ? "This phone shows your reminder as a notification."
        : "Not turned on for this phone.");
  }

  async function turnOn(panel) {
    const permission = await Notification.requestPermission();
    if (permission !== "granted") {
      show(
        panel,
        false,
        "This browser blocks notifications from this site. Allow them in its site settings, then tap again.",
      );
      return;
    }
    try {
      const registration = await navigator.serviceWorker.ready;
      const subscribed = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(panel.dataset.key),
      });
      const response = await post(panel, panel.dataset.addUrl, subscribed.toJSON());
      if (!response.ok) {
        await subscribed.unsubscribe();
        const answer = await response.json().catch(() => ({}));
        show(panel, false, answer.error || "This phone could not be turned on. Try again later.");
        return;
      }
    } catch {
      show(panel, false, "This phone could not be turned on. Try again later.");
      return;
    }
    show(panel, true);
    if (panel.hasAttribute("data-push-offer")) {
      panel.querySelector("[data-push-state]").textContent =
        "Done: this phone will remind you. Choose email, notification or both under Your account.";
      panel.querySelector("[data-push-off]").hidden = true;
    }
  }

  async function turnOff(panel) {
    const subscribed = await subscription();
    if (subscribed) {
      await post(panel, panel.dataset.removeUrl, { endpoint: subscribed.endpoint });
      await subscribed.unsubscribe();
    }
    show(panel, false);
  }

  async function prepare(panel) {
    const subscribed = await subscription();
    if (panel.hasAttribute("data-push-offer")) {
      const installed = window.matchMedia("(display-mode: standalone)").matches;
      if (
        !installed ||
        subscribed ||
        Notification.permission === "denied" ||
        window.localStorage.getItem(OFFERED_KEY)
      ) {
        return;
      }
      window.localStorage.setItem(OFFERED_KEY, "1");
      panel.querySelector("[data-push-dismiss]").addEventListener("click", () => {
        panel.hidden = true;
      });
    }
    show(panel, Boolean(subscribed) && Notification.permission === "granted");
    panel.querySelector("[data-push-on]").addEventListener("click", () => turnOn(panel));
    panel.querySelector("[data-push-off]").addEventListener("click", () => turnOff(panel));
    panel.hidden = false;
  }

  panels.forEach((panel) => {
    prepare(panel);
  });
})();
