/* Zoeken in de sociale kaart: a small client for the sharded index in assets/zoekindex/.
 *
 * Nothing is loaded until the search field is used; then the manifest (list of
 * shards), only the shards of the typed words and only the metadata chunks of
 * the hits shown.  normalise/stem are those of scripts/kaart/search/text.py (tests/unit/
 * test_zoeken_stam.py runs both); rank is mirrored in tests/support/zoeken.py, and
 * tests/browser/test_zoeken.py compares both on the same built index.
 * No innerHTML: every text from the index is set with textContent, and the
 * matched words are wrapped in <mark> elements built with createElement.
 */
(function () {
  "use strict";

  var VOWELS = "aeiou";
  var PREFIX_FACTOR = 0.5;
  var MAX_COMPLETIONS = 30;
  var AGE_BOOST = 0.5;       // an offer whose age range holds the typed age: its topic score times 1.5
  var AGE_WORDS = ["jaar", "jar", "jr", "leeftijd"];  // stems that belong to an age, as in "23 jaar"
  var GROEP_REDACTIE = 2;
  var SNIPPET_BEFORE = 8;    // words of context before the first matched word
  var SNIPPET_WORDS = 26;    // words in a snippet
  if (typeof document === "undefined") {
    // under node (tests/unit/test_zoeken_stam.py, tests/browser/test_zoeken.py): the functions without a page
    module.exports = { normalise: normalise, stem: stem, queryTerms: queryTerms, shardFor: shardFor, rank: rank };
    return;
  }
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

  // The light Dutch stemmer of scripts/kaart/search/text.py, rule for rule (see there why not Snowball).
  function stem(word) {
    if (word.length <= 3 || /^[0-9]+$/.test(word)) return word;
    return tidy(stripEnding(word));
  }

  function stripEnding(w) {
    var n = w.length;
    if (w.endsWith("heden")) return w.slice(0, -5) + "heid";
    if (w.endsWith("tjes") && n > 6) return w.slice(0, -4);
    if (w.endsWith("tje") && n > 5) return w.slice(0, -3);
    if (w.endsWith("ies") && n > 5) return w.slice(0, -1);
    if (w.endsWith("ches") && n > 5) return w.slice(0, -2);
    if (w.endsWith("en") && n > 4 && notVowel(w[n - 3])) return w.slice(0, -2);
    if (w.endsWith("s") && n > 4 && notVowel(w[n - 2], "sy")) return w.slice(0, -1);
    if (w.endsWith("es") && n > 4 && notVowel(w[n - 3]) && !notVowel(w[n - 4]) && !w.endsWith("oces")) {
      return w.slice(0, -1);
    }
    return w;
  }

  function tidy(w) {
    if (w.endsWith("e") && w.length > 4 && notVowel(w[w.length - 2])) w = w.slice(0, -1);
    if (w.endsWith("ing") && w.length > 6) w = w.slice(0, -3);
    if (w.length > 3 && w[w.length - 1] === w[w.length - 2] && notVowel(w[w.length - 1])) w = w.slice(0, -1);
    if (w.length > 3 && (w[w.length - 1] === "z" || w[w.length - 1] === "v")) {
      w = w.slice(0, -1) + (w[w.length - 1] === "z" ? "s" : "f");
    }
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

  function shardFor(term, keys, depthMax) {
    for (var depth = 2; depth <= depthMax; depth++) {
      var key = shardKey(term, depth);
      if (keys.has(key)) return key;
    }
    return null;
  }

  function groepOf(doc, ends) {
    for (var g = 0; g < ends.length; g++) if (doc < ends[g]) return g;
    return ends.length;
  }

  function isAge(t) { return /^[0-9]+$/.test(t) || AGE_WORDS.indexOf(t) >= 0; }

  // Topic words decide; an age ("uitkering 25") only orders the offers that match the topic:
  // an offer whose age range holds it gets AGE_BOOST more, and an offer that matches on the
  // age alone comes after every offer that matches the topic.  A query of ages only ("23 jaar")
  // ranks by the age.
  function rank(byTerm, query, ends) {
    var totals = new Map();
    var matched = new Map();
    var ages = new Map();
    var aged = new Map();
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
      var sums = isAge(t) ? ages : totals;
      var counts = isAge(t) ? aged : matched;
      best.forEach(function (score, doc) {
        sums.set(doc, (sums.get(doc) || 0) + score);
        counts.set(doc, (counts.get(doc) || 0) + 1);
      });
    });
    var nTopic = query.filter(function (t) { return !isAge(t); }).length;
    var nAge = query.length - nTopic;
    var n = Math.max(query.length, 1);
    var docs = new Set(Array.from(totals.keys()).concat(Array.from(ages.keys())));
    var scored = [];
    docs.forEach(function (doc) {
      var topic = totals.get(doc) || 0;
      var m = matched.get(doc) || 0;
      var a = aged.get(doc) || 0;
      if (nTopic && m) {
        // Documents that contain every typed word come first (coordination factor).
        var boost = nAge ? 1 + AGE_BOOST * Math.pow(a / nAge, 2) : 1;
        scored.push([doc, topic * Math.pow(m / nTopic, 2) * boost, 0]);
      } else {
        scored.push([doc, (topic + (ages.get(doc) || 0)) * Math.pow((m + a) / n, 2), nTopic ? 1 : 0]);
      }
    });
    ends = ends || [];
    scored.sort(function (x, y) {
      return groepOf(x[0], ends) - groepOf(y[0], ends) || x[2] - y[2] || y[1] - x[1] || x[0] - y[0];
    });
    return scored.map(function (x) { return [x[0], x[1]]; });
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
        m.syn = new Map();
        (m.synoniemen || []).forEach(function (group) {
          group.forEach(function (t) { m.syn.set(t, group); });
        });
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

  // options.redactie: also the editors' pages (the last, labelled group of the results page)
  function search(query, limit, options) {
    var redactie = Boolean(options && options.redactie);
    return loadManifest().then(function (m) {
      var q = queryTerms(query, m.stop);
      var byTerm = {};
      return Promise.all(q.map(function (t) {
        var key = shardFor(t, m.keys, m.diepte || 6);
        if (!key) { byTerm[t] = {}; return null; }
        return cached(shards, "t-" + key + ".json", m.versie).then(function (s) { byTerm[t] = s; });
      })).then(function () {
        var ends = m.groepen || [];
        var hits = rank(byTerm, q, ends).filter(function (h) { return redactie || groepOf(h[0], ends) !== GROEP_REDACTIE; });
        var top = hits.slice(0, limit);
        return Promise.all(top.map(function (h) {
          return cached(chunks, "d-" + Math.floor(h[0] / m.chunk) + ".json", m.versie).then(function (c) {
            var d = c[h[0] % m.chunk];
            return { url: d[0], titel: d[1], soort: d[2], uitleg: d[3], actualiteit: d[4] || "", toon: d[5] || [],
                     score: h[1], groep: groepOf(h[0], ends) };
          });
        })).then(function (docs) {
          var total = hits.filter(function (h) { return groepOf(h[0], ends) !== GROEP_REDACTIE; }).length;
          return { total: total, hits: docs, terms: q, matches: matcher(q, m, byTerm) };
        });
      });
    });
  }

  // -- snippets ---------------------------------------------------------------

  // Which words of a text count as a match: the query's stems, their synonyms from the
  // manifest, completions of a typed fragment, and (for the age field) a typed age in range.
  function matcher(q, m, byTerm) {
    var exact = new Set();
    var prefixes = [];
    var ages = [];
    function add(t) {
      exact.add(t);
      (m.syn.get(t) || []).forEach(function (s) { exact.add(s); });
    }
    q.forEach(function (t) {
      add(t);
      var shard = byTerm[t] || {};
      if (/^[0-9]+$/.test(t)) ages.push(Number(t));
      else if (t.length >= 3 && !Object.prototype.hasOwnProperty.call(shard, t)) {
        // a fragment: the completions rank() used, and their synonyms ('jobc' -> jobcoach -> werkbegeleiding)
        prefixes.push(t);
        Object.keys(shard).filter(function (k) { return k.startsWith(t); }).sort().slice(0, MAX_COMPLETIONS).forEach(add);
      }
    });
    return {
      word: function (word) {
        return normalise(word).some(function (part) {
          if (m.stop.has(part)) return false;
          var s = stem(part);
          return exact.has(s) || prefixes.some(function (p) { return s.startsWith(p); });
        });
      },
      age: function (text) {
        var n = (text.match(/[0-9]+/g) || []).map(Number);
        if (!n.length || !ages.length) return false;
        var low = /^vanaf/.test(text) ? n[0] : (/^tot/.test(text) ? 12 : n[0]);
        var high = /^vanaf/.test(text) ? 40 : n[n.length - 1];
        return ages.some(function (a) { return a >= low && a <= high; });
      }
    };
  }

  var WORD = /[\p{L}\p{N}]+/gu;

  function words(text) {
    var out = [];
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text)) !== null) out.push({ start: match.index, end: match.index + match[0].length, text: match[0] });
    return out;
  }

  // Append text[from, to) to node, with every matched word in a <mark>.
  function appendMarked(node, text, from, to, matches, all) {
    var pos = from;
    words(text.slice(from, to)).forEach(function (w) {
      if (!(all || matches.word(w.text))) return;
      var start = from + w.start;
      var end = from + w.end;
      if (start > pos) node.append(document.createTextNode(text.slice(pos, start)));
      node.append(el("mark", "", text.slice(start, end)));
      pos = end;
    });
    if (all && to > pos) { node.append(el("mark", "", text.slice(pos, to))); pos = to; }
    if (to > pos) node.append(document.createTextNode(text.slice(pos, to)));
    return node;
  }

  // The field that best explains the hit ("trefwoord: schuldhulp"), cut around its first match.
  function snippet(hit, matches) {
    var best = null;
    hit.toon.forEach(function (field) {
      var name = field[0];
      var text = field[1];
      var isAge = name === "leeftijd" && matches.age(text);
      var found = words(text).filter(function (w) { return matches.word(w.text); });
      var count = isAge ? 1 : new Set(found.map(function (w) { return stem(normalise(w.text).join("")); })).size;
      if (count > 0 && (!best || count > best.count)) best = { name: name, text: text, found: found, count: count, age: isAge };
    });
    if (!best) return null;
    var node = el("span", "kaart-zoek__uitleg kaart-zoek__fragment");
    node.append(el("span", "kaart-zoek__veld", best.name + ": "));
    if (best.age) return appendMarked(node, best.text, 0, best.text.length, matches, true);
    var all = words(best.text);
    var first = all.indexOf(all.filter(function (w) { return w.start === best.found[0].start; })[0]);
    var from = Math.max(0, first - SNIPPET_BEFORE);
    var to = Math.min(all.length, from + SNIPPET_WORDS);
    var start = from === 0 ? 0 : all[from].start;
    var end = to === all.length ? best.text.length : all[to - 1].end;
    if (start > 0) node.append(document.createTextNode("\u2026 "));
    appendMarked(node, best.text, start, end, matches, false);
    if (end < best.text.length) node.append(document.createTextNode(" \u2026"));
    return node;
  }

  // -- user interface ---------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function countText(total, shown, query) {
    if (total === 0) return "Geen resultaten voor \u2018" + query + "\u2019. Probeer een ander woord, zoals schulden, werk of een plaatsnaam, of zoek verder via de wegwijzer of het aanbod A-Z.";
    var text = total === 1 ? "1 resultaat" : total + " resultaten";
    if (total > shown) text += ", de eerste " + shown + " staan hieronder";
    return text + ".";
  }

  // No hit is never a dead end: the wegwijzer asks about the young person, the A-Z list shows everything.
  function renderNothing(list) {
    var li = el("li", "kaart-zoek__hit kaart-zoek__leeg");
    [["wegwijzer/", "Zoek met de wegwijzer: beantwoord een paar vragen over de jongere"],
     ["aanbod/", "Bekijk het aanbod A-Z"]].forEach(function (item) {
      var a = el("a", "kaart-zoek__link", item[1]);
      a.href = new URL(item[0], root).href;
      li.append(a);
    });
    list.append(li);
  }

  function renderList(list, result, hits) {
    list.replaceChildren();
    hits.forEach(function (hit) {
      var href = new URL(hit.url, root);
      if (href.origin !== window.location.origin && window.location.protocol !== "file:") return;
      var li = el("li", "kaart-zoek__hit");
      var offer = /\/aanbod\/([a-z0-9][a-z0-9-]*)\/$/.exec(href.pathname);  // an offer: mijnlijst.js adds Bewaar
      if (offer) li.setAttribute("data-aanbod-id", offer[1]);
      var a = el("a", "kaart-zoek__link");
      a.href = href.href;
      a.append(appendMarked(el("span", "kaart-zoek__titel"), hit.titel, 0, hit.titel.length, result.matches, false),
               el("span", "kaart-zoek__soort", hit.soort));
      var fragment = snippet(hit, result.matches);
      if (fragment) a.append(fragment);
      else if (hit.uitleg) a.append(el("span", "kaart-zoek__uitleg", hit.uitleg));
      if (hit.actualiteit) a.append(el("span", "kaart-zoek__actualiteit", hit.actualiteit));
      li.append(a);
      list.append(li);
    });
    if (result.total === 0) renderNothing(list);
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
    var redactie = document.getElementById("kaart-zoekpagina-redactie");
    var run = 0;
    var timer = null;

    function close() {
      list.hidden = true;
      list.replaceChildren();
    }

    function update(target, targetStatus, limit) {
      var query = input.value.trim();
      var mine = ++run;
      if (!query) { close(); targetStatus.textContent = ""; return; }
      var withRedactie = target === page && Boolean(redactie);
      search(query, limit, { redactie: withRedactie }).then(function (result) {
        if (mine !== run) return;  // a newer query is on its way
        var main = result.hits.filter(function (h) { return h.groep !== GROEP_REDACTIE; });
        var editors = result.hits.filter(function (h) { return h.groep === GROEP_REDACTIE; });
        renderList(target, result, main);
        targetStatus.textContent = countText(result.total, main.length, query);
        if (withRedactie) {
          renderList(redactie.querySelector("ol"), { total: editors.length, matches: result.matches }, editors);
          redactie.hidden = editors.length === 0;
        }
        if (target === list) list.hidden = false;
        document.documentElement.dataset.kaartZoekVraag = query;  // which query is shown (tests wait for theirs)
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
