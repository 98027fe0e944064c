// A medicine's change form: a stop has no dose, so the dose boxes hide (and are not sent) while
// "Stopped" is chosen (the server refuses a stop with a dose either way). Plain script under the CSP.
(function () {
  "use strict";

  for (const form of document.querySelectorAll("form.medicine-change")) {
    const parts = form.querySelectorAll(".dose-part");
    const update = () => {
      const chosen = form.querySelector('input[type="radio"]:checked');
      const stop = chosen && chosen.value === "stopped";
      for (const part of parts) {
        part.hidden = stop;
        // Not sent while hidden: what was typed there is not part of a stop.
        for (const input of part.querySelectorAll("input")) {
          input.disabled = stop;
        }
      }
    };
    form.addEventListener("change", update);
    update();
  }
})();
