// "Same as yesterday" on a day's page: one tap fills in the day before's ratings (not its
// exercises or note), which stay editable until Save. The button carries the ratings in
// data attributes and is shown only when this script runs. Plain script under the strict
// Content-Security-Policy.
(function () {
  "use strict";

  const button = document.getElementById("same-as-yesterday");
  const form = document.getElementById("entry-form");
  const status = document.getElementById("save-status");
  if (!button || !form || !status) {
    return;
  }
  const AREAS = ["back", "hip", "knee"];

  button.hidden = false;
  button.addEventListener("click", () => {
    const said = [];
    for (const area of AREAS) {
      const value = button.dataset[area] || "";
      const radio = form.querySelector(`input[name="${area}"][value="${value}"]`);
      if (radio) {
        radio.checked = true;
        // day.js and others listen for changes, as after a tap on the rating itself.
        radio.dispatchEvent(new Event("change", { bubbles: true }));
      }
      said.push(`${area} ${value === "" ? "not rated" : value}`);
    }
    status.textContent = `Filled in yesterday's ratings: ${said.join(", ")}. Change any, then Save.`;
  });
})();
