// The Reports range form (templates/journal/_range_form.html). Without this script the
// select decides and "Show" submits; with it the form behaves as it reads:
// - choosing a preset fills the date boxes with that range's real dates and shows it;
// - typing a date switches the range to "From – to" and shows it once both dates are whole.
// Plain script, no inline code: it runs under a strict Content-Security-Policy.
(function () {
  "use strict";

  const form = document.getElementById("range-form");
  if (!form) {
    return;
  }
  const range = form.elements.namedItem("range");
  const from = form.elements.namedItem("from");
  const to = form.elements.namedItem("to");
  // The person's own "today" (the server renders it in their time zone), not the device's.
  const today = form.dataset.today;
  // Typing a date fires "input" at every digit of the year; wait for a pause before
  // reloading, so "2026" is not shown as the years 2, 20 and 202 on the way.
  const TYPING_PAUSE_MS = 900;
  let timer = null;

  function isoDaysBefore(iso, days) {
    const date = new Date(iso + "T00:00:00Z");
    date.setUTCDate(date.getUTCDate() - days);
    return date.toISOString().slice(0, 10);
  }

  function presetDates(choice) {
    if (/^\d+$/.test(choice)) {
      return [isoDaysBefore(today, Number(choice) - 1), today];
    }
    if (choice === "all") {
      return [form.dataset.firstDay || today, today];
    }
    return null;
  }

  function wholeDate(input) {
    // A date box's value is "" until the date is complete and real; a date before the
    // journal's first day (data-earliest-day, from footcare/vocabulary.py) is a year still
    // being typed.
    return input.value !== "" && input.value >= form.dataset.earliestDay;
  }

  function submit() {
    window.clearTimeout(timer);
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  range.addEventListener("change", function () {
    const dates = presetDates(range.value);
    if (dates === null) {
      // "From – to": the boxes keep the dates on screen, ready to be changed.
      from.focus();
      return;
    }
    from.value = dates[0];
    to.value = dates[1];
    submit();
  });

  function dateTyped() {
    range.value = "custom";
    window.clearTimeout(timer);
    if (wholeDate(from) && wholeDate(to) && from.value <= to.value && to.value <= today) {
      timer = window.setTimeout(submit, TYPING_PAUSE_MS);
    }
  }
  from.addEventListener("input", dateTyped);
  to.addEventListener("input", dateTyped);
})();
