// Small, optional enhancements: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Focus the error summary so screen reader users hear what went wrong first (GOV.UK pattern).
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function (event) { event.preventDefault(); window.print(); });
  });

  // The rota engine's progress: ask every second, update the bar and the status line (a polite live
  // region), and show the finished week when the engine is done. Without this file, a link refreshes.
  var status = document.querySelector("[data-progress-url]");
  var bar = document.getElementById("plan-progress");
  if (status && bar) {
    var poll = function () {
      fetch(status.getAttribute("data-progress-url"), { credentials: "same-origin", cache: "no-store" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (p) {
          if (!p) return;
          if (p.state !== "planning") { window.location.reload(); return; }
          bar.value = p.percent;
          bar.textContent = p.percent + " %";
          // Announce every 25 %, not every second: a screen reader would talk without pause.
          var step = Math.floor(p.percent / 25) * 25;
          if (status.getAttribute("data-said") !== String(step)) {
            status.setAttribute("data-said", String(step));
            status.textContent = p.percent + " % done after " + Math.floor(p.seconds) + " seconds.";
          }
          setTimeout(poll, 1000);
        })
        .catch(function () { setTimeout(poll, 3000); });
    };
    setTimeout(poll, 1000);
  }

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
