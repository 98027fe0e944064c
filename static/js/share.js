// The new link's Copy and Share buttons. Each shows only where the browser can do it: the
// Clipboard API (a secure page, or an older browser's copy command) and the Web Share API.
(function () {
  "use strict";
  var status = document.getElementById("share-status");

  function say(text) {
    if (status) status.textContent = text;
  }

  function copyOld(box) {
    box.focus();
    box.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var box = document.getElementById(button.dataset.copy);
    if (!box) return;
    if (!(navigator.clipboard && window.isSecureContext) && !document.queryCommandSupported("copy")) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var done = function () { say("Copied. Paste it into a message to your clinician."); };
      var failed = function () {
        say(copyOld(box) ? "Copied. Paste it into a message to your clinician." : "Could not copy: select the link and copy it.");
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(box.value).then(done, failed);
      } else {
        failed();
      }
    });
  });

  document.querySelectorAll("[data-share]").forEach(function (button) {
    var box = document.getElementById(button.dataset.share);
    if (!box || typeof navigator.share !== "function") return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({ title: button.dataset.shareTitle, url: box.value }).catch(function (error) {
        if (error && error.name !== "AbortError") say("Could not open sharing: copy the link instead.");
      });
    });
  });
})();
