// SPDX-License-Identifier: EUPL-1.2
// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
// Character counters: the page says every text field's limit; this keeps the count current
// and lets screen readers hear it (aria-live), after a pause in typing rather than per key.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-counter-for]").forEach((counter) => {
    const input = document.getElementById(counter.dataset.counterFor);
    if (!input) return;
    const limit = Number(counter.dataset.limit);
    // The browser would cut a longer paste silently at maxlength: count instead, and let
    // the server refuse (keeping the text) what is still too long.
    input.removeAttribute("maxlength");
    let timer = null;
    const update = () => {
      const left = limit - input.value.length;
      counter.textContent = left >= 0
        ? counter.dataset.left.replace("{left}", String(left))
        : counter.dataset.over.replace("{over}", String(-left));
      counter.classList.toggle("form-field-counter--over", left < 0);
    };
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(update, 400);
    });
    if (input.value) update();
  });
});
