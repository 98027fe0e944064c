// The rest session's clock: counts down the routine's length, then asks for the rating.
(function () {
  "use strict";
  const clock = document.getElementById("rest-clock");
  const announce = document.getElementById("rest-announce");
  if (!clock || !announce) {
    return;
  }
  const end = performance.now() + Number(clock.dataset.seconds) * 1000;
  clock.hidden = false;
  function show() {
    const left = Math.max(0, Math.ceil((end - performance.now()) / 1000));
    clock.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
    if (left === 0) {
      window.clearInterval(timer);
      announce.textContent = "Time is up: rate your pain now.";
      const first = document.querySelector(".rating-tap");
      if (first) {
        first.focus();
      }
    }
  }
  const timer = window.setInterval(show, 250);
  show();
})();
