/* Matching for the wegwijzer (professionals) and the youth entry page.
 * One module for both pages, so the rules exist once.  No DOM access here:
 * the pages render the results with textContent only.
 *
 * Rules (also stated on /wegwijzer/): an offer is left out only when a KNOWN fact
 * contradicts the situation (age outside a known range, startkwalificatie
 * requirement, werkgebied, status gestopt unless asked).  Unknown facts never
 * count against an offer.
 */
(function (root) {
  "use strict";

  var PARAMS = ["leeftijd", "startkwalificatie", "zoekt", "gemeente", "kenmerk", "q", "gestopt", "weergave"];

  function fold(text) {
    // Lower case without diacritics, so "reintegratie" finds "re\u00efntegratie".
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function emptyState() {
    return { leeftijd: null, startkwalificatie: null, zoekt: [], gemeente: null, kenmerk: [], q: "", gestopt: false, weergave: null };
  }

  function quoted(value) {
    var text = String(value);
    if (text.length > 40) text = text.slice(0, 40) + "\u2026";
    return "\u2018" + text + "\u2019";
  }

  /* Read the state from a query string.  Returns {state, notes}; every ignored
   * value gets a note in Dutch.  Values are only compared, never rendered as HTML. */
  function parseQuery(search, data, allowed) {
    var params = new URLSearchParams(search || "");
    var state = emptyState();
    var notes = [];
    var labels = data.labels;
    var names = allowed || PARAMS;
    var seen = {};
    var unknown = [];
    params.forEach(function (value, key) {
      if (names.indexOf(key) === -1) {
        if (!seen["?" + key]) unknown.push(key);
        seen["?" + key] = true;
        return;
      }
      value = value.trim();
      if (key === "leeftijd") {
        if (value === "") return;
        if (/^\d{1,2}$/.test(value)) state.leeftijd = parseInt(value, 10);
        else notes.push("leeftijd " + quoted(value) + " is geen geheel getal van 0 tot 100 en is genegeerd");
      } else if (key === "startkwalificatie") {
        if (value === "ja" || value === "nee") state.startkwalificatie = value;
        else if (value !== "") notes.push("startkwalificatie " + quoted(value) + " genegeerd (kies ja of nee)");
      } else if (key === "gemeente") {
        if (value === "") return;
        if (Object.prototype.hasOwnProperty.call(labels.gemeente, value)) state.gemeente = value;
        else notes.push("onbekende gemeente " + quoted(value) + " genegeerd");
      } else if (key === "zoekt" || key === "kenmerk") {
        var vocab = key === "zoekt" ? labels.helpt_bij : labels.kenmerk;
        value.split(",").forEach(function (part) {
          part = part.trim();
          if (!part) return;
          if (Object.prototype.hasOwnProperty.call(vocab, part)) {
            if (state[key].indexOf(part) === -1) state[key].push(part);
          } else {
            notes.push((key === "zoekt" ? "onbekende zoekvraag " : "onbekend kenmerk ") + quoted(part) + " genegeerd");
          }
        });
      } else if (key === "q") {
        state.q = value.slice(0, 200);
      } else if (key === "gestopt") {
        state.gestopt = value === "1" || value === "ja";
      } else if (key === "weergave") {
        if (value === "jongere") state.weergave = "jongere";
        else if (value !== "") notes.push("weergave " + quoted(value) + " genegeerd");
      }
    });
    // A link with hundreds of unknown parameters gets one note, not hundreds.
    if (unknown.length > 3) {
      notes.unshift(unknown.length + " onbekende parameters genegeerd (" + unknown.slice(0, 3).map(quoted).join(", ") +
                    " en nog " + (unknown.length - 3) + ")");
    } else {
      unknown.reverse().forEach(function (key) { notes.unshift("onbekende parameter " + quoted(key) + " genegeerd"); });
    }
    return { state: state, notes: notes };
  }

  /* The canonical query string for a state (empty values left out). */
  function toQuery(state) {
    var params = new URLSearchParams();
    if (state.leeftijd !== null && state.leeftijd !== undefined) params.set("leeftijd", String(state.leeftijd));
    if (state.startkwalificatie) params.set("startkwalificatie", state.startkwalificatie);
    if (state.zoekt && state.zoekt.length) params.set("zoekt", state.zoekt.join(","));
    if (state.gemeente) params.set("gemeente", state.gemeente);
    if (state.kenmerk && state.kenmerk.length) params.set("kenmerk", state.kenmerk.join(","));
    if (state.q) params.set("q", state.q);
    if (state.gestopt) params.set("gestopt", "1");
    if (state.weergave) params.set("weergave", state.weergave);
    var text = params.toString().replace(/%2C/g, ",");
    return text ? "?" + text : "";
  }

  function leeftijdText(range) {
    if (range.min !== undefined && range.max !== undefined) return range.min + "-" + range.max;
    if (range.min !== undefined) return "vanaf " + range.min;
    return "tot en met " + range.max;
  }

  // Search text per offer, built once per data set.
  var searchCache = typeof WeakMap !== "undefined" ? new WeakMap() : null;
  function searchText(offer, labels) {
    var cached = searchCache && searchCache.get(offer);
    if (cached) return cached;
    var parts = [offer.naam, offer.aanbieder, offer.kort, offer.id].concat(offer.trefwoorden || []);
    (offer.kenmerken || []).forEach(function (k) { parts.push(labels.kenmerk[k] || k); });
    (offer.helpt_bij || []).forEach(function (h) { parts.push(labels.helpt_bij[h] || h); });
    var text = fold(parts.join(" "));
    if (searchCache) searchCache.set(offer, text);
    return text;
  }

  /* Assess one offer against the state: null when a KNOWN fact contradicts the
   * situation, else the ranking facts.  Allocates little: it runs for every offer. */
  function assess(offer, state, words, labels) {
    if (offer.status === "gestopt" && !state.gestopt) return null;
    if (state.gemeente && !offer.landelijk && (offer.gemeenten || []).indexOf(state.gemeente) === -1) return null;
    var bekend = true;  // all facts the user gave are known to fit
    var range = offer.leeftijd;
    if (state.leeftijd !== null && state.leeftijd !== undefined) {
      if (range) {
        if ((range.min !== undefined && state.leeftijd < range.min) || (range.max !== undefined && state.leeftijd > range.max)) return null;
      } else {
        bekend = false;
      }
    }
    var sk = offer.startkwalificatie;
    if (state.startkwalificatie) {
      if (!sk) bekend = false;
      else if ((sk === "zonder" && state.startkwalificatie === "ja") || (sk === "met" && state.startkwalificatie === "nee")) return null;
    }
    if (words.length) {
      var text = searchText(offer, labels);
      for (var w = 0; w < words.length; w++) if (text.indexOf(words[w]) === -1) return null;
    }
    var behoeften = 0, kenmerken = 0;
    for (var i = 0; i < state.zoekt.length; i++) if (offer.helpt_bij.indexOf(state.zoekt[i]) !== -1) behoeften++;
    if (state.kenmerk.length && offer.kenmerken) {
      for (var k = 0; k < state.kenmerk.length; k++) if (offer.kenmerken.indexOf(state.kenmerk[k]) !== -1) kenmerken++;
    }
    return { aanbod: offer, bekend: bekend, behoeften: behoeften, kenmerken: kenmerken, naamKey: sortKey(offer) };
  }

  /* Why an offer fits (redenen, ok=true gets a check mark) and what the source
   * does not say (onbekend).  Only called for the offers that are shown. */
  function explain(item, state, labels) {
    var offer = item.aanbod;
    var redenen = [], onbekend = [];
    if (state.gemeente) {
      redenen.push({ tekst: offer.landelijk ? "in heel Nederland" : "in " + labels.gemeente[state.gemeente], ok: true });
    }
    var range = offer.leeftijd;
    var leeftijdGegeven = state.leeftijd !== null && state.leeftijd !== undefined;
    if (range) redenen.push({ tekst: "leeftijd " + leeftijdText(range), ok: leeftijdGegeven });
    else onbekend.push("leeftijd");
    var sk = offer.startkwalificatie;
    if (!sk) onbekend.push("startkwalificatie");
    else if (state.startkwalificatie) {
      redenen.push({ tekst: sk === "beide" ? "met of zonder startkwalificatie" : sk + " startkwalificatie", ok: true });
    }
    state.zoekt.forEach(function (z) {
      if (offer.helpt_bij.indexOf(z) !== -1) redenen.push({ tekst: "helpt bij " + labels.helpt_bij[z].toLowerCase(), ok: true });
    });
    state.kenmerk.forEach(function (k) {
      if ((offer.kenmerken || []).indexOf(k) !== -1) redenen.push({ tekst: "voor " + labels.kenmerk[k], ok: true });
    });
    if (offer.nazorg === true) redenen.push({ tekst: "nazorg", ok: false });
    else if (offer.nazorg === false) redenen.push({ tekst: "geen nazorg", ok: false });
    else onbekend.push("nazorg");
    item.redenen = redenen;
    item.onbekend = onbekend;
    return item;
  }

  // Lower-cased names, computed once per offer: sorting 5,000 offers must fit in a frame.
  var keyCache = typeof WeakMap !== "undefined" ? new WeakMap() : null;
  function sortKey(offer) {
    var key = keyCache && keyCache.get(offer);
    if (key === undefined) {
      key = offer.naam.toLowerCase();
      if (keyCache) keyCache.set(offer, key);
    }
    return key;
  }

  function compare(a, b) {
    // Documented order: helps with something asked > known fit > more needs > more kenmerken > naam > id.
    var ra = a.behoeften > 0 ? 0 : 1, rb = b.behoeften > 0 ? 0 : 1;
    if (ra !== rb) return ra - rb;
    if (a.bekend !== b.bekend) return a.bekend ? -1 : 1;
    if (a.behoeften !== b.behoeften) return b.behoeften - a.behoeften;
    if (a.kenmerken !== b.kenmerken) return b.kenmerken - a.kenmerken;
    var na = a.naamKey, nb = b.naamKey;
    if (na !== nb) return na < nb ? -1 : 1;
    return a.aanbod.id < b.aanbod.id ? -1 : a.aanbod.id > b.aanbod.id ? 1 : 0;
  }

  /* All offers that fit, ranked.  options.alleenJongeren: only offers with
   * `jongeren` in voor (youth page).  options.alleenGezocht: only offers that
   * help with at least one thing asked (youth page).  options.uitleg === false:
   * leave out redenen/onbekend (call explain() for the offers you show). */
  function match(data, state, options) {
    options = options || {};
    var words = fold(state.q || "").split(/\s+/).filter(Boolean);
    var out = [];
    var offers = data.aanbod;
    for (var i = 0; i < offers.length; i++) {
      var offer = offers[i];
      if (options.alleenJongeren && offer.voor.indexOf("jongeren") === -1) continue;
      var result = assess(offer, state, words, data.labels);
      if (!result) continue;
      if (options.alleenGezocht && state.zoekt.length && result.behoeften === 0) continue;
      out.push(result);
    }
    out.sort(compare);
    if (options.uitleg !== false) out.forEach(function (item) { explain(item, state, data.labels); });
    return out;
  }

  function alleenVoorProfessionals(offer) {
    return offer.voor.indexOf("jongeren") === -1;
  }

  var api = {
    PARAMS: PARAMS,
    emptyState: emptyState,
    parseQuery: parseQuery,
    toQuery: toQuery,
    match: match,
    explain: explain,
    leeftijdText: leeftijdText,
    alleenVoorProfessionals: alleenVoorProfessionals
  };
  root.KaartMatching = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : this);
