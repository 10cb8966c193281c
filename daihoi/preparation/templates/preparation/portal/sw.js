/* Service worker of the delegate portal (scope: the portal's URL prefix).
   Documents are immutable (a new version has a new URL): cache first, kept once opened.
   The portal's pages (notices, programme, documents list, seat): network first with a
   short timeout, the last copy when the hall's network fails. Nothing else is touched. */
var CACHE = "dhdb-portal-v{{ version }}";
var DOCUMENT = /\/portal\/\d+\/documents\/\d+\/$/;
var PAGE = /\/portal\/\d+\/(programme\/|documents\/|seat\/)?$/;

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("dhdb-portal-") === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function timeout(promise, ms) {
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { reject(new Error("timeout")); }, ms);
    promise.then(function (r) { clearTimeout(timer); resolve(r); }, function (e) { clearTimeout(timer); reject(e); });
  });
}

function offline() {
  var html = "<!doctype html><meta charset=utf-8><meta name=viewport content='width=device-width,initial-scale=1'>" +
    "<title>Mất kết nối</title><p style='font:17px sans-serif;padding:1rem'>Mất kết nối mạng. " +
    "Trang này chưa được mở lần nào trên máy nên chưa có bản lưu; các trang, tài liệu đã mở vẫn xem được.</p>";
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

function cacheFirst(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok) cache.put(request, response.clone());
        return response;
      }).catch(offline);
    });
  });
}

function networkFirst(request) {
  return caches.open(CACHE).then(function (cache) {
    return timeout(fetch(request), 6000).then(function (response) {
      if (response.ok && !response.redirected) cache.put(request, response.clone());
      return response;
    }).catch(function () {
      return cache.match(request).then(function (hit) { return hit || offline(); });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (DOCUMENT.test(url.pathname)) event.respondWith(cacheFirst(request));
  else if (PAGE.test(url.pathname)) event.respondWith(networkFirst(request));
});
