// SPDX-License-Identifier: EUPL-1.2
// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
