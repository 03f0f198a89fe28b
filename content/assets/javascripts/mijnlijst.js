/* Mijn lijst on every page: a "Bewaar" toggle on each offer card (wegwijzer, youth route, search)
 * and offer page, the list kept in this browser only (localStorage, never sent anywhere), a
 * "Geef deze lijst mee" link under the wegwijzer's results, and the service worker that keeps the
 * site usable offline after the first visit (sw.js, written by kaart/publish/offline.py).
 * Cards are found by their data-aanbod-id; the finder scripts need not know about this file.
 */
(function () {
  "use strict";
  var KEY = "kaart-mijn-lijst";
  var ID = /^[a-z0-9][a-z0-9-]*$/;
  var script = document.currentScript;
  var root = new URL("../../", script ? script.src : window.location.href);  // assets/javascripts/ -> site root

  // -- the list ------------------------------------------------------------
  function read() {
    try {
      var ids = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(ids) ? ids.filter(function (id) { return typeof id === "string" && ID.test(id); }) : [];
    } catch (e) {
      return [];
    }
  }

  function write(ids) {
    try {
      if (ids.length) window.localStorage.setItem(KEY, JSON.stringify(ids));
      else window.localStorage.removeItem(KEY);
    } catch (e) { /* storage off (private mode): the list lives as long as the page */ }
    memory = ids;
    changed();
  }

  var memory = null;
  function ids() { return memory || (memory = read()); }
  function has(id) { return ids().indexOf(id) !== -1; }
  function toggle(id) {
    var list = ids().slice(), at = list.indexOf(id);
    if (at === -1) list.push(id); else list.splice(at, 1);
    write(list);
    return at === -1;
  }
  function add(more) {
    var list = ids().slice();
    more.forEach(function (id) { if (ID.test(id) && list.indexOf(id) === -1) list.push(id); });
    write(list);
  }
  function clear() { write([]); }

  function changed() {
    document.querySelectorAll("button.kaart-bewaar").forEach(sync);
    window.dispatchEvent(new CustomEvent("kaart-lijst"));
  }
  // Another tab changed the list.
  window.addEventListener("storage", function (event) { if (event.key === KEY || event.key === null) { memory = null; changed(); } });

  // -- the toggle ------------------------------------------------------------
  function sync(button) {
    var on = has(button.getAttribute("data-bewaar"));
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.firstChild.textContent = on ? "\u2605" : "\u2606";
  }

  function toggleButton(id, naam) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button kaart-bewaar";
    button.setAttribute("data-bewaar", id);
    var star = document.createElement("span");
    star.className = "kaart-bewaar__ster";
    star.setAttribute("aria-hidden", "true");
    button.appendChild(star);
    button.appendChild(document.createTextNode(" Bewaar"));
    var hidden = document.createElement("span");
    hidden.className = "kaart-verborgen";
    hidden.textContent = " " + naam;
    button.appendChild(hidden);
    sync(button);
    return button;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.kaart-bewaar");
    if (button) toggle(button.getAttribute("data-bewaar"));
  });

  function naamIn(card) {
    var name = card.querySelector(".kaart-naam") || card.querySelector(".kaart-zoek__titel") || card.querySelector("a");
    return name ? name.textContent.trim() : "";
  }

  function decorate(container) {
    container.querySelectorAll("[data-aanbod-id]").forEach(function (card) {
      var id = card.getAttribute("data-aanbod-id");
      if (!ID.test(id) || card.querySelector(":scope > button.kaart-bewaar")) return;  // once per card
      // At the end of the card, in the flow: the name and its label keep their whole line.
      card.appendChild(toggleButton(id, naamIn(card)));
    });
  }

  function watch(container) {
    decorate(container);
    new MutationObserver(function () { decorate(container); }).observe(container, { childList: true, subtree: true });
  }

  // An offer page: aanbod/<id>/ under the site root; the toggle goes under the title.
  function offerPage() {
    var rest = window.location.pathname.indexOf(root.pathname) === 0 ? window.location.pathname.slice(root.pathname.length) : "";
    var match = /^aanbod\/([a-z0-9][a-z0-9-]*)\/(?:index\.html)?$/.exec(rest);
    var title = document.querySelector("article h1");
    if (!match || !title) return;
    var p = document.createElement("p");
    p.className = "kaart-bewaar-plek";
    p.appendChild(toggleButton(match[1], title.textContent.replace(/#$/, "").trim()));
    var meta = document.querySelector("article .kaart-meta");
    (meta || title).insertAdjacentElement("afterend", p);
  }

  // The wegwijzer: hand the list shown over (Mijn lijst opens it with the QR code, WhatsApp and mail).
  function handOver() {
    var uitkomst = document.getElementById("kaart-uitkomst");
    var knoppen = uitkomst && uitkomst.querySelector(".kaart-knoppen");
    var form = document.getElementById("kaart-finder");
    if (!knoppen || !form || form.getAttribute("data-soort") !== "wegwijzer") return;
    var a = document.createElement("a");
    a.className = "md-button";
    a.id = "kaart-geef-mee";
    a.textContent = "Geef deze lijst mee";
    a.href = new URL("mijn-lijst/", root).href;
    a.addEventListener("click", function () {
      var shown = [];
      document.querySelectorAll("#kaart-resultaten [data-aanbod-id]").forEach(function (card) {
        var id = card.getAttribute("data-aanbod-id");
        if (ID.test(id) && shown.indexOf(id) === -1) shown.push(id);
      });
      a.href = shareUrl(shown);
    });
    knoppen.appendChild(document.createTextNode(" "));
    knoppen.appendChild(a);
  }

  function shareUrl(list) {
    return new URL("mijn-lijst/?lijst=" + list.join(","), root).href;
  }

  // -- offline -----------------------------------------------------------------
  // Only on a published site: every page there has our Content-Security-Policy (kaart.publish.security).
  // The preview (mkdocs serve) has none and must never be served from a cache: a worker left there is removed.
  function registerWorker() {
    if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
    var published = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
    if (!published) {
      navigator.serviceWorker.getRegistrations().then(function (all) { all.forEach(function (r) { r.unregister(); }); });
      return;
    }
    var controlled = Boolean(navigator.serviceWorker.controller);
    // A new build took over: reload, so this page does not go on with files of two builds.
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (controlled) window.location.reload();
      controlled = true;
    });
    navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.href }).catch(function () {});
  }

  // Without network, say from when the data shown is (the build date, from the cache of this build).
  function offlineNote() {
    var note = document.getElementById("kaart-offline-melding");
    if (navigator.onLine) { if (note) note.hidden = true; return; }
    fetch(new URL("data/offline.json", root).href, { credentials: "same-origin" }).then(function (r) { return r.json(); })
      .then(function (data) {
        var day = new Date(data.gebouwd + "T12:00:00");
        if (isNaN(day)) return;
        var article = document.querySelector("article");
        if (!article) return;
        if (!note) {
          note = document.createElement("p");
          note.id = "kaart-offline-melding";
          note.className = "kaart-offline-melding";
          note.setAttribute("role", "status");
          article.insertBefore(note, article.firstChild);
        }
        note.textContent = "Geen internet. Je ziet de kaart zoals die op dit apparaat staat: de gegevens van " +
          day.toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" }) + ".";
        note.hidden = false;
      }).catch(function () {});
  }

  function setup() {
    // Not the search list under the header: a quick way to a page, it stays links only.
    ["kaart-resultaten", "kaart-zoekpagina-resultaten", "ml-lijst"].forEach(function (id) {
      var container = document.getElementById(id);
      if (container) watch(container);
    });
    offerPage();
    handOver();
    registerWorker();
    offlineNote();
    window.addEventListener("online", offlineNote);
    window.addEventListener("offline", offlineNote);
  }

  window.KaartLijst = { ids: function () { return ids().slice(); }, has: has, toggle: toggle, add: add, clear: clear,
                        shareUrl: shareUrl, root: root, ID: ID };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
