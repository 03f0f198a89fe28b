/* Page logic for /jongeren/ (young people on a phone).  The matching lives in
 * matching.js.  Only offers young people can go to themselves; a compact card per
 * offer with the details one tap away; never a dead end.  Text only, never HTML.
 */
(function () {
  "use strict";
  var M = window.KaartMatching;
  var form = document.getElementById("kaart-finder");
  if (!form || !M || form.getAttribute("data-soort") !== "jongeren") return;
  var make = M.dom.make, link = M.dom.link;

  var PARAMS = ["zoekt", "leeftijd", "gemeente", "situatie"];
  var LIMIT = 20;
  var EERST = 4;   // cards in the first task after load
  var el = {};
  ["kaart-uitkomst", "kaart-meldingen", "kaart-aantal", "kaart-leeg", "kaart-resultaten", "kaart-meer", "kaart-alles",
   "jo-situatie", "jo-situatie-uitleg", "kaart-contact-noot", "kaart-leeftijd-noot"].forEach(function (id) {
    el[id.replace(/^(kaart|jo)-/, "").replace(/-/g, "_")] = document.getElementById(id);
  });
  var data = null, siteRoot = null, state = M.emptyState(), shown = LIMIT;

  function readForm() {
    var next = M.emptyState();
    var zoekt = form.querySelector('input[name="zoekt"]:checked');
    if (zoekt) next.zoekt.push(zoekt.value);
    var leeftijd = form.elements.namedItem("leeftijd").value.trim();
    if (/^\d{1,2}$/.test(leeftijd)) next.leeftijd = parseInt(leeftijd, 10);
    next.gemeente = form.elements.namedItem("gemeente").value || null;
    var nu = form.querySelector('input[name="situatie"]:checked');
    if (nu && nu.value && !el.situatie.hidden) next.situatie.push(nu.value);
    return next;
  }

  function writeForm(s) {
    form.querySelectorAll('input[name="zoekt"]').forEach(function (i) { i.checked = s.zoekt.indexOf(i.value) !== -1; });
    form.elements.namedItem("leeftijd").value = s.leeftijd === null ? "" : String(s.leeftijd);
    form.elements.namedItem("gemeente").value = s.gemeente || "";
    form.querySelectorAll('input[name="situatie"]').forEach(function (i) { i.checked = i.value === (s.situatie[0] || ""); });
  }

  function contactButtons(offer) {
    var contact = offer.contact || {};
    var box = make("p", "kaart-acties");
    if (contact.telefoon) box.appendChild(link(M.dom.telHref(contact.telefoon), "Bel " + contact.telefoon, "md-button md-button--primary kaart-actie"));
    if (contact.email) box.appendChild(link("mailto:" + contact.email, "Mail " + contact.email, "md-button kaart-actie"));
    if (contact.website && /^https?:\/\//.test(contact.website)) {
      box.appendChild(link(contact.website, "Naar de website van " + offer.naam, "md-button kaart-actie"));
    }
    // No contact in the source: said once above the list (contactNoot), not on every card.
    return box.childNodes.length ? box : null;
  }

  // One compact card per offer: name, what it is, how old the information is, how to get
  // in touch; the rest behind one tap.  Built once per offer and reused.
  var cards = new Map();
  function card(offer) {
    var li = cards.get(offer.id);
    if (li) return li;
    li = make("li", "kaart-resultaat kaart-resultaat--kort");
    li.setAttribute("data-aanbod-id", offer.id);
    var h = make("h3", "kaart-resultaat-naam");
    h.appendChild(link(new URL(offer.pagina, siteRoot).href, offer.naam, "kaart-naam"));
    li.appendChild(h);
    var jt = offer.jongerentaal;
    li.appendChild(make("p", "kaart-blok", jt.wat_is_het));
    li.appendChild(make("p", "kaart-actualiteit", offer.jongerenregel || ""));
    var knoppen = contactButtons(offer);
    if (knoppen) li.appendChild(knoppen);
    var meer = make("details", "kaart-details");
    meer.appendChild(make("summary", null, "Meer over " + offer.naam));
    [["Is het voor mij?", jt.is_het_voor_mij], ["Wat krijg je?", jt.wat_krijg_je], ["Hoe begin je?", jt.hoe_begin_je]].forEach(function (pair) {
      var p = make("p", "kaart-blok");
      p.appendChild(make("strong", null, pair[0] + " "));
      p.appendChild(document.createTextNode(pair[1]));
      meer.appendChild(p);
    });
    li.appendChild(meer);
    cards.set(offer.id, li);
    return li;
  }

  // The question "wat doe je nu?" only when the answer changes what is shown: some
  // offer that fits is only for young people in a situation (a named doubt on it).
  function situatieTwijfels(passend) {
    var n = 0, leerlingen = 0;
    for (var i = 0; i < passend.length; i++) {
      if (passend[i].twijfels.indexOf("situatie") === -1) continue;
      n++;
      if (M.alleenLeerlingen(passend[i].aanbod)) leerlingen++;
    }
    return { aantal: n, leerlingen: leerlingen };
  }

  function gemeenteNaam() {
    return state.gemeente ? data.labels.gemeente[state.gemeente] : null;
  }

  /* Where a young person can go themselves: the gemeente's entry points that fit the age
   * and situation (M.ingangen), or honestly none. */
  function ingangen(box, zin) {
    var gemeente = gemeenteNaam();
    if (!gemeente) {
      box.appendChild(make("p", null, zin + " Zeg waar je woont, dan zoeken we een plek bij jou in de buurt."));
      return;
    }
    var lijst = M.ingangen(data, state, { zonderSchool: true });
    if (!lijst.length) {
      box.appendChild(make("p", null, zin + " Voor " + gemeente + " kent de kaart nog geen plek waar je zelf met je vraag heen kunt."));
      return;
    }
    box.appendChild(make("p", null, zin + " In " + gemeente + " kun je hier terecht:"));
    var ul = make("ul", "kaart-uitweg");
    lijst.slice(0, 4).forEach(function (item) {
      var li = make("li");
      li.setAttribute("data-ingang", item.aanbod.id);
      li.appendChild(link(new URL(item.aanbod.pagina, siteRoot).href, item.aanbod.naam));
      li.appendChild(document.createTextNode(" \u2014 " + item.aanbod.jongerentaal.hoe_begin_je));
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  function renderLeeg(need) {
    el.leeg.textContent = "";
    var naam = (form.querySelector('input[name="zoekt"][value="' + need + '"]') || {}).parentNode;
    var wens = naam ? naam.textContent.trim().toLowerCase() : need;
    el.leeg.appendChild(make("p", "kaart-leeg-kop", "We vonden niets voor \u2018" + wens + "\u2019 dat precies bij jou past."));
    // Only places that fit your age, where you live and what you do now; never one we know does not fit.
    var weg = M.uitweg(data, state, need, { alleenJongeren: true });
    var gemeente = gemeenteNaam();
    el.leeg.appendChild(make("p", null, "Hier staat nog niets voor in de kaart" + (gemeente ? " voor " + gemeente : "") + "."));
    if (weg.buurt.length) {
      el.leeg.appendChild(make("p", null, "Deze plekken" + (gemeente ? " in " + gemeente : "") +
        " passen wel bij jou en helpen jongeren met andere dingen. Vraag daar waar je met je vraag heen kunt:"));
      var ul = make("ul", "kaart-uitweg");
      weg.buurt.slice(0, 5).forEach(function (item) {
        var li = make("li");
        li.appendChild(link(new URL(item.aanbod.pagina, siteRoot).href, item.aanbod.naam));
        li.appendChild(document.createTextNode(" \u2014 " + item.aanbod.jongerentaal.wat_is_het));
        ul.appendChild(li);
      });
      el.leeg.appendChild(ul);
    }
    ingangen(el.leeg, "Wil je het aan iemand vragen?");
    el.leeg.hidden = false;
  }

  // Once above the list: which places have no phone, mail or website in the source, and the route that does exist.
  function renderContactNoot(passend) {
    var box = el.contact_noot;
    box.textContent = "";
    var zonder = M.zonderContact(passend);
    box.hidden = !zonder.length;
    if (!zonder.length) return;
    var zin = zonder.length === passend.length
      ? (passend.length === 1 ? "Bij deze plek" : "Bij deze plekken") +
        " staat geen telefoonnummer, mail of website in de kaart. Onder \u2018Hoe begin je?\u2019 staat hoe je begint."
      : zonder.length > 8 ? "Bij " + zonder.length + " van deze " + passend.length + " plekken staat geen telefoonnummer, mail of website in de kaart."
      : "Geen telefoonnummer, mail of website bij: " + zonder.map(function (i) { return i.aanbod.naam; }).join(", ") + ".";
    box.appendChild(make("p", null, zin + " Zit je op school? Vraag het je mentor."));
    ingangen(box, "Geen mentor?");
  }

  function renderLeeftijdNoot() {
    var buiten = state.leeftijd !== null && !M.binnenKaart(state.leeftijd);
    el.leeftijd_noot.hidden = !buiten;
    el.leeftijd_noot.textContent = buiten ? "Deze kaart is voor jongeren van " + M.KAART_MIN + " tot en met " + M.KAART_MAX +
      " jaar. We weten dus niet zeker of iets hieronder bij jou past." : "";
  }

  function addCards(passend, from, to) {
    var fragment = document.createDocumentFragment();
    for (var i = from; i < to; i++) fragment.appendChild(card(passend[i].aanbod));
    el.resultaten.appendChild(fragment);
  }

  var current = null;
  function render(first) {
    current = null;  // the parts of an earlier list still to come stop here (M.dom.addInParts)
    el.resultaten.textContent = "";
    el.leeg.hidden = true;
    if (!state.zoekt.length) {
      el.aantal.textContent = "Kies eerst wat je wilt. Dan zie je wat er voor jou is.";
      el.meer.hidden = true;
      el.contact_noot.hidden = true;
      renderLeeftijdNoot();
      el.situatie.hidden = !state.situatie.length;
      return;
    }
    var passend = M.judge(data, state, { alleenJongeren: true, uitleg: false }).passend;
    renderLeeftijdNoot();
    // Once answered (also from a link) the question stays, so the answer can be changed.
    var twijfel = state.situatie.length ? null : situatieTwijfels(passend);
    el.situatie.hidden = twijfel ? !twijfel.aantal : false;
    el.situatie_uitleg.textContent = twijfel && twijfel.aantal
      ? (twijfel.leerlingen ? twijfel.leerlingen + " van de " + passend.length + " plekken zijn alleen voor als je nog op school zit."
                            : twijfel.aantal + " van de " + passend.length + " plekken zijn alleen voor jongeren die iets bepaalds doen.")
      : "";
    var count = Math.min(shown, passend.length);
    // The first render after load: a screenful now, the rest EERST cards per frame (no long task on a
    // slow phone); `rest` settles when the list is complete.
    var now = first ? Math.min(count, EERST) : count;
    addCards(passend, 0, now);
    current = passend;
    var rest = now < count ? M.dom.addInParts(now, count, EERST, function (from, to) { addCards(passend, from, to); },
                                              function () { return current === passend; }) : null;
    el.meer.hidden = passend.length <= count;
    el.meer.textContent = "Laat meer zien (nog " + (passend.length - count) + ")";
    renderContactNoot(passend);
    if (!passend.length) {
      el.aantal.textContent = "";
      renderLeeg(state.zoekt[0]);
    } else {
      el.aantal.textContent = passend.length === 1 ? "Er is 1 ding dat je kan helpen." : "Er zijn " + passend.length + " dingen die je kunnen helpen.";
    }
    return rest;
  }

  function update() {
    state = readForm();
    shown = LIMIT;
    M.dom.showNotes(el.meldingen, []);
    M.dom.syncUrl(M.toQuery(state));
    render();
  }

  function start(loaded, root) {
    data = loaded;
    siteRoot = root;
    var parsed = M.parseQuery(window.location.search, data, PARAMS);
    state = parsed.state;
    state.zoekt = state.zoekt.slice(0, 1);          // one answer to "wat wil je?"
    state.situatie = state.situatie.slice(0, 1);    // one answer to "wat doe je nu?"
    writeForm(state);
    M.dom.showNotes(el.meldingen, parsed.notes);
    var firstList = render(true);
    form.addEventListener("change", update);
    form.addEventListener("input", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    el.meer.addEventListener("click", function () { shown += LIMIT; render(); });
    return firstList;
  }

  window.KaartFinder = {
    setState: function (next) { state = next; shown = LIMIT; render(); },
    state: function () { return state; },
    data: function () { return data; }
  };

  M.dom.load(form, start, [form, el.uitkomst], el.alles);
})();
