/* Page logic for /wegwijzer/ (professionals).  The matching lives in matching.js.
 * Everything from the URL or the records is put on the page with textContent or
 * attributes, never as HTML.
 */
(function () {
  "use strict";
  var M = window.KaartMatching;
  var form = document.getElementById("kaart-finder");
  if (!form || !M || form.getAttribute("data-soort") !== "wegwijzer") return;
  var make = M.dom.make, link = M.dom.link;

  var LIMIT = 50;   // cards rendered per step; keeps a change within one frame at 5,000 offers
  var EERST = 4;    // cards in the first task after load; a screenful
  var GROEP = { past: "Past", misschien: "Past misschien" };

  var el = {};
  ["kaart-vragen", "kaart-kolom", "kaart-uitkomst", "kaart-meldingen", "kaart-situatie", "kaart-aantal", "kaart-leeg",
   "kaart-resultaten", "kaart-meer", "kaart-valt-af", "kaart-valt-af-kop", "kaart-afgevallen", "kaart-meer-af", "kaart-alles",
   "kaart-kopieer", "kaart-print", "kaart-weergave", "kaart-link-status", "ww-schooltype-veld", "kaart-beslisvraag",
   "kaart-leeftijd-noot", "kaart-contact-noot"].forEach(function (id) {
    el[id.replace(/^(kaart|ww)-/, "").replace(/-/g, "_")] = document.getElementById(id);
  });
  var data = null, siteRoot = null, state = M.emptyState();
  var shown = LIMIT, shownAf = LIMIT, uitkomst = null;

  // -- state <-> form ------------------------------------------------------
  function readForm() {
    var next = M.emptyState();
    var leeftijd = form.elements.namedItem("leeftijd").value.trim();
    if (/^\d{1,2}$/.test(leeftijd)) next.leeftijd = parseInt(leeftijd, 10);
    next.gemeente = form.elements.namedItem("gemeente").value || null;
    var sk = form.querySelector('input[name="startkwalificatie"]:checked');
    if (sk && sk.value) next.startkwalificatie = sk.value;
    var nu = form.querySelector('input[name="situatie"]:checked');
    if (nu && nu.value) next.situatie.push(nu.value);
    if (form.querySelector('input[name="uitkering"]').checked) next.situatie.push("uitkering");
    if (M.opSchool(next)) next.schooltype = form.elements.namedItem("schooltype").value || null;
    form.querySelectorAll('input[name="zoekt"]:checked').forEach(function (i) { next.zoekt.push(i.value); });
    form.querySelectorAll('input[name="kenmerk"]:checked').forEach(function (i) { next.kenmerk.push(i.value); });
    next.q = form.elements.namedItem("q").value.trim().slice(0, 200);
    next.gestopt = form.querySelector('input[name="gestopt"]').checked;
    next.weergave = state.weergave;
    return next;
  }

  function writeForm(s) {
    form.elements.namedItem("leeftijd").value = s.leeftijd === null ? "" : String(s.leeftijd);
    form.elements.namedItem("gemeente").value = s.gemeente || "";
    form.querySelectorAll('input[name="startkwalificatie"]').forEach(function (i) { i.checked = i.value === (s.startkwalificatie || ""); });
    var nu = s.situatie.filter(function (x) { return x !== "uitkering"; })[0] || "";
    form.querySelectorAll('input[name="situatie"]').forEach(function (i) { i.checked = i.value === nu; });
    form.querySelector('input[name="uitkering"]').checked = s.situatie.indexOf("uitkering") !== -1;
    form.elements.namedItem("schooltype").value = s.schooltype || "";
    form.querySelectorAll('input[name="zoekt"]').forEach(function (i) { i.checked = s.zoekt.indexOf(i.value) !== -1; });
    form.querySelectorAll('input[name="kenmerk"]').forEach(function (i) { i.checked = s.kenmerk.indexOf(i.value) !== -1; });
    if (s.kenmerk.length) form.querySelector("details.kaart-kenmerken").open = true;
    form.elements.namedItem("q").value = s.q;
    form.querySelector('input[name="gestopt"]').checked = s.gestopt;
    showSchooltype(s);
  }

  function showSchooltype(s) {
    el.schooltype_veld.hidden = !M.opSchool(s);
  }

  // -- rendering -----------------------------------------------------------
  function professionalCard(offer, li, entry) {
    var labels = data.labels;
    var meta = make("p", "kaart-resultaat-meta", offer.aanbieder + " \u00b7 " + (labels.soort[offer.soort] || offer.soort));
    if (M.alleenVoorProfessionals(offer)) {
      var voor = offer.voor.map(function (v) { return (labels.voor[v] || v).toLowerCase(); }).join(" en ");
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(make("span", "kaart-label", "alleen voor " + voor));
    }
    if (offer.status === "gestopt") meta.appendChild(make("span", "kaart-label kaart-label--let-op", "gestopt"));
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
    if (contact.telefoon) parts.push(link(M.dom.telHref(contact.telefoon), contact.telefoon));
    if (contact.email) parts.push(link("mailto:" + contact.email, contact.email));
    if (contact.website && /^https?:\/\//.test(contact.website)) parts.push(link(contact.website, contact.website));
    // No contact in the source: said once above the list (contactNoot), not on every card.
    if (parts.length) {
      parts.forEach(function (node, index) {
        if (index) c.appendChild(document.createTextNode(" \u00b7 "));
        c.appendChild(node);
      });
      li.appendChild(c);
    }
    li.appendChild(make("p", "kaart-actualiteit", offer.regel || ""));
  }

  function youthBlocks(offer, li) {
    var jt = offer.jongerentaal;
    [["Wat is het?", jt.wat_is_het], ["Is het voor mij?", jt.is_het_voor_mij],
     ["Wat krijg je?", jt.wat_krijg_je], ["Hoe begin je?", jt.hoe_begin_je]].forEach(function (pair) {
      var p = make("p", "kaart-blok");
      p.appendChild(make("strong", null, pair[0] + " "));
      p.appendChild(document.createTextNode(pair[1]));
      li.appendChild(p);
    });
    li.appendChild(make("p", "kaart-actualiteit", offer.jongerenregel || ""));
  }

  function fillReasons(entry, item) {
    // A named doubt is part of the label: "Past misschien \u2014 alleen als de jongere nog op school zit".
    entry.badge.textContent = GROEP[item.groep] + (item.twijfelTeksten.length ? " \u2014 " + item.twijfelTeksten.join(" en ") : "");
    entry.badge.className = "kaart-groep-label kaart-groep-label--" + item.groep + (item.twijfelTeksten.length ? " kaart-groep-label--twijfel" : "");
    // The bewijsscore and its parts, for whoever wants to check the order (documented on /open-data/wegwijzer-json/).
    var parts = M.bewijs(item);
    entry.li.setAttribute("data-bewijsscore", String(parts.bewijsscore));
    ["doel", "leeftijd", "voor", "behoefte", "twijfel", "kern"].forEach(function (part) {
      entry.li.setAttribute("data-bewijs-" + part, String(parts[part]));
    });
    if (!entry.why) return;
    entry.why.textContent = "";
    if (item.redenen.length) {
      entry.why.appendChild(make("strong", null, "Waarom: "));
      entry.why.appendChild(document.createTextNode(item.redenen.map(function (r) {
        return r.tekst + (r.ok ? " \u2713" : "");
      }).join(" \u00b7 ")));
    }
    entry.why.hidden = !item.redenen.length;
    entry.unknown.textContent = item.onbekendeFeiten.length ? "Niet bekend in de bron: " + item.onbekendeFeiten.join(", ") + "." : "";
    entry.unknown.hidden = !item.onbekendeFeiten.length;
  }

  // Cards are built once per offer and view, and reused: a change then only
  // rewrites the reasons, which keeps 5,000 offers within one frame.
  var cards = new Map();

  function card(item) {
    var offer = item.aanbod;
    var view = state.weergave === "jongere" ? "jongere" : "professional";
    var key = view + ":" + offer.id;
    var entry = cards.get(key);
    if (!entry) {
      var li = make("li", "kaart-resultaat");
      li.setAttribute("data-aanbod-id", offer.id);
      var h = make("h3", "kaart-resultaat-naam");
      h.appendChild(link(new URL(offer.pagina, siteRoot).href, offer.naam, "kaart-naam"));
      h.appendChild(document.createTextNode(" "));
      entry = { li: li, badge: h.appendChild(make("span")) };
      li.appendChild(h);
      if (view === "jongere") youthBlocks(offer, li);
      else professionalCard(offer, li, entry);
      cards.set(key, entry);
    }
    fillReasons(entry, M.explain(item, state, data.labels));
    return entry.li;
  }

  function situatieText() {
    var labels = data.labels, parts = [];
    if (state.leeftijd !== null) parts.push(state.leeftijd + " jaar");
    if (state.startkwalificatie === "ja") parts.push("met startkwalificatie");
    if (state.startkwalificatie === "nee") parts.push("zonder startkwalificatie");
    if (state.situatie.length) {
      parts.push(state.situatie.map(function (s) { return (labels.situatie && labels.situatie[s]) || s; }).join(", ") +
                 (state.schooltype ? " (" + ((labels.schooltype && labels.schooltype[state.schooltype]) || state.schooltype) + ")" : ""));
    }
    if (state.zoekt.length) parts.push("zoekt hulp bij " + state.zoekt.map(function (z) { return labels.helpt_bij[z].toLowerCase(); }).join(", "));
    if (state.gemeente) parts.push("woont in " + labels.gemeente[state.gemeente]);
    if (state.kenmerk.length) parts.push("kenmerken: " + state.kenmerk.map(function (k) { return labels.kenmerk[k]; }).join(", "));
    if (state.q) parts.push("tekst: " + state.q);
    return parts.length ? "Situatie: " + parts.join("; ") + "." : "Nog geen situatie gekozen: u ziet al het aanbod.";
  }

  function renderAfgevallen() {
    var list = uitkomst.afgevallen;
    el.afgevallen.textContent = "";
    el.valt_af_kop.textContent = "Valt af (" + list.length + ")";
    el.valt_af.hidden = list.length === 0;
    // Built only while open: a closed list costs nothing on a change.
    if (!el.valt_af.open) { el.meer_af.hidden = true; return; }
    var fragment = document.createDocumentFragment();
    var count = Math.min(shownAf, list.length);
    for (var i = 0; i < count; i++) {
      var item = list[i];
      var li = make("li", "kaart-afgevallen-item");
      li.setAttribute("data-afgevallen-id", item.aanbod.id);
      li.appendChild(link(new URL(item.aanbod.pagina, siteRoot).href, item.aanbod.naam));
      li.appendChild(document.createTextNode(" \u2014 " + M.explain(item, state, data.labels).reden));
      fragment.appendChild(li);
    }
    el.afgevallen.appendChild(fragment);
    el.meer_af.hidden = list.length <= count;
    el.meer_af.textContent = "Toon meer (nog " + (list.length - count) + ")";
  }

  // Never a dead end, and never a suggestion known not to fit: per need that nothing fits,
  // say so, point to Valt af for the offers that help with it but do not fit, and name
  // where the question can go in this gemeente (ingangen that fit the age and situation).
  function renderLeeg() {
    el.leeg.textContent = "";
    var labels = data.labels, needs = state.zoekt;
    var gemeente = state.gemeente ? labels.gemeente[state.gemeente] : null;
    needs.forEach(function (need) {
      for (var i = 0; i < uitkomst.passend.length; i++) if (uitkomst.passend[i].aanbod.helpt_bij.indexOf(need) !== -1) return;
      var naam = labels.helpt_bij[need].toLowerCase();
      var box = make("div", "kaart-leeg");
      box.setAttribute("data-leeg", need);
      box.appendChild(make("p", "kaart-leeg-kop", "Voor " + naam + " past niets bij deze situatie."));
      var weg = M.uitweg(data, state, need);
      if (weg.afgevallen) {
        box.appendChild(make("p", null, (weg.afgevallen === 1 ? "E\u00e9n aanbod" : weg.afgevallen + " aanbiedingen") +
          (gemeente ? " in " + gemeente : "") + " helpt volgens de bron wel bij " + naam +
          ", maar iets anders past niet. Onder Valt af staat waarom."));
      } else if (weg.elders.length) {
        box.appendChild(make("p", null, "Aanbod dat volgens de bron helpt bij " + naam + ", is er alleen in " +
          weg.elders.map(function (g) { return labels.gemeente[g] || g; }).join(", ") + "."));
      } else {
        box.appendChild(make("p", null, "In de kaart staat geen aanbod dat volgens de bron helpt bij " + naam + "."));
      }
      ingangenBlok(box, weg.ingangen, gemeente);
      var gat = make("p", "kaart-gat");
      gat.appendChild(document.createTextNode("Een gat in het aanbod? "));
      gat.appendChild(link(new URL("dekking/" + (state.gemeente ? "#" + state.gemeente : ""), siteRoot).href,
        "Bekijk de dekking voor " + naam + (gemeente ? " in " + gemeente : "")));
      gat.appendChild(document.createTextNode("."));
      box.appendChild(gat);
      el.leeg.appendChild(box);
    });
    el.leeg.hidden = !el.leeg.childNodes.length;
  }

  // Where the question can go: the gemeente's entry points that fit, or honestly none.
  function ingangenBlok(box, lijst, gemeente) {
    if (!gemeente) {
      box.appendChild(make("p", null, "Kies een gemeente: dan noemt de wegwijzer waar de jongere met deze vraag terecht kan."));
      return;
    }
    if (!lijst.length) {
      box.appendChild(make("p", null, "Voor " + gemeente + " kent de kaart nog geen loket of bemiddeling waar de jongere met deze vraag heen kan."));
      return;
    }
    box.appendChild(make("p", null, "Waar de jongere in " + gemeente + " met de vraag terecht kan (loket of bemiddeling die bij de situatie past):"));
    var ul = make("ul", "kaart-uitweg");
    lijst.slice(0, 5).forEach(function (item) {
      var li = make("li");
      li.setAttribute("data-ingang", item.aanbod.id);
      li.appendChild(link(new URL(item.aanbod.pagina, siteRoot).href, item.aanbod.naam));
      var extra = M.explain(item, state, data.labels).twijfelTeksten;
      if (extra.length) li.appendChild(document.createTextNode(" \u2014 " + extra.join(" en ")));
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  // The unanswered question that would split the list most, with its answers as buttons.
  var VRAGEN = {
    situatie: { tekst: "Zit de jongere nog op school?", antwoorden: [["op-school", "Ja, zit op school"],
      ["dreigt-uit-te-vallen", "Ja, maar dreigt uit te vallen"], ["gestopt", "Nee, gestopt met school"], ["werkt", "Nee, werkt"]] },
    startkwalificatie: { tekst: "Heeft de jongere een startkwalificatie?", antwoorden: [["ja", "Ja"], ["nee", "Nee"]] }
  };

  function renderBeslisvraag() {
    var box = el.beslisvraag;
    box.textContent = "";
    var v = M.beslisvraag(uitkomst.passend, state);
    box.hidden = !v;
    if (!v) { box.removeAttribute("data-vraag"); return; }
    var vraag = VRAGEN[v.vraag];
    box.setAttribute("data-vraag", v.vraag);
    var tekst = vraag.tekst;
    if (v.vraag === "situatie" && !v.leerlingen) tekst = "Wat doet de jongere nu?";
    var uitleg;
    if (v.vraag === "situatie") {
      uitleg = v.leerlingen ? v.leerlingen + " van de " + v.totaal + " zijn alleen voor leerlingen."
                            : v.aantal + " van de " + v.totaal + " zijn alleen voor jongeren in een bepaalde situatie.";
    } else {
      var zonder = uitkomst.passend.filter(function (item) {
        return item.twijfels.indexOf("startkwalificatie") !== -1 && item.aanbod.startkwalificatie === "zonder";
      }).length;
      uitleg = v.aantal + " van de " + v.totaal + " zijn alleen voor jongeren " +
        (zonder === v.aantal ? "zonder startkwalificatie." : zonder ? "zonder (of juist met) startkwalificatie." : "met startkwalificatie.");
    }
    var kop = make("p", "kaart-beslisvraag-kop");
    kop.appendChild(make("strong", null, tekst + " "));
    kop.appendChild(document.createTextNode(uitleg));
    box.appendChild(kop);
    var knoppen = make("p", "kaart-knoppen");
    vraag.antwoorden.forEach(function (pair) {
      var knop = make("button", "md-button", pair[1]);
      knop.type = "button";
      knop.setAttribute("data-antwoord", pair[0]);
      knop.addEventListener("click", function () { beantwoord(v.vraag, pair[0]); });
      knoppen.appendChild(knop);
    });
    box.appendChild(knoppen);
  }

  function beantwoord(vraag, antwoord) {
    var input = form.querySelector('input[name="' + vraag + '"][value="' + antwoord + '"]');
    if (input) input.checked = true;
    update();
    // Keyboard users stay in the results, at the count that now changed.
    el.aantal.setAttribute("tabindex", "-1");
    el.aantal.focus();
  }

  function renderLeeftijdNoot() {
    var buiten = state.leeftijd !== null && !M.binnenKaart(state.leeftijd);
    el.leeftijd_noot.hidden = !buiten;
    el.leeftijd_noot.textContent = buiten ? "De kaart is voor jongeren van " + M.KAART_MIN + " tot en met " + M.KAART_MAX +
      " jaar. Bij " + state.leeftijd + " jaar past geen aanbod zeker: aanbod waarvan de bron een leeftijd noemt die " +
      state.leeftijd + " omvat, staat onder Past misschien." : "";
  }

  // Once per list, not on every card: which offers have no contact route in the source.
  function renderContactNoot(passend) {
    var zonder = M.zonderContact(passend);
    el.contact_noot.hidden = !zonder.length;
    if (!zonder.length) { el.contact_noot.textContent = ""; return; }
    el.contact_noot.textContent = zonder.length === passend.length
      ? "Bij geen van deze aanbiedingen staat telefoon, e-mail of website in de bron. Hoe de jongere zich aanmeldt, staat bij elk aanbod onder Aanmelden."
      : (zonder.length > 8 ? "Bij " + zonder.length + " van de " + passend.length + " staat geen telefoon, e-mail of website in de bron."
                           : "Geen telefoon, e-mail of website in de bron bij: " + zonder.map(function (i) { return i.aanbod.naam; }).join(", ") + ".") +
        " Hoe de jongere zich aanmeldt, staat bij elk aanbod onder Aanmelden.";
  }

  function addCards(passend, from, to) {
    var fragment = document.createDocumentFragment();
    for (var j = from; j < to; j++) fragment.appendChild(card(passend[j]));
    el.resultaten.appendChild(fragment);
  }

  /* first: the first render after load shows the top of the list at once and the rest EERST
   * cards per frame (M.dom.addInParts), so no task is long on a slow phone (measured by
   * bench_wegwijzer.py).  Returns a promise that settles when the whole first list is there. */
  function render(first) {
    uitkomst = M.judge(data, state, { uitleg: false });
    var passend = uitkomst.passend;
    el.resultaten.textContent = "";
    el.situatie.textContent = situatieText();
    var count = Math.min(shown, passend.length);
    var now = first ? Math.min(count, EERST) : count;
    addCards(passend, 0, now);
    var rest = now < count ? M.dom.addInParts(now, count, EERST, function (from, to) { addCards(passend, from, to); },
                                              function () { return uitkomst.passend === passend; }) : null;
    el.resultaten.classList.toggle("kaart-lang", passend.length > LIMIT);
    el.meer.hidden = passend.length <= count;
    el.meer.textContent = "Toon meer (nog " + (passend.length - count) + ")";
    el.aantal.textContent = countText(uitkomst.counts);
    renderBeslisvraag();
    renderLeeftijdNoot();
    renderContactNoot(passend);
    renderLeeg();
    renderAfgevallen();
    return rest;
  }

  function countText(n) {
    if (!n.past && !n.misschien) return "Geen aanbod past bij deze situatie" + (n.valtAf ? " (" + n.valtAf + " valt af)." : ".");
    return "Past: " + n.past + " \u00b7 Past misschien: " + n.misschien + " \u00b7 Valt af: " + n.valtAf + ".";
  }

  function update() {
    state = readForm();
    showSchooltype(state);
    shown = LIMIT;
    M.dom.showNotes(el.meldingen, []);
    M.dom.syncUrl(M.toQuery(state));
    render();
  }

  // -- buttons -------------------------------------------------------------
  function copyLink() {
    var href = window.location.href;
    function done(ok) {
      el.link_status.textContent = ok ? "De link is gekopieerd." : "Kopi\u00ebren lukte niet. Kopieer deze link: " + href;
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

  function showWeergave() {
    var jong = state.weergave === "jongere";
    el.weergave.setAttribute("aria-pressed", jong ? "true" : "false");
    el.weergave.textContent = jong ? "Versie voor professionals" : "Versie voor de jongere";
  }

  function toggleWeergave() {
    state.weergave = state.weergave === "jongere" ? null : "jongere";
    showWeergave();
    M.dom.syncUrl(M.toQuery(state));
    render();
  }

  // -- start ---------------------------------------------------------------
  function start(loaded, root) {
    data = loaded;
    siteRoot = root;
    var parsed = M.parseQuery(window.location.search, data);
    state = parsed.state;
    writeForm(state);
    showWeergave();
    el.kopieer.addEventListener("click", copyLink);
    el.print.addEventListener("click", function () { window.print(); });
    el.weergave.addEventListener("click", toggleWeergave);
    M.dom.showNotes(el.meldingen, parsed.notes);
    var firstList = render(true);
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    el.meer.addEventListener("click", function () { shown += LIMIT; render(); });
    el.meer_af.addEventListener("click", function () { shownAf += LIMIT; renderAfgevallen(); });
    el.valt_af.addEventListener("toggle", function () { shownAf = LIMIT; renderAfgevallen(); });
    return firstList;
  }

  // Exposed for scripts/bench_wegwijzer.py: one change = match + render.
  window.KaartFinder = {
    setState: function (next) { state = next; shown = LIMIT; render(); },
    state: function () { return state; },
    data: function () { return data; },
    uitkomst: function () { return uitkomst; }
  };

  // A shared link on a phone: show the shortlist first, the questions one tap away.
  if (window.location.search && window.matchMedia("(max-width: 59.9375em)").matches) el.vragen.open = false;
  M.dom.load(form, start, [form, el.kolom, el.uitkomst], el.alles);
})();
