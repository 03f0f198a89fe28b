/* Page logic for /wegwijzer/ (professionals) and /jongeren/ (young people).
 * The matching itself lives in matching.js.  Everything from the URL or the
 * records is put on the page with textContent / attributes, never as HTML.
 */
(function () {
  "use strict";
  var M = window.KaartMatching;
  var form = document.getElementById("kaart-finder");
  if (!form || !M) return;

  var soort = form.getAttribute("data-soort");           // "wegwijzer" or "jongeren"
  var jongeren = soort === "jongeren";
  var PARAMS = jongeren ? ["zoekt", "leeftijd", "gemeente"] : M.PARAMS;
  var LIMIT = 50;                                         // rendered per step; keeps a change within one frame
  var dataUrl = new URL(form.getAttribute("data-bron"), window.location.href);
  var siteRoot = new URL("../", dataUrl);

  var el = {
    uitkomst: document.getElementById("kaart-uitkomst"),
    meldingen: document.getElementById("kaart-meldingen"),
    aantal: document.getElementById("kaart-aantal"),
    resultaten: document.getElementById("kaart-resultaten"),
    meer: document.getElementById("kaart-meer"),
    alles: document.getElementById("kaart-alles"),
    kopieer: document.getElementById("kaart-kopieer"),
    print: document.getElementById("kaart-print"),
    weergave: document.getElementById("kaart-weergave"),
    linkStatus: document.getElementById("kaart-link-status")
  };
  var data = null;
  var state = M.emptyState();
  var shown = LIMIT;
  var overig = null;       // second list on the wegwijzer: not excluded, but helps with nothing asked
  var situatie = null;

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function link(href, text, className) {
    var a = make("a", className, text);
    a.setAttribute("href", href);
    return a;
  }

  // -- state <-> form ------------------------------------------------------
  function readForm() {
    var next = M.emptyState();
    var leeftijd = form.elements.namedItem("leeftijd");
    if (leeftijd && /^\d{1,2}$/.test(leeftijd.value.trim())) next.leeftijd = parseInt(leeftijd.value, 10);
    var gemeente = form.elements.namedItem("gemeente");
    if (gemeente && gemeente.value) next.gemeente = gemeente.value;
    form.querySelectorAll('input[name="zoekt"]:checked').forEach(function (i) { next.zoekt.push(i.value); });
    if (!jongeren) {
      var sk = form.querySelector('input[name="startkwalificatie"]:checked');
      if (sk && sk.value) next.startkwalificatie = sk.value;
      form.querySelectorAll('input[name="kenmerk"]:checked').forEach(function (i) { next.kenmerk.push(i.value); });
      next.q = form.elements.namedItem("q").value.trim().slice(0, 200);
      next.gestopt = form.querySelector('input[name="gestopt"]').checked;
      next.weergave = state.weergave;
    }
    return next;
  }

  function writeForm(s) {
    var leeftijd = form.elements.namedItem("leeftijd");
    if (leeftijd) leeftijd.value = s.leeftijd === null ? "" : String(s.leeftijd);
    var gemeente = form.elements.namedItem("gemeente");
    if (gemeente) gemeente.value = s.gemeente || "";
    form.querySelectorAll('input[name="zoekt"]').forEach(function (i) { i.checked = s.zoekt.indexOf(i.value) !== -1; });
    if (jongeren) return;
    form.querySelectorAll('input[name="startkwalificatie"]').forEach(function (i) { i.checked = i.value === (s.startkwalificatie || ""); });
    form.querySelectorAll('input[name="kenmerk"]').forEach(function (i) { i.checked = s.kenmerk.indexOf(i.value) !== -1; });
    if (s.kenmerk.length) form.querySelector("details.kaart-kenmerken").open = true;
    form.elements.namedItem("q").value = s.q;
    form.querySelector('input[name="gestopt"]').checked = s.gestopt;
  }

  function syncUrl() {
    var query = M.toQuery(jongeren ? { leeftijd: state.leeftijd, zoekt: state.zoekt, gemeente: state.gemeente } : state);
    var url = window.location.pathname + query + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(null, "", url);
    }
  }

  function showNotes(notes) {
    el.meldingen.textContent = "";
    notes.forEach(function (note) {
      el.meldingen.appendChild(make("li", null, note.charAt(0).toUpperCase() + note.slice(1) + "."));
    });
    el.meldingen.hidden = notes.length === 0;
  }

  // -- rendering -----------------------------------------------------------
  function contactButtons(offer) {
    var contact = offer.contact || {};
    var box = make("p", "kaart-acties");
    if (contact.telefoon) {
      box.appendChild(link("tel:" + contact.telefoon.replace(/[^0-9+]/g, ""), "Bel " + contact.telefoon, "md-button md-button--primary kaart-actie"));
    }
    if (contact.email) box.appendChild(link("mailto:" + contact.email, "Mail " + contact.email, "md-button kaart-actie"));
    if (contact.website && /^https?:\/\//.test(contact.website)) {
      box.appendChild(link(contact.website, "Naar de website van " + offer.naam, "md-button kaart-actie"));
    }
    if (box.childNodes.length) return box;
    return make("p", "kaart-geen-contact",
      "Er staat geen telefoonnummer, mail of website bij. Vraag je mentor of je klantmanager bij de gemeente om je op weg te helpen.");
  }

  function jongerenCard(item, li) {
    var offer = item.aanbod;
    var jt = offer.jongerentaal;
    [["Wat is het?", jt.wat_is_het], ["Is het voor mij?", jt.is_het_voor_mij],
     ["Wat krijg je?", jt.wat_krijg_je], ["Hoe begin je?", jt.hoe_begin_je]].forEach(function (pair) {
      var p = make("p", "kaart-blok");
      p.appendChild(make("strong", null, pair[0] + " "));
      p.appendChild(document.createTextNode(pair[1]));
      li.appendChild(p);
    });
    li.appendChild(contactButtons(offer));
  }

  function professionalCard(offer, li, entry) {
    var labels = data.labels;
    var meta = make("p", "kaart-resultaat-meta", offer.aanbieder + " \u00b7 " + (labels.soort[offer.soort] || offer.soort));
    if (M.alleenVoorProfessionals(offer)) {
      var voor = offer.voor.map(function (v) { return (labels.voor[v] || v).toLowerCase(); }).join(" en ");
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(make("span", "kaart-label", "alleen voor " + voor));
    }
    if (offer.status === "gestopt") meta.appendChild(make("span", "kaart-label kaart-label--let-op", "gestopt"));
    if (offer.status === "onbekend") meta.appendChild(make("span", "kaart-label kaart-label--let-op", "bestaat het nog? niet bekend"));
    li.appendChild(meta);
    li.appendChild(make("p", "kaart-kort", offer.kort));
    // Filled per change by fillReasons: they depend on the situation.
    entry.why = li.appendChild(make("p", "kaart-waarom"));
    entry.unknown = li.appendChild(make("p", "kaart-onbekend"));
    var aanmelden = make("p", "kaart-aanmelden");
    aanmelden.appendChild(make("strong", null, "Aanmelden: "));
    var routes = (offer.aanmelden || []).map(function (r) { return (labels.aanmeldroute[r] || r).toLowerCase(); });
    var text = routes.length ? routes.join(", ") + "." : "";
    if (offer.aanmelden_uitleg) text += (text ? " " : "") + offer.aanmelden_uitleg;
    aanmelden.appendChild(document.createTextNode(text || "niet bekend in de bron."));
    li.appendChild(aanmelden);
    var contact = offer.contact || {};
    var c = make("p", "kaart-contact");
    c.appendChild(make("strong", null, "Contact: "));
    var parts = [];
    if (contact.telefoon) parts.push(link("tel:" + contact.telefoon.replace(/[^0-9+]/g, ""), contact.telefoon));
    if (contact.email) parts.push(link("mailto:" + contact.email, contact.email));
    if (contact.website && /^https?:\/\//.test(contact.website)) parts.push(link(contact.website, contact.website));
    if (parts.length) {
      parts.forEach(function (node, index) {
        if (index) c.appendChild(document.createTextNode(" \u00b7 "));
        c.appendChild(node);
      });
    } else {
      c.appendChild(document.createTextNode("niet bekend in de bron."));
    }
    li.appendChild(c);
    li.appendChild(make("p", "kaart-bronjaar", offer.bron_jaar ? "Gegevens uit een bron van " + offer.bron_jaar + "." : "Jaar van de bron niet bekend."));
  }

  function fillReasons(entry, item) {
    entry.why.textContent = "";
    if (item.redenen.length) {
      entry.why.appendChild(make("strong", null, "Waarom: "));
      entry.why.appendChild(document.createTextNode(item.redenen.map(function (r) {
        return r.tekst + (r.ok ? " \u2713" : "");
      }).join(" \u00b7 ")));
    }
    entry.why.hidden = !item.redenen.length;
    entry.unknown.textContent = item.onbekend.length ? "Niet bekend in de bron: " + item.onbekend.join(", ") + "." : "";
    entry.unknown.hidden = !item.onbekend.length;
  }

  // Cards are built once per offer and view, and reused: a change then only
  // rewrites the reasons, which keeps 5,000 offers within one frame.
  var cards = new Map();

  function card(item) {
    var offer = item.aanbod;
    var view = jongeren || state.weergave === "jongere" ? "jongere" : "professional";
    var key = view + ":" + offer.id;
    var entry = cards.get(key);
    if (!entry) {
      var li = make("li", "kaart-resultaat");
      li.setAttribute("data-aanbod-id", offer.id);
      var h = make("h3", "kaart-resultaat-naam");
      h.appendChild(link(new URL(offer.pagina, siteRoot).href, offer.naam));
      li.appendChild(h);
      entry = { li: li };
      if (view === "jongere") jongerenCard({ aanbod: offer }, li);
      else professionalCard(offer, li, entry);
      cards.set(key, entry);
    }
    if (entry.why) fillReasons(entry, M.explain(item, state, data.labels));
    return entry.li;
  }

  function situatieText() {
    var parts = [];
    if (state.leeftijd !== null) parts.push(state.leeftijd + " jaar");
    if (state.startkwalificatie === "ja") parts.push("met startkwalificatie");
    if (state.startkwalificatie === "nee") parts.push("zonder startkwalificatie");
    if (state.zoekt.length) parts.push("zoekt hulp bij " + state.zoekt.map(function (z) { return data.labels.helpt_bij[z].toLowerCase(); }).join(", "));
    if (state.gemeente) parts.push("woont in " + data.labels.gemeente[state.gemeente]);
    if (state.kenmerk.length) parts.push("kenmerken: " + state.kenmerk.map(function (k) { return data.labels.kenmerk[k]; }).join(", "));
    if (state.q) parts.push("tekst: " + state.q);
    return parts.length ? "Situatie: " + parts.join("; ") + "." : "Nog geen situatie gekozen: u ziet al het aanbod.";
  }

  function ensureOverig() {
    if (overig) return overig;
    var box = make("div", "kaart-overig");
    box.appendChild(make("h3", "kaart-overig-kop", "Valt niet af, maar helpt niet bij wat de jongere zoekt"));
    var list = make("ol", "kaart-resultaten");
    list.id = "kaart-overig";
    box.appendChild(list);
    el.resultaten.parentNode.insertBefore(box, el.meer.parentNode);
    overig = { box: box, list: list };
    return overig;
  }

  function render() {
    var results = M.match(data, state, { alleenJongeren: jongeren, alleenGezocht: jongeren, uitleg: false });
    el.resultaten.textContent = "";
    if (overig) overig.list.textContent = "";
    if (situatie) situatie.textContent = situatieText();
    if (jongeren && !state.zoekt.length) {
      el.aantal.textContent = "Kies eerst wat je wilt. Dan zie je wat er voor jou is.";
      el.meer.hidden = true;
      return;
    }
    var relevant = 0;
    for (var i = 0; i < results.length; i++) if (results[i].behoeften > 0) relevant++;
    var main = document.createDocumentFragment();
    var rest = document.createDocumentFragment();
    var count = Math.min(shown, results.length);
    for (var j = 0; j < count; j++) {
      var item = results[j];
      var split = !jongeren && state.zoekt.length && item.behoeften === 0;
      (split ? rest : main).appendChild(card(item));
    }
    el.resultaten.appendChild(main);
    if (!jongeren) {
      var hasRest = state.zoekt.length > 0 && results.length > relevant;
      if (hasRest || overig) ensureOverig().list.appendChild(rest);
      if (overig) overig.box.hidden = !(hasRest && count > relevant);
    }
    var lang = results.length > LIMIT;
    el.resultaten.classList.toggle("kaart-lang", lang);
    if (overig) overig.list.classList.toggle("kaart-lang", lang);
    el.meer.hidden = results.length <= shown;
    el.meer.textContent = (jongeren ? "Laat meer zien" : "Toon meer") + " (nog " + (results.length - count) + ")";
    el.aantal.textContent = countText(results.length, relevant);
  }

  function countText(total, relevant) {
    if (jongeren) {
      if (!total) return "We vonden niets dat precies past. Vraag je mentor of je klantmanager bij de gemeente wat er voor je is.";
      return total === 1 ? "Er is 1 ding dat je kan helpen." : "Er zijn " + total + " dingen die je kunnen helpen.";
    }
    if (!total) return "Geen aanbod past bij deze situatie. Laat een gegeven weg om meer te zien.";
    if (state.zoekt.length) {
      return relevant + (relevant === 1 ? " aanbod helpt" : " aanbiedingen helpen") + " bij wat de jongere zoekt" +
        (total > relevant ? "; " + (total - relevant) + " ander aanbod valt niet af." : ".");
    }
    return total === 1 ? "1 aanbod past." : total + " aanbiedingen passen.";
  }

  function update() {
    state = readForm();
    shown = LIMIT;
    showNotes([]);
    syncUrl();
    render();
  }

  // -- buttons -------------------------------------------------------------
  function copyLink() {
    var href = window.location.href;
    function done(ok) {
      el.linkStatus.textContent = ok ? "De link is gekopieerd." : "Kopi\u00ebren lukte niet. Kopieer deze link: " + href;
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(href).then(function () { done(true); }, function () { done(fallbackCopy(href)); });
    } else {
      done(fallbackCopy(href));
    }
  }

  function fallbackCopy(text) {
    var area = make("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "kaart-verborgen";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  function toggleWeergave() {
    state.weergave = state.weergave === "jongere" ? null : "jongere";
    el.weergave.setAttribute("aria-pressed", state.weergave === "jongere" ? "true" : "false");
    el.weergave.textContent = state.weergave === "jongere" ? "Versie voor professionals" : "Versie voor de jongere";
    syncUrl();
    render();
  }

  // -- start ---------------------------------------------------------------
  function start(loaded) {
    data = loaded;
    var parsed = M.parseQuery(window.location.search, data, PARAMS);
    state = parsed.state;
    if (jongeren) state.zoekt = state.zoekt.slice(0, 1);  // one answer to "wat wil je?"
    writeForm(state);
    form.hidden = false;
    el.uitkomst.hidden = false;
    if (el.alles) el.alles.hidden = true;
    if (!jongeren) {
      situatie = make("p", "kaart-situatie");
      situatie.id = "kaart-situatie";
      el.aantal.parentNode.insertBefore(situatie, el.aantal);
      if (state.weergave === "jongere") {
        el.weergave.setAttribute("aria-pressed", "true");
        el.weergave.textContent = "Versie voor professionals";
      }
      el.kopieer.addEventListener("click", copyLink);
      el.print.addEventListener("click", function () { window.print(); });
      el.weergave.addEventListener("click", toggleWeergave);
    }
    showNotes(parsed.notes);
    render();
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    el.meer.addEventListener("click", function () {
      shown += LIMIT;
      render();
    });
    document.documentElement.setAttribute("data-kaart-finder", "klaar");
  }

  // Exposed for scripts/bench_wegwijzer.py: one change = match + render.
  window.KaartFinder = {
    setState: function (next) { state = next; shown = LIMIT; render(); },
    state: function () { return state; },
    data: function () { return data; }
  };

  fetch(dataUrl.href, { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(start)
    .catch(function () {
      // The grouped list stays visible, so the page still works.
      var p = make("p", "kaart-fout", "De zoekhulp kon de gegevens niet laden. Hieronder staat al het aanbod.");
      p.setAttribute("role", "alert");
      form.parentNode.insertBefore(p, form);
    });
})();
