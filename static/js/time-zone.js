// Sign-up proposes the browser's own time zone; the person can still choose another.
document.addEventListener("DOMContentLoaded", () => {
  const select = document.querySelector("select[data-browser-time-zone]");
  if (!select) return;
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch {
    return;
  }
  if ([...select.options].some((option) => option.value === zone)) {
    select.value = zone;
  }
});
