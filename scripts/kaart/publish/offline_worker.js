/* The site's service worker (written by kaart/publish/offline.py, which puts VERSION and PRECACHE above).
 *
 * One cache per build, named by its version: everything in it comes from that one build.
 * - install: cache the youth route, the wegwijzer, Mijn lijst, the offline page, the finder data and
 *   our assets, plus the theme's files these pages name; the network serves this build before and after.
 * - activate: delete the caches of every other build, take over the open pages (they reload: the
 *   page script does that on controllerchange, so no page runs on files of two builds).
 * - fetch: from this build's cache first; else from the network, and kept (an offer page, a search
 *   shard) only when the network still serves this build; a page without network and not in the
 *   cache gets the offline page.
 * Nothing but GET requests to this site is touched.
 */
"use strict";
var CACHE = "kaart-" + VERSION;
var PREFIX = "kaart-";
var BASE = new URL("./", self.location.href).href;
var OFFLINE = new URL("offline/", BASE).href;
var VERSION_URL = new URL("data/offline.json", BASE).href;
var KEEP = /\/(?:assets|stylesheets)\/[^?]*$/;
var ASSET = /(?:src|href)="([^"#?]+\.(?:js|css|svg|png|woff2?))"/g;

function fresh(cache, url) {
  // no-cache: revalidate with the server (a 304 costs little), never a file of an older build from the HTTP cache
  return fetch(url, { cache: "no-cache", credentials: "same-origin" }).then(function (response) {
    if (!response.ok) throw new Error(url + ": " + response.status);
    return cache.put(url, response.clone()).then(function () { return response; });
  });
}

// The version the network serves now; the install checks it before and after fetching, so a site
// replaced in between (kaart build swaps the whole folder at once) is never cached half.
function networkVersion() {
  return fetch(VERSION_URL, { cache: "no-store", credentials: "same-origin" }).then(function (r) { return r.json(); })
    .then(function (data) { return data.versie; });
}

function sure(version) {
  if (version !== VERSION) throw new Error("the site now serves build " + version + ", this worker is " + VERSION);
}

self.addEventListener("install", function (event) {
  event.waitUntil(networkVersion().then(sure).then(function () { return caches.open(CACHE); }).then(function (cache) {
    var urls = PRECACHE.map(function (path) { return new URL(path, BASE).href; });
    return Promise.all(urls.map(function (url) { return fresh(cache, url); })).then(function (responses) {
      var pages = responses.filter(function (r) { return (r.headers.get("Content-Type") || "").indexOf("text/html") === 0; });
      return Promise.all(pages.map(function (r) {
        return r.clone().text().then(function (html) {
          var found = [], match;
          ASSET.lastIndex = 0;
          while ((match = ASSET.exec(html))) {
            var url = new URL(match[1], r.url).href;
            if (url.indexOf(BASE) === 0 && urls.indexOf(url) === -1 && found.indexOf(url) === -1) found.push(url);
          }
          return found;
        });
      }));
    }).then(function (lists) {
      var theme = [];
      lists.forEach(function (list) { list.forEach(function (url) { if (theme.indexOf(url) === -1) theme.push(url); }); });
      return Promise.all(theme.map(function (url) { return fresh(cache, url); }));
    }).then(networkVersion).then(sure).catch(function (error) {
      // The site changed while this worker installed (or a file failed): nothing of it stays, the
      // install fails and the browser tries again, with the new build's worker.
      return caches.delete(CACHE).then(function () { throw error; });
    });
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf(PREFIX) === 0 && name !== CACHE; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

// Does the network still serve this build?  Asked at most every 30 seconds; a newer build wakes the update.
var checked = null;
function sameBuild() {
  if (checked && Date.now() - checked.at < 30000) return checked.answer;
  var answer = fetch(VERSION_URL, { cache: "no-store", credentials: "same-origin" }).then(function (r) { return r.json(); })
    .then(function (data) {
      if (data.versie !== VERSION) self.registration.update().catch(function () {});
      return data.versie === VERSION;
    }, function () { return false; });
  checked = { at: Date.now(), answer: answer };
  return answer;
}

// The offline page, shown at the address asked for: a <base> keeps its links and styles working there.
function offlinePage(cache) {
  return cache.match(OFFLINE).then(function (r) {
    if (!r) return Response.error();
    return r.text().then(function (html) {
      html = html.replace(/<head([^>]*)>/i, '<head$1><base href="' + OFFLINE + '">');
      return new Response(html, { status: 503, statusText: "Offline", headers: { "Content-Type": "text/html; charset=utf-8" } });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(BASE) !== 0 || request.url === self.location.href) return;
  var page = request.mode === "navigate";
  var url = new URL(request.url);
  // A page is the same whatever its query (the wegwijzer's situation): kept once, under its path.
  var key = page ? url.origin + url.pathname : request;
  event.respondWith(caches.open(CACHE).then(function (cache) {
    return cache.match(key).then(function (hit) {
      if (hit) return hit;
      return fetch(request).then(function (response) {
        // Kept: pages, our and the theme's assets, search shards; not downloads such as the open data.
        if (response.ok && response.type === "basic" && (page || KEEP.test(url.pathname))) {
          var copy = response.clone();
          event.waitUntil(sameBuild().then(function (same) { if (same) return cache.put(key, copy); }));
        }
        return response;
      }, function (error) {
        if (page) return offlinePage(cache);
        throw error;
      });
    });
  }));
});
