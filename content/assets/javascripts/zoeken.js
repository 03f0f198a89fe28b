/* Zoeken in de sociale kaart: a small client for the sharded index in assets/zoekindex/.
 *
 * Nothing is loaded until the search field is used; then the manifest (list of
 * shards), only the shards of the typed words and only the metadata chunks of
 * the hits shown.  normalise/stem/rank mirror scripts/kaart/search.py exactly:
 * tests/test_zoeken.py compares both on the same built index.
 * No innerHTML: every text from the index is set with textContent.
 */
(function () {
  "use strict";

  var VOWELS = "aeiou";
  var PREFIX_FACTOR = 0.5;
  var MAX_COMPLETIONS = 30;
  var script = document.currentScript;
  var root = new URL("../../", script ? script.src : window.location.href);
  var indexUrl = new URL("assets/zoekindex/", root);
  var manifest = null;
  var shards = new Map();
  var chunks = new Map();

  function normalise(text) {
    var t = String(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    return t.split(/[^a-z0-9]+/).filter(function (x) { return x.length > 0; });
  }

  function notVowel(c, extra) { return (VOWELS + (extra || "")).indexOf(c) < 0; }

  function stem(word) {
    var w = word;
    if (w.length <= 3 || /^[0-9]+$/.test(w)) return w;
    if (w.endsWith("heden")) w = w.slice(0, -5) + "heid";
    else if (w.endsWith("tjes") && w.length > 6) w = w.slice(0, -4);
    else if (w.endsWith("tje") && w.length > 5) w = w.slice(0, -3);
    else if (w.endsWith("ies") && w.length > 5) w = w.slice(0, -1);
    else if (w.endsWith("ches") && w.length > 5) w = w.slice(0, -2);
    else if (w.endsWith("en") && w.length > 4 && notVowel(w[w.length - 3])) w = w.slice(0, -2);
    else if (w.endsWith("s") && w.length > 4 && notVowel(w[w.length - 2], "sy")) w = w.slice(0, -1);
    if (w.endsWith("e") && w.length > 4 && notVowel(w[w.length - 2])) w = w.slice(0, -1);
    if (w.endsWith("ing") && w.length > 6) w = w.slice(0, -3);
    if (w.length > 3 && w[w.length - 1] === w[w.length - 2] && notVowel(w[w.length - 1])) w = w.slice(0, -1);
    if (w.length > 4 && notVowel(w[w.length - 1]) && w[w.length - 2] === w[w.length - 3] &&
        !notVowel(w[w.length - 2]) && notVowel(w[w.length - 4])) {
      w = w.slice(0, -2) + w[w.length - 1];
    }
    return w;
  }

  function queryTerms(query, stop) {
    var out = [];
    normalise(query).forEach(function (t) {
      if (stop.has(t)) return;
      var s = stem(t);
      if (out.indexOf(s) < 0) out.push(s);
    });
    return out;
  }

  function shardKey(term, depth) {
    var padded = term;
    while (padded.length < depth) padded += "_";
    return padded.slice(0, depth);
  }

  function shardFor(term, keys) {
    for (var depth = 2; depth <= 6; depth++) {
      var key = shardKey(term, depth);
      if (keys.has(key)) return key;
    }
    return null;
  }

  function rank(byTerm, query) {
    var totals = new Map();
    var matched = new Map();
    query.forEach(function (t) {
      var shard = byTerm[t] || {};
      var best = new Map();
      var candidates = [[t, 1.0]];
      if (t.length >= 3 && !/^[0-9]+$/.test(t) && !Object.prototype.hasOwnProperty.call(shard, t)) {
        Object.keys(shard).filter(function (k) { return k !== t && k.startsWith(t); }).sort()
          .slice(0, MAX_COMPLETIONS).forEach(function (k) { candidates.push([k, PREFIX_FACTOR]); });
      }
      candidates.forEach(function (c) {
        var flat = Object.prototype.hasOwnProperty.call(shard, c[0]) ? shard[c[0]] : null;
        if (!flat) return;
        var doc = 0;
        for (var i = 0; i < flat.length; i += 2) {
          doc += flat[i];
          var score = flat[i + 1] * c[1];
          if (score > (best.get(doc) || 0)) best.set(doc, score);
        }
      });
      best.forEach(function (score, doc) {
        totals.set(doc, (totals.get(doc) || 0) + score);
        matched.set(doc, (matched.get(doc) || 0) + 1);
      });
    });
    var n = Math.max(query.length, 1);
    var scored = [];
    totals.forEach(function (s, doc) { scored.push([doc, s * Math.pow(matched.get(doc) / n, 2)]); });
    scored.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    return scored;
  }

  function fetchJson(name, versie) {
    var url = new URL(name, indexUrl);
    if (versie) url.searchParams.set("v", versie);
    return fetch(url.href, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(name + ": " + r.status);
      return r.json();
    });
  }

  function loadManifest() {
    if (!manifest) {
      manifest = fetchJson("manifest.json").then(function (m) {
        m.keys = new Set(m.shards);
        m.stop = new Set(m.stopwoorden);
        return m;
      });
      manifest.catch(function () { manifest = null; });
    }
    return manifest;
  }

  function cached(map, name, versie) {
    if (!map.has(name)) {
      var p = fetchJson(name, versie);
      map.set(name, p);
      p.catch(function () { map.delete(name); });
    }
    return map.get(name);
  }

  function search(query, limit) {
    return loadManifest().then(function (m) {
      var q = queryTerms(query, m.stop);
      var byTerm = {};
      return Promise.all(q.map(function (t) {
        var key = shardFor(t, m.keys);
        if (!key) { byTerm[t] = {}; return null; }
        return cached(shards, "t-" + key + ".json", m.versie).then(function (s) { byTerm[t] = s; });
      })).then(function () {
        var hits = rank(byTerm, q);
        var top = hits.slice(0, limit);
        return Promise.all(top.map(function (h) {
          return cached(chunks, "d-" + Math.floor(h[0] / m.chunk) + ".json", m.versie).then(function (c) {
            var d = c[h[0] % m.chunk];
            return { url: d[0], titel: d[1], soort: d[2], uitleg: d[3], score: h[1] };
          });
        })).then(function (docs) { return { total: hits.length, hits: docs, terms: q }; });
      });
    });
  }

  // -- user interface ---------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function countText(total, shown, query) {
    if (total === 0) return "Geen resultaten voor \u2018" + query + "\u2019. Probeer een ander woord, zoals schulden, werk of een plaatsnaam.";
    var text = total === 1 ? "1 resultaat" : total + " resultaten";
    if (total > shown) text += ", de eerste " + shown + " staan hieronder";
    return text + ".";
  }

  function renderList(list, hits) {
    list.replaceChildren();
    hits.forEach(function (hit) {
      var href = new URL(hit.url, root);
      if (href.origin !== window.location.origin && window.location.protocol !== "file:") return;
      var li = el("li", "kaart-zoek__hit");
      var a = el("a", "kaart-zoek__link");
      a.href = href.href;
      a.append(el("span", "kaart-zoek__titel", hit.titel), el("span", "kaart-zoek__soort", hit.soort));
      if (hit.uitleg) a.append(el("span", "kaart-zoek__uitleg", hit.uitleg));
      li.append(a);
      list.append(li);
    });
  }

  function links(list) { return Array.prototype.slice.call(list.querySelectorAll("a")); }

  function setup() {
    var form = document.getElementById("kaart-zoek");
    var input = document.getElementById("kaart-zoek-invoer");
    var status = document.getElementById("kaart-zoek-status");
    var list = document.getElementById("kaart-zoek-resultaten");
    if (!form || !input || !status || !list) return;
    var page = document.getElementById("kaart-zoekpagina-resultaten");
    var pageStatus = document.getElementById("kaart-zoekpagina-status");
    var run = 0;
    var timer = null;

    function close() {
      list.hidden = true;
      list.replaceChildren();
      input.setAttribute("aria-expanded", "false");
    }

    function update(target, targetStatus, limit) {
      var query = input.value.trim();
      var mine = ++run;
      if (!query) { close(); targetStatus.textContent = ""; return; }
      search(query, limit).then(function (result) {
        if (mine !== run) return;  // a newer query is on its way
        renderList(target, result.hits);
        targetStatus.textContent = countText(result.total, result.hits.length, query);
        if (target === list) {
          list.hidden = result.hits.length === 0;
          input.setAttribute("aria-expanded", String(!list.hidden));
        }
        document.documentElement.dataset.kaartZoek = "klaar";
      }).catch(function () {
        if (mine === run) targetStatus.textContent = "Zoeken lukt nu niet. Probeer het opnieuw of kijk in het aanbod A-Z.";
      });
    }

    input.addEventListener("focus", function () { loadManifest().catch(function () {}); }, { once: true });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { update(list, status, 8); }, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && !list.hidden && links(list).length) {
        event.preventDefault();
        links(list)[0].focus();
      } else if (event.key === "Escape") {
        close();
      }
    });
    list.addEventListener("keydown", function (event) {
      var all = links(list);
      var i = all.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && i < all.length - 1) { event.preventDefault(); all[i + 1].focus(); }
      else if (event.key === "ArrowUp") { event.preventDefault(); (i > 0 ? all[i - 1] : input).focus(); }
      else if (event.key === "Escape") { close(); input.focus(); }
    });
    document.addEventListener("click", function (event) {
      if (!form.parentNode.contains(event.target)) close();
    });

    if (page && pageStatus) {
      var q = new URLSearchParams(window.location.search).get("q") || "";
      input.value = q;
      if (q.trim()) {
        pageStatus.textContent = "Bezig met zoeken\u2026";
        update(page, pageStatus, 50);
      } else {
        pageStatus.textContent = "Typ een zoekwoord in het zoekveld bovenaan, bijvoorbeeld schulden, jobcoach of 23 jaar.";
      }
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();

  // For tests: the same pipeline without the user interface.
  window.kaartZoeken = { normalise: normalise, stem: stem, search: search };
})();
