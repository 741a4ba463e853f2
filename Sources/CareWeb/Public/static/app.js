// Small, optional enhancements: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Focus the error summary so screen reader users hear what went wrong first (GOV.UK pattern).
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function (event) { event.preventDefault(); window.print(); });
  });

  // Warn two minutes before an idle session ends and let the person stay (WCAG 2.2.1 Timing Adjustable).
  var idle = parseInt(document.body.getAttribute("data-idle-seconds") || "0", 10);
  var dialog = document.getElementById("timeout-warning");
  if (!idle || !dialog || typeof dialog.showModal !== "function") return;
  var timer;
  function arm() {
    clearTimeout(timer);
    timer = setTimeout(function () { dialog.showModal(); }, Math.max(idle - 120, 10) * 1000);
  }
  var stay = dialog.querySelector("[data-stay]");
  stay.addEventListener("click", function () {
    // Any request refreshes the session; the button names the cheapest address (the health check).
    fetch(stay.getAttribute("data-stay"), { credentials: "same-origin", cache: "no-store" }).finally(function () {
      dialog.close();
      arm();
    });
  });
  arm();
});
