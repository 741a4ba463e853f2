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

// Offline first (issue 13): on a visit's record page every entry is sent in the background with the
// phone's time. Without signal it is kept on this phone (localStorage) and sent when the signal returns,
// each with the id the page gave it, so a sending that gets through twice keeps one entry. Before sending,
// the page is fetched again for a fresh form token (the session may have been renewed meanwhile). Without
// this file the forms post as usual.
document.addEventListener("DOMContentLoaded", function () {
  var KEY = "carecoop.outbox";
  var status = document.getElementById("outbox");
  function load() {
    try { return JSON.parse(window.localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function store(list) { window.localStorage.setItem(KEY, JSON.stringify(list)); }
  function tell(text) {
    if (!status) return;
    status.textContent = text;
  }
  function describe() {
    var list = load();
    var waiting = list.filter(function (e) { return !e.refused; });
    var refused = list.filter(function (e) { return e.refused; });
    var words = [];
    if (waiting.length) {
      words.push((waiting.length === 1 ? "1 thing is" : waiting.length + " things are") +
        " kept on this phone and will be sent when there is signal: " +
        waiting.map(function (e) { return e.label; }).join(", ") + ".");
    }
    if (refused.length) {
      words.push("Not saved, please write again: " +
        refused.map(function (e) { return e.label + " (" + e.refused + ")"; }).join(", ") + ".");
    }
    tell(words.join(" "));
  }
  function withToken(body, token) {
    var params = new URLSearchParams(body);
    params.set("csrf_token", token);
    return params.toString();
  }
  var sending = false;
  function flush() {
    var list = load().filter(function (e) { return !e.refused; });
    if (sending || !list.length || navigator.onLine === false) return;
    sending = true;
    var first = list[0];
    fetch(first.page, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) {
        if (new URL(r.url).pathname !== first.page) throw new Error("sign-in");
        return r.text();
      })
      .then(function (html) {
        var match = /name="csrf_token" value="([^"]*)"/.exec(html);
        if (!match) throw new Error("sign-in");
        return fetch(first.action, {
          method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: withToken(first.body, match[1])
        });
      })
      .then(function (r) {
        var all = load();
        var at = all.findIndex(function (e) { return e.id === first.id; });
        if (r.ok && new URL(r.url).pathname === first.page) {
          if (at >= 0) all.splice(at, 1);
        } else if (r.status === 422 || r.status === 409) {
          if (at >= 0) all[at].refused = "the co-op's server said no";
        } else {
          throw new Error("later");
        }
        store(all);
        sending = false;
        if (all.some(function (e) { return !e.refused; })) { flush(); return; }
        describe();
        if (first.page === window.location.pathname) window.location.reload();
      })
      .catch(function (error) {
        sending = false;
        describe();
        if (error && error.message === "sign-in") {
          tell((status && status.textContent ? status.textContent + " " : "") +
            "Sign in again to send them.");
        }
      });
  }

  document.querySelectorAll("form[data-offline]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var when = form.querySelector("input[name=deviceAt]");
      if (when) when.value = new Date().toISOString();
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      var entry = {
        id: (form.querySelector("input[name=entryID]") || {}).value || String(Date.now()),
        page: window.location.pathname,
        action: new URL(form.action, window.location.href).pathname,
        body: new URLSearchParams(new FormData(form)).toString(),
        label: button ? button.textContent.replace(/^Save: /, "") : "an entry"
      };
      var keep = function () {
        var list = load();
        if (!list.some(function (e) { return e.id === entry.id; })) list.push(entry);
        store(list);
        if (button) button.disabled = true;
        describe();
      };
      if (navigator.onLine === false) { keep(); return; }
      fetch(entry.action, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: entry.body
      }).then(function (r) {
        if (r.ok && new URL(r.url).pathname === entry.page) {
          window.location.reload();
        } else if (new URL(r.url).pathname === "/sign-in") {
          // The session ended: keep the entry on the phone until the worker signs in again.
          keep();
          tell(status.textContent + " Sign in again to send them.");
        } else {
          // A problem to show (or a session that ended): let the form post as usual.
          form.submit();
        }
      }, keep);
    });
  });
  window.addEventListener("online", flush);
  setInterval(flush, 10000);
  describe();
  flush();
});

// The service worker keeps a signed-in worker's week and visit records on the phone for when there is no
// signal (see sw.js); on a page for someone signed out, the kept copies are deleted.
document.addEventListener("DOMContentLoaded", function () {
  var signedIn = document.body.hasAttribute("data-idle-seconds");
  if (signedIn && "serviceWorker" in navigator) {
    navigator.serviceWorker.register("/static/sw.js", { scope: "/" }).then(function () {
      // On the worker's week, fetch each visit's record once so it opens later without signal.
      if (window.location.pathname !== "/my-week" || !navigator.serviceWorker.controller) return;
      document.querySelectorAll("main a[href$='/record']").forEach(function (a) {
        fetch(a.href, { credentials: "same-origin" }).catch(function () {});
      });
    }).catch(function () {});
  } else if (!signedIn && window.caches) {
    window.caches.delete("carecoop-pages-1");
  }
});
