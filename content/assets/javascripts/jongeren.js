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
   "jo-situatie"].forEach(function (id) {
    el[id.replace(/^(kaart|jo)-/, "")] = document.getElementById(id);
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
    if (box.childNodes.length) return box;
    return make("p", "kaart-geen-contact",
      "Er staat geen telefoonnummer, mail of website bij. Vraag je mentor of je klantmanager bij de gemeente om je op weg te helpen.");
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
    li.appendChild(contactButtons(offer));
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

  // The question "wat doe je nu?" only when the answer changes what is shown:
  // some offer that fits says for which situations it is.
  function situatieVerandertIets(passend) {
    for (var i = 0; i < passend.length; i++) {
      var s = passend[i].aanbod.situatie || [];
      for (var j = 0; j < s.length; j++) if (s[j] !== "uitkering") return true;
    }
    return false;
  }

  function renderLeeg(need) {
    el.leeg.textContent = "";
    var naam = (form.querySelector('input[name="zoekt"][value="' + need + '"]') || {}).parentNode;
    var wens = naam ? naam.textContent.trim().toLowerCase() : need;
    el.leeg.appendChild(make("p", "kaart-leeg-kop", "We vonden niets voor \u2018" + wens + "\u2019 dat precies bij jou past."));
    var weg = M.uitweg(data, state, need, { alleenJongeren: true });
    var gemeente = state.gemeente ? data.labels.gemeente[state.gemeente] : null;
    var lijst, uitleg;
    if (weg.hier.length) {
      lijst = weg.hier;
      uitleg = "Dit helpt wel met je vraag. Het past misschien niet helemaal bij jou. Vraag het gewoon:";
    } else if (weg.buurt.length) {
      lijst = weg.buurt;
      uitleg = "Hier staat nog niets voor in de kaart" + (gemeente ? " voor " + gemeente : "") +
        ". Deze plekken" + (gemeente ? " in " + gemeente : "") + " helpen jongeren met andere dingen. Vraag daar waar je met je vraag heen kunt:";
    } else {
      lijst = [];
      uitleg = "Hier staat nog niets voor in de kaart" + (gemeente ? " voor " + gemeente : "") + ".";
    }
    el.leeg.appendChild(make("p", null, uitleg));
    if (lijst.length) {
      var ul = make("ul", "kaart-uitweg");
      lijst.slice(0, 5).forEach(function (entry) {
        var li = make("li");
        li.appendChild(link(new URL(entry.aanbod.pagina, siteRoot).href, entry.aanbod.naam));
        var waarom = weg.hier.length ? M.waaromNiet(entry.aanbod, state, data.labels) : "";
        li.appendChild(document.createTextNode(waarom ? " \u2014 " + waarom : " \u2014 " + entry.aanbod.jongerentaal.wat_is_het));
        ul.appendChild(li);
      });
      el.leeg.appendChild(ul);
    }
    el.leeg.appendChild(make("p", null, "Je kunt het ook altijd vragen aan je mentor of je klantmanager bij de gemeente."));
    el.leeg.hidden = false;
  }

  function addCards(passend, from, to) {
    var fragment = document.createDocumentFragment();
    for (var i = from; i < to; i++) fragment.appendChild(card(passend[i].aanbod));
    el.resultaten.appendChild(fragment);
  }

  var current = null;
  function render(first) {
    el.resultaten.textContent = "";
    el.leeg.hidden = true;
    if (!state.zoekt.length) {
      el.aantal.textContent = "Kies eerst wat je wilt. Dan zie je wat er voor jou is.";
      el.meer.hidden = true;
      el.situatie.hidden = !state.situatie.length;
      return;
    }
    var zonder = state.situatie.length ? null : M.judge(data, state, { alleenJongeren: true, uitleg: false });
    var passend = zonder ? zonder.passend : M.judge(data, state, { alleenJongeren: true, uitleg: false }).passend;
    // Once answered (also from a link) the question stays, so the answer can be changed.
    el.situatie.hidden = zonder ? !situatieVerandertIets(passend) : false;
    var count = Math.min(shown, passend.length);
    // The first render after load: a screenful now, the rest in the next task (no long task on a slow phone).
    var now = first ? Math.min(count, EERST) : count;
    addCards(passend, 0, now);
    if (now < count) setTimeout(function () { if (current === passend) addCards(passend, now, count); }, 0);
    current = passend;
    el.meer.hidden = passend.length <= count;
    el.meer.textContent = "Laat meer zien (nog " + (passend.length - count) + ")";
    if (!passend.length) {
      el.aantal.textContent = "";
      renderLeeg(state.zoekt[0]);
    } else {
      el.aantal.textContent = passend.length === 1 ? "Er is 1 ding dat je kan helpen." : "Er zijn " + passend.length + " dingen die je kunnen helpen.";
    }
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
    render(true);
    form.addEventListener("change", update);
    form.addEventListener("input", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    el.meer.addEventListener("click", function () { shown += LIMIT; render(); });
  }

  window.KaartFinder = {
    setState: function (next) { state = next; shown = LIMIT; render(); },
    state: function () { return state; },
    data: function () { return data; }
  };

  M.dom.load(form, start, [form, el.uitkomst], el.alles);
})();
