// CareCoop's service worker: a worker's week and visit records still open without signal. Those pages, the
// stylesheet and the script are fetched from the network first and a copy kept on the phone; without signal
// the copy is shown. Nothing else is kept (never the API, never another page), and signing out deletes the
// copies (see app.js). Entries written without signal wait in the page's own outbox, not here.
var CACHE = "carecoop-pages-1";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function kept(url) {
  return url.pathname === "/my-week" || /^\/visits\/[^/]+\/record$/.test(url.pathname) ||
    url.pathname === "/static/style.css" || url.pathname === "/static/app.js";
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || !kept(url)) return;
  event.respondWith(
    fetch(request).then(function (response) {
      // Only a page the server gave to this signed-in worker (not a redirect to the sign-in page).
      if (response.ok && !response.redirected) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(request, { ignoreSearch: url.pathname.indexOf("/static/") === 0 })
        .then(function (hit) { return hit || Response.error(); });
    })
  );
});
