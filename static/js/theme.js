// Dark mode that follows the system: Bootstrap's colour modes switch on data-bs-theme, set
// here before the page is drawn (a plain script in <head>, no inline code under the strict
// Content-Security-Policy), and again whenever the system's setting changes.
(function () {
  "use strict";

  const dark = window.matchMedia("(prefers-color-scheme: dark)");
  const apply = () => {
    document.documentElement.setAttribute("data-bs-theme", dark.matches ? "dark" : "light");
  };
  apply();
  dark.addEventListener("change", apply);
})();
