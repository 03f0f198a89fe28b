/* Matching for the wegwijzer (professionals) and the youth entry page.
 * One module for both pages, so the rules exist once.  No DOM access here:
 * the pages (wegwijzer.js, jongeren.js) render with textContent only, and
 * tests run this file under node.
 *
 * Rules (also stated on /wegwijzer/ and /open-data/wegwijzer-json/): every criterion
 * the user gave is judged per offer as PAST (the source says it fits), ONBEKEND (the
 * source is silent) or PAST NIET (the source says it does not fit).  One "past niet"
 * leaves the offer out (group "valt-af", with the reason); unknown facts never count
 * against an offer.  A condition the offer states that the user left open (it is only
 * for pupils, only without a startkwalificatie, only up to 23) is a named doubt
 * (twijfel).  Group "past": nothing unknown and no doubt; "misschien": the rest.
 *
 * Ranking: the bewijsscore (evidence score), its parts on each card:
 *   doel      3 per matched kenmerk, situatie or schooltype the offer is made for,
 *             2 for a matched "zonder"/"met" startkwalificatie, 1 for "beide"
 *   leeftijd  1 when the age (16-27) lies in the offer's known range: common, weak evidence
 *   voor      1 when young people can go there themselves (`voor` has jongeren)
 *   behoefte  1 per need asked that the offer helps with
 *   twijfel   -1 per named doubt (an open situation, startkwalificatie, age range
 *             narrower than 16-27, or the traits the offer is for when none was given)
 * Ties: fewer doubts, then how central the need is to the offer (its place in
 * helpt_bij: main focus first), then fewer unknowns, then name.
  */
(function (root) {
  "use strict";

  var PARAMS = ["leeftijd", "startkwalificatie", "situatie", "schooltype", "zoekt", "gemeente", "kenmerk", "q", "gestopt", "weergave"];

  // The situations a young person can be in (vocabulary `situatie`).  Used when the
  // data file predates the vocabulary; the labels in the data win.
  var SITUATIES = ["op-school", "dreigt-uit-te-vallen", "gestopt", "uitkering", "werkt"];
  var SCHOOLTYPEN = ["po", "vo", "vmbo", "pro", "vso", "mbo", "entree"];
  var OP_SCHOOL = { "op-school": true, "dreigt-uit-te-vallen": true };

  /* How the young person's situation meets an offer's situation: 2 past, 1 onbekend,
   * absent = past niet.  `uitkering` is independent of school or work: when either
   * side names only the other dimension, the source does not settle it. */
  var SITUATIE_PAST = {
    "op-school": { "op-school": 2, "dreigt-uit-te-vallen": 1 },
    "dreigt-uit-te-vallen": { "dreigt-uit-te-vallen": 2, "op-school": 2 },
    "gestopt": { "gestopt": 2 },
    "werkt": { "werkt": 2, "gestopt": 1 },
    "uitkering": { "uitkering": 2 }
  };
  // A pupil's school type against an offer's: vo covers vmbo (the vocabulary says so).
  var SCHOOLTYPE_PAST = { vo: { vo: 2, vmbo: 2, pro: 1 }, vmbo: { vmbo: 2, vo: 2 }, pro: { pro: 2, vo: 1 } };

  // Words for "alleen voor jongeren die ..." in the reason an offer is left out.
  var SITUATIE_ZIN = {
    "op-school": "op school zitten", "dreigt-uit-te-vallen": "dreigen uit te vallen",
    "gestopt": "gestopt zijn met school", "uitkering": "een uitkering hebben", "werkt": "werken"
  };

  var PAST = 2, ONBEKEND = 1, PAST_NIET = 0;

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  function fold(text) {
    // Lower case without diacritics, so "reintegratie" finds "re\u00efntegratie".
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function emptyState() {
    return { leeftijd: null, startkwalificatie: null, situatie: [], schooltype: null, zoekt: [], gemeente: null,
             kenmerk: [], q: "", gestopt: false, weergave: null };
  }

  function quoted(value) {
    var text = String(value);
    if (text.length > 40) text = text.slice(0, 40) + "\u2026";
    return "\u2018" + text + "\u2019";
  }

  function vocabulary(labels, name, fallback) {
    if (labels[name]) return labels[name];
    var out = {};
    fallback.forEach(function (id) { out[id] = id; });
    return out;
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
    var lists = {
      zoekt: [labels.helpt_bij, "onbekende zoekvraag "],
      kenmerk: [labels.kenmerk, "onbekend kenmerk "],
      situatie: [vocabulary(labels, "situatie", SITUATIES), "onbekende situatie "]
    };
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
        if (has(labels.gemeente, value)) state.gemeente = value;
        else notes.push("onbekende gemeente " + quoted(value) + " genegeerd");
      } else if (key === "schooltype") {
        if (value === "") return;
        if (has(vocabulary(labels, "schooltype", SCHOOLTYPEN), value)) state.schooltype = value;
        else notes.push("onbekend schooltype " + quoted(value) + " genegeerd");
      } else if (has(lists, key)) {
        var vocab = lists[key][0];
        value.split(",").forEach(function (part) {
          part = part.trim();
          if (!part) return;
          if (has(vocab, part)) {
            if (state[key].indexOf(part) === -1) state[key].push(part);
          } else {
            notes.push(lists[key][1] + quoted(part) + " genegeerd");
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
    if (state.schooltype && !opSchool(state)) {
      notes.push("schooltype " + quoted(state.schooltype) + " genegeerd: dat geldt alleen bij situatie op-school of dreigt-uit-te-vallen");
      state.schooltype = null;
    }
    return { state: state, notes: fewNotes(notes) };
  }

  /* A link may repeat a known parameter thousands of times (?leeftijd=x&leeftijd=x…): each note
   * once, and at most MAX_NOTES of them, then one line that says how many more were ignored. */
  var MAX_NOTES = 10;
  function fewNotes(notes) {
    var seen = {};
    var unique = notes.filter(function (note) {
      if (seen["?" + note]) return false;
      seen["?" + note] = true;
      return true;
    });
    if (unique.length <= MAX_NOTES) return unique;
    return unique.slice(0, MAX_NOTES).concat([(unique.length - MAX_NOTES) + " andere meldingen niet getoond"]);
  }

  function opSchool(state) {
    for (var i = 0; i < state.situatie.length; i++) if (OP_SCHOOL[state.situatie[i]]) return true;
    return false;
  }

  /* The canonical query string for a state (empty values left out). */
  function toQuery(state) {
    var params = new URLSearchParams();
    if (state.leeftijd !== null && state.leeftijd !== undefined) params.set("leeftijd", String(state.leeftijd));
    if (state.startkwalificatie) params.set("startkwalificatie", state.startkwalificatie);
    if (state.situatie && state.situatie.length) params.set("situatie", state.situatie.join(","));
    if (state.schooltype) params.set("schooltype", state.schooltype);
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

  // The age limit in the words sources use: "tot 23 jaar" is max 22 in the data.
  function leeftijdGrens(range) {
    if (range.min !== undefined && range.max !== undefined) return range.min + " tot en met " + range.max + " jaar";
    if (range.min !== undefined) return "vanaf " + range.min + " jaar";
    return "tot " + (range.max + 1) + " jaar";
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

  /* Judge the situation criterion: the best verdict over every pair of the young
   * person's situations and the offer's. */
  function judgeSituatie(offer, state) {
    var known = offer.situatie;
    if (!known || !known.length) return ONBEKEND;
    var best = PAST_NIET;
    for (var i = 0; i < state.situatie.length; i++) {
      var mine = state.situatie[i], row = SITUATIE_PAST[mine] || {};
      for (var j = 0; j < known.length; j++) {
        var theirs = known[j];
        var v = has(row, theirs) ? row[theirs] : PAST_NIET;
        // uitkering is another dimension than school or work: silent, not contradicting.
        if (v === PAST_NIET && (mine === "uitkering") !== (theirs === "uitkering")) v = ONBEKEND;
        if (v > best) best = v;
      }
    }
    return best;
  }

  function voorLeerlingen(offer) {
    var s = offer.situatie || [];
    for (var i = 0; i < s.length; i++) if (OP_SCHOOL[s[i]]) return true;
    return false;
  }

  function judgeSchooltype(offer, state) {
    var known = offer.schooltype;
    if (!known || !known.length) return ONBEKEND;
    var row = SCHOOLTYPE_PAST[state.schooltype];
    var best = PAST_NIET;
    for (var j = 0; j < known.length; j++) {
      var v = known[j] === state.schooltype ? PAST : (row && has(row, known[j]) ? row[known[j]] : PAST_NIET);
      if (v > best) best = v;
    }
    return best;
  }

  // The ages the kaart is for; an age outside is never a known fit.
  var KAART_MIN = 16, KAART_MAX = 27;
  var GEWICHT = { doel: 3, sk: 2, skBeide: 1, leeftijd: 1, voor: 1, behoefte: 1, twijfel: -1 };

  function binnenKaart(leeftijd) {
    return leeftijd >= KAART_MIN && leeftijd <= KAART_MAX;
  }

  function inRange(range, leeftijd) {
    return !((range.min !== undefined && leeftijd < range.min) || (range.max !== undefined && leeftijd > range.max));
  }

  // A stated age range is a condition only when it is narrower than the kaart's 16-27.
  function smallerDanKaart(range) {
    return (range.min !== undefined && range.min > KAART_MIN) || (range.max !== undefined && range.max < KAART_MAX);
  }

  /* An employers' tool (voor has werkgevers, not jongeren) fits a young person only
   * through a need that was asked for, never through a trait or the free text. */
  function werkgeversInstrument(offer) {
    return offer.voor.indexOf("werkgevers") !== -1 && offer.voor.indexOf("jongeren") === -1;
  }

  function isUitkering(s) { return s === "uitkering"; }

  // Traits that say the same as a situation; the situation question settles them.
  var KENMERK_SITUATIE = { "uitkering": "uitkering", "dreigt-uit-te-vallen": "dreigt-uit-te-vallen", "vsv": "gestopt" };

  /* The traits an offer is made for that nothing the user gave settles: a doubt
   * ("voor tienermoeder") when the user named none of the offer's traits.  A trait that
   * repeats the offer's situation or school type (judged there) or that the given
   * situation or school type answers is left out. */
  function openKenmerken(offer, state) {
    var ks = offer.kenmerken || [];
    if (!ks.length) return ks;
    var eigen = offer.situatie || [];
    return ks.filter(function (k) {
      var s = KENMERK_SITUATIE[k];
      if (s && (eigen.indexOf(s) !== -1 || state.situatie.indexOf(s) !== -1)) return false;
      return k !== state.schooltype && (offer.schooltype || []).indexOf(k) === -1;
    });
  }

  /* The offer's situations in a dimension the young person's situation leaves open
   * (school/work or uitkering): the condition the doubt names.  [] when none. */
  function openSituaties(offer, state) {
    var known = offer.situatie || [];
    var mine = state.situatie;
    var school = false, uitkering = false;
    for (var i = 0; i < mine.length; i++) { if (isUitkering(mine[i])) uitkering = true; else school = true; }
    return known.filter(function (s) { return isUitkering(s) ? !uitkering : !school; });
  }

  /* Judge one offer against the state.  Returns null when the offer is filtered out
   * by the free text, else an item with the group, the bewijsscore and its parts, the
   * named doubts and, for "valt-af", the first criterion that does not fit (`af`).
   * Allocates little: it runs for every offer. */
  function assess(offer, state, words, labels) {
    if (words.length) {
      var text = searchText(offer, labels);
      for (var w = 0; w < words.length; w++) if (text.indexOf(words[w]) === -1) return null;
    }
    var item = { aanbod: offer, groep: "past", onbekend: 0, twijfels: [], af: null, naamKey: sortKey(offer),
                 doel: 0, leeftijd: 0, voor: offer.voor.indexOf("jongeren") !== -1 ? GEWICHT.voor : 0, behoefte: 0,
                 kern: 0, score: 0, kenmerken: 0 };
    if (offer.status === "gestopt" && !state.gestopt) item.af = "status";
    else if (state.gemeente && !offer.landelijk && (offer.gemeenten || []).indexOf(state.gemeente) === -1) item.af = "gemeente";
    var range = offer.leeftijd;
    var leeftijd = state.leeftijd;
    if (!item.af) {
      if (leeftijd !== null && leeftijd !== undefined) {
        if (!range) item.onbekend++;
        else if (!inRange(range, leeftijd)) item.af = "leeftijd";
        else if (binnenKaart(leeftijd)) item.leeftijd = GEWICHT.leeftijd;
        else item.onbekend++;   // outside 16-27: never a known fit, the card says why
      } else if (range && smallerDanKaart(range)) {
        item.twijfels.push("leeftijd");
      }
    }
    var sk = offer.startkwalificatie;
    if (!item.af) {
      if (state.startkwalificatie) {
        if (!sk) item.onbekend++;
        else if ((sk === "zonder" && state.startkwalificatie === "ja") || (sk === "met" && state.startkwalificatie === "nee")) item.af = "startkwalificatie";
        else item.doel += sk === "beide" ? GEWICHT.skBeide : GEWICHT.sk;
      } else if (sk === "zonder" || sk === "met") {
        item.twijfels.push("startkwalificatie");
      }
    }
    if (!item.af) {
      var known = offer.situatie || [];
      if (state.situatie.length) {
        var s = judgeSituatie(offer, state);
        if (s === PAST_NIET) item.af = "situatie";
        else if (s === PAST) item.doel += GEWICHT.doel;
        else if (known.length && openSituaties(offer, state).length === known.length) item.twijfels.push("situatie");
        else item.onbekend++;
      } else if (known.length) {
        item.twijfels.push("situatie");
      }
    }
    if (!item.af && state.schooltype && opSchool(state) && voorLeerlingen(offer)) {
      // Only an offer for pupils says anything about school types.
      var t = judgeSchooltype(offer, state);
      if (t === PAST_NIET) item.af = "schooltype";
      else if (t === ONBEKEND) item.onbekend++;
      else item.doel += GEWICHT.doel;
    }
    var kern = -1;
    for (var i = 0; i < state.zoekt.length; i++) {
      var plek = offer.helpt_bij.indexOf(state.zoekt[i]);
      if (plek !== -1) {
        item.behoefte += GEWICHT.behoefte;
        if (kern === -1 || plek < kern) kern = plek;
      }
    }
    item.kern = kern === -1 ? 0 : kern;
    if (!item.af && state.zoekt.length && !item.behoefte) item.af = "zoekt";
    if (!item.af && !state.zoekt.length && werkgeversInstrument(offer) && (state.kenmerk.length || words.length)) item.af = "voor";
    for (var k = 0; k < state.kenmerk.length; k++) {
      // A trait the offer does not mention is unknown, never a reason to leave it out.
      if (offer.kenmerken && offer.kenmerken.indexOf(state.kenmerk[k]) !== -1) { item.kenmerken++; item.doel += GEWICHT.doel; }
      else if (!item.af) item.onbekend++;
    }
    if (!item.af && !item.kenmerken && openKenmerken(offer, state).length) item.twijfels.push("kenmerk");
    item.score = item.doel + item.leeftijd + item.voor + item.behoefte + GEWICHT.twijfel * item.twijfels.length;
    item.groep = item.af ? "valt-af" : item.onbekend || item.twijfels.length ? "misschien" : "past";
    return item;
  }

  function names(ids, vocab) {
    return ids.map(function (id) { return (vocab && vocab[id]) || id; }).join(", ");
  }

  /* Why an offer was left out, in a few words ("tot 23 jaar"). */
  function reden(item, state, labels) {
    var offer = item.aanbod;
    switch (item.af) {
      case "status": return "gestopt";
      case "gemeente": return "niet in " + labels.gemeente[state.gemeente];
      case "leeftijd": return leeftijdGrens(offer.leeftijd);
      case "startkwalificatie": return offer.startkwalificatie === "zonder" ? "alleen zonder startkwalificatie" : "alleen met startkwalificatie";
      case "situatie": return "alleen voor jongeren die " + offer.situatie.map(function (s) { return SITUATIE_ZIN[s] || s; }).join(" of ");
      case "schooltype": return "alleen voor leerlingen van " + names(offer.schooltype, labels.schooltype);
      case "zoekt": return "helpt niet bij " + state.zoekt.map(function (z) { return labels.helpt_bij[z].toLowerCase(); }).join(" of ");
      case "voor": return "alleen voor " + offer.voor.map(function (v) { return ((labels.voor && labels.voor[v]) || v).toLowerCase(); }).join(" en ");
      default: return "";
    }
  }

  function bron(offer, feit) {
    return offer.feitbron && offer.feitbron[feit] ? " (" + offer.feitbron[feit] + ")" : "";
  }

  // "alleen als de jongere ..." per situation, for a named doubt.
  var SITUATIE_ALS = {
    "op-school": "nog op school zit", "dreigt-uit-te-vallen": "dreigt uit te vallen van school",
    "gestopt": "gestopt is met school", "uitkering": "een uitkering heeft", "werkt": "werkt"
  };

  function leeftijdAls(range) {
    if (range.min !== undefined && range.max !== undefined) return range.min + " tot en met " + range.max + " jaar is";
    if (range.min !== undefined) return range.min + " jaar of ouder is";
    return "jonger dan " + (range.max + 1) + " jaar is";
  }

  /* The named doubts of an item, in words: "alleen als de jongere nog op school zit". */
  function twijfelTeksten(item, state, labels) {
    var offer = item.aanbod;
    return item.twijfels.map(function (code) {
      if (code === "situatie") {
        var open = openSituaties(offer, state);
        var only = open.every(function (x) { return OP_SCHOOL[x]; }) ? ["op-school"] : open;
        return "alleen als de jongere " + only.map(function (x) { return SITUATIE_ALS[x] || x; }).join(" of ");
      }
      if (code === "kenmerk") {
        return "voor " + openKenmerken(offer, state).map(function (k) { return (labels.kenmerk && labels.kenmerk[k]) || k; }).join(" of ");
      }
      if (code === "startkwalificatie") {
        return offer.startkwalificatie === "zonder" ? "alleen als de jongere geen startkwalificatie heeft"
                                                    : "alleen als de jongere een startkwalificatie heeft";
      }
      return "alleen als de jongere " + leeftijdAls(offer.leeftijd);
    });
  }

  /* Why an offer fits (redenen, ok=true gets a check mark), what the source does not
   * say about the criteria given (onbekend), the named doubts (twijfel) and, for
   * "valt-af", the reason.  Only called for the offers that are shown. */
  function explain(item, state, labels) {
    var offer = item.aanbod;
    var redenen = [], onbekend = [];
    if (state.gemeente && item.af !== "gemeente") {
      redenen.push({ tekst: offer.landelijk ? "in heel Nederland" : "in " + labels.gemeente[state.gemeente], ok: true });
    }
    var range = offer.leeftijd;
    var leeftijdGegeven = state.leeftijd !== null && state.leeftijd !== undefined;
    var buiten = leeftijdGegeven && !binnenKaart(state.leeftijd);
    // Only what the user gave can be unknown; a known age is shown either way.
    if (range) redenen.push({ tekst: "leeftijd " + leeftijdText(range) + bron(offer, "leeftijd"), ok: leeftijdGegeven && !buiten });
    if (leeftijdGegeven && !range) onbekend.push("leeftijd");
    else if (buiten && item.af !== "leeftijd") {
      onbekend.push("of het bij " + state.leeftijd + " jaar past (de kaart is voor jongeren van " + KAART_MIN + " tot en met " + KAART_MAX + ")");
    }
    var sk = offer.startkwalificatie;
    if (!sk) { if (state.startkwalificatie) onbekend.push("startkwalificatie"); }
    else if (state.startkwalificatie) {
      redenen.push({ tekst: (sk === "beide" ? "met of zonder startkwalificatie" : sk + " startkwalificatie") + bron(offer, "startkwalificatie"), ok: true });
    }
    if (state.situatie.length) {
      var s = judgeSituatie(offer, state);
      if (s === PAST) redenen.push({ tekst: "voor jongeren die " + offer.situatie.map(function (x) { return SITUATIE_ZIN[x] || x; }).join(" of ") + bron(offer, "situatie"), ok: true });
      else if (s === ONBEKEND && item.twijfels.indexOf("situatie") === -1) {
        onbekend.push(offer.situatie && offer.situatie.length ? "of het past bij de situatie" : "situatie");
      }
    }
    if (state.schooltype && opSchool(state) && voorLeerlingen(offer)) {
      if (offer.schooltype && offer.schooltype.length) {
        if (judgeSchooltype(offer, state) === PAST) redenen.push({ tekst: "leerlingen van " + names(offer.schooltype, labels.schooltype) + bron(offer, "schooltype"), ok: true });
        else onbekend.push("of het schooltype past");
      } else {
        onbekend.push("schooltype");
      }
    }
    state.zoekt.forEach(function (z) {
      if (offer.helpt_bij.indexOf(z) !== -1) {
        redenen.push({ tekst: "helpt bij " + labels.helpt_bij[z].toLowerCase(), ok: true });
      }
    });
    var nietGenoemd = [];
    state.kenmerk.forEach(function (k) {
      if ((offer.kenmerken || []).indexOf(k) !== -1) redenen.push({ tekst: "voor " + labels.kenmerk[k] + bron(offer, "kenmerken"), ok: true });
      else nietGenoemd.push(labels.kenmerk[k] || k);
    });
    if (nietGenoemd.length) onbekend.push("of het past bij " + nietGenoemd.join(", "));
    if (offer.nazorg === true) redenen.push({ tekst: "nazorg", ok: false });
    else if (offer.nazorg === false) redenen.push({ tekst: "geen nazorg", ok: false });
    item.redenen = redenen;
    item.onbekendeFeiten = onbekend;
    item.twijfelTeksten = item.af ? [] : twijfelTeksten(item, state, labels);
    item.reden = item.af ? reden(item, state, labels) : "";
    return item;
  }

  /* The bewijsscore and its parts, as data attributes on a card ("data-bewijs-doel"). */
  function bewijs(item) {
    return { bewijsscore: item.score, doel: item.doel, leeftijd: item.leeftijd, voor: item.voor,
             behoefte: item.behoefte, twijfel: item.twijfels.length * GEWICHT.twijfel, kern: item.kern };
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

  function byName(a, b) {
    var na = a.naamKey, nb = b.naamKey;
    if (na !== nb) return na < nb ? -1 : 1;
    return a.aanbod.id < b.aanbod.id ? -1 : a.aanbod.id > b.aanbod.id ? 1 : 0;
  }

  function compare(a, b) {
    // Documented order: higher bewijsscore > fewer doubts > need more central > fewer unknowns > naam > id.
    if (a.score !== b.score) return b.score - a.score;
    if (a.twijfels.length !== b.twijfels.length) return a.twijfels.length - b.twijfels.length;
    if (a.kern !== b.kern) return a.kern - b.kern;
    if (a.onbekend !== b.onbekend) return a.onbekend - b.onbekend;
    return byName(a, b);
  }

  /* All offers judged: {passend: ranked fitting items (groups past and misschien),
   * afgevallen: items left out, by name, counts: {past, misschien, valtAf}}.
   * options.alleenJongeren: only offers with `jongeren` in voor (youth page).
   * options.uitleg === false: no texts (call explain() for the offers you show). */
  function judge(data, state, options) {
    options = options || {};
    expand(data);
    var words = fold(state.q || "").split(/\s+/).filter(Boolean);
    var passend = [], afgevallen = [], past = 0;
    var offers = data.aanbod;
    for (var i = 0; i < offers.length; i++) {
      var offer = offers[i];
      if (options.alleenJongeren && offer.voor.indexOf("jongeren") === -1) continue;
      var item = assess(offer, state, words, data.labels);
      if (!item) continue;
      if (item.af) afgevallen.push(item);
      else {
        passend.push(item);
        if (item.groep === "past") past++;
      }
    }
    passend.sort(compare);
    afgevallen.sort(byName);
    if (options.uitleg !== false) {
      passend.forEach(function (item) { explain(item, state, data.labels); });
      afgevallen.forEach(function (item) { explain(item, state, data.labels); });
    }
    return { passend: passend, afgevallen: afgevallen,
             counts: { past: past, misschien: passend.length - past, valtAf: afgevallen.length } };
  }

  /* The unanswered question that would split the current list most, or null.
   * Per open question (situatie, startkwalificatie) the offers whose fit depends on the
   * answer: those with a doubt on it (for situatie: on school or work, not on an uitkering).
   * `leerlingen` counts the offers only for pupils.  Returns {vraag, aantal, totaal, leerlingen}. */
  function beslisvraag(passend, state) {
    var tel = { situatie: 0, startkwalificatie: 0 }, leerlingen = 0;
    // The question asks what the young person does now (school or work); an open uitkering is not asked.
    var schoolOpen = !state || !state.situatie.some(function (x) { return !isUitkering(x); });
    for (var i = 0; i < passend.length; i++) {
      var t = passend[i].twijfels;
      if (t.indexOf("startkwalificatie") !== -1) tel.startkwalificatie++;
      if (t.indexOf("situatie") === -1 || !schoolOpen) continue;
      var offer = passend[i].aanbod;
      if (!(offer.situatie || []).some(function (x) { return !isUitkering(x); })) continue;
      tel.situatie++;
      if (alleenLeerlingen(offer)) leerlingen++;
    }
    var vraag = tel.situatie >= tel.startkwalificatie ? "situatie" : "startkwalificatie";
    if (!tel[vraag]) return null;
    return { vraag: vraag, aantal: tel[vraag], totaal: passend.length, leerlingen: leerlingen };
  }

  function alleenLeerlingen(offer) {
    var s = offer.situatie || [];
    return s.length > 0 && s.every(function (x) { return OP_SCHOOL[x]; });
  }

  /* Where a young person can go with a question themselves, in their gemeente: offers
   * for young people that are a loket or bemiddeling (soort) and do not fall out on
   * age, gemeente, situation or startkwalificatie.  Without a gemeente: only offers in
   * all of the Netherlands, so no gemeente is favoured.  Ranked by bewijsscore.
   * options.zonderSchool: only those a young person reaches without a school or mentor:
   * they sign up themselves (zelf), leerplicht/RMC contacts them (via-rmc), or a loket
   * whose sign-up the source does not describe and that is not only for pupils. */
  function ingangen(data, state, options) {
    options = options || {};
    expand(data);
    var zonderVraag = zonderBehoefte(state);
    var out = [];
    data.aanbod.forEach(function (offer) {
      if (offer.voor.indexOf("jongeren") === -1 || ["loket", "bemiddeling"].indexOf(offer.soort) === -1) return;
      if (options.zonderSchool) {
        var routes = offer.aanmelden || [];
        var zelf = routes.indexOf("zelf") !== -1 || routes.indexOf("via-rmc") !== -1 ||
          (!routes.length && offer.soort === "loket" && !alleenLeerlingen(offer));
        if (!zelf) return;
      }
      if (!state.gemeente && !offer.landelijk) return;
      var item = assess(offer, zonderVraag, [], data.labels);
      if (item && !item.af) out.push(item);
    });
    return out.sort(compare);
  }

  /* Offers in a list without a contact route (telefoon, e-mail, website) in the source. */
  function zonderContact(passend) {
    return passend.filter(function (item) {
      var c = item.aanbod.contact || {};
      return !(c.telefoon || c.email || (c.website && /^https?:\/\//.test(c.website)));
    });
  }

  /* Put the shared texts back on each offer (the data file writes each age line, fact
   * source and provider name once, in `regels`, `feitbronnen` and `aanbieders`).  Idempotent;
   * judge() calls it. */
  function expand(data) {
    if (data.uitgepakt) return data;
    var regels = data.regels || [], bronnen = data.feitbronnen || [], aanbieders = data.aanbieders || [];
    var FEITEN = ["leeftijd", "startkwalificatie", "situatie", "schooltype", "kenmerken"];
    var given = { leeftijd: "leeftijd", startkwalificatie: "startkwalificatie", situatie: "situatie", schooltype: "schooltype", kenmerken: "kenmerken" };
    for (var i = 0; i < data.aanbod.length; i++) {
      var offer = data.aanbod[i];
      if (!offer.pagina) offer.pagina = "aanbod/" + offer.id + "/";   // not in the file: it follows from the id
      if (typeof offer.aanbieder === "number") offer.aanbieder = aanbieders[offer.aanbieder] || "";
      var regel = regels[offer.actualiteit || 0];   // left out: the first, most common line
      if (regel && offer.regel === undefined) {
        offer.regel = regel[0];
        offer.jongerenregel = regel[1];
      }
      var fb = offer.feitbron;
      if (typeof fb === "number") {
        // One index: every filled fact has that source.
        var tekst = bronnen[fb] || "", all = {};
        FEITEN.forEach(function (feit) { if (offer[given[feit]] !== undefined) all[feit] = tekst; });
        offer.feitbron = all;
      } else if (fb) {
        for (var feit in fb) if (has(fb, feit) && typeof fb[feit] === "number") fb[feit] = bronnen[fb[feit]] || "";
      }
    }
    data.uitgepakt = true;
    return data;
  }

  /* Backwards-compatible: the fitting offers, ranked. */
  function match(data, state, options) {
    return judge(data, state, options).passend;
  }

  function zonderBehoefte(state) {
    var out = {};
    for (var key in state) if (has(state, key)) out[key] = state[key];
    out.zoekt = [];
    out.kenmerk = [];
    out.q = "";
    return out;
  }

  /* Never a dead end, and never a suggestion known not to fit.  For a need that nothing
   * fits: `afgevallen`, how many offers help with that need here but fall out on something
   * else (the page points to Valt af); `elders`, the gemeenten where offers help with it
   * when none do here; `ingangen`, where the question can go (ingangen()); `buurt`, offers
   * for young people that fit the age, gemeente and situation and help with other things,
   * those that offer steun first.  Without a gemeente, `buurt` and `ingangen` hold only
   * offers in all of the Netherlands: no gemeente is favoured. */
  function uitweg(data, state, need, options) {
    options = options || {};
    expand(data);
    var offers = data.aanbod, out = { afgevallen: 0, elders: [], ingangen: ingangen(data, state), buurt: [] };
    var rest = zonderBehoefte(state), elders = {};
    for (var i = 0; i < offers.length; i++) {
      var o = offers[i];
      if (o.status === "gestopt") continue;
      if (options.alleenJongeren && o.voor.indexOf("jongeren") === -1) continue;
      var hier = !state.gemeente || o.landelijk || (o.gemeenten || []).indexOf(state.gemeente) !== -1;
      if (o.helpt_bij.indexOf(need) !== -1) {
        if (hier) out.afgevallen++;
        else (o.gemeenten || []).forEach(function (g) { elders[g] = true; });
        continue;
      }
      if (o.voor.indexOf("jongeren") === -1 || (!state.gemeente && !o.landelijk)) continue;
      var item = assess(o, rest, [], data.labels);
      if (item && !item.af) out.buurt.push(item);
    }
    out.elders = Object.keys(elders).sort();
    out.buurt.sort(function (a, b) {
      var sa = a.aanbod.helpt_bij.indexOf("steun") !== -1, sb = b.aanbod.helpt_bij.indexOf("steun") !== -1;
      return sa !== sb ? (sa ? -1 : 1) : compare(a, b);
    });
    return out;
  }

  /* Why one offer does not fit this state, or "" when it does (for the dead-end lists). */
  function waaromNiet(offer, state, labels) {
    var item = assess(offer, state, [], labels);
    return item && item.af ? reden(item, state, labels) : "";
  }

  function alleenVoorProfessionals(offer) {
    return offer.voor.indexOf("jongeren") === -1;
  }

  /* Page helpers shared by wegwijzer.js and jongeren.js.  They touch the document only
   * when a page calls them; everything from the URL or the records goes in as text. */
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

  function telHref(telefoon) {
    return "tel:" + telefoon.replace(/[^0-9+]/g, "");
  }

  function showNotes(list, notes) {
    list.textContent = "";
    notes.forEach(function (note) {
      list.appendChild(make("li", null, note.charAt(0).toUpperCase() + note.slice(1) + "."));
    });
    list.hidden = notes.length === 0;
  }

  function syncUrl(query) {
    var url = window.location.pathname + query + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(null, "", url);
    }
  }

  /* Hide the no-JS lists, and the table-of-contents entries that point into them
   * (the theme also puts them in the phone menu), so no link leads to a hidden heading. */
  function hideFallback(container) {
    var hidden = [];
    function hide(node) { if (!node.hidden) { node.hidden = true; hidden.push(node); } }
    if (container) {
      hide(container);
      document.querySelectorAll('.md-nav a[href^="#"]').forEach(function (a) {
        var target = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
        if (target && container.contains(target)) hide(a.parentNode);
      });
      document.querySelectorAll(".md-nav--secondary").forEach(function (nav) {
        if (!nav.querySelector("li:not([hidden])")) hide(nav);
      });
    }
    return function undo() { hidden.forEach(function (node) { node.hidden = false; }); };
  }

  /* After the browser has drawn the next frame (a hidden tab draws none: then in the next task).
   * Parts of a list added this way are laid out one frame each; added in plain tasks, they all
   * landed in one frame, whose layout was the longest task on a slow phone (scripts/METINGEN.md). */
  function afterFrame(fn) {
    if (document.hidden || !window.requestAnimationFrame) return void setTimeout(fn, 0);
    window.requestAnimationFrame(function () { setTimeout(fn, 0); });
  }

  /* Items from..to of a list, `per` at a time, each part after the previous one is drawn.
   * add(from, to) adds a part; current() says whether this list is still the one on the page
   * (a newer render stops the old one).  Returns a promise that settles when the list is done. */
  function addInParts(from, to, per, add, current) {
    return new Promise(function (resolve) {
      (function next(at) {
        if (at >= to || !current()) return resolve();
        afterFrame(function () {
          if (!current()) return resolve();
          var end = Math.min(to, at + per);
          add(at, end);
          next(end);
        });
      })(from);
    });
  }

  /* Switch the page to the finder at once (show `shown`, hide the no-JS list `fallback`),
   * so that re-layout happens while the data downloads; then fetch the data named by the
   * form's data-bron and call start(data, siteRoot).  When the data cannot load, the no-JS
   * list comes back with a message. */
  function load(form, start, shown, fallback) {
    var dataUrl = new URL(form.getAttribute("data-bron"), window.location.href);
    (shown || []).forEach(function (node) { if (node) node.hidden = false; });
    var undo = hideFallback(fallback);
    fetch(dataUrl.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        // A fault in the page itself must surface as an error, not as "could not load".
        setTimeout(function () {
          // Marks for scripts/bench_wegwijzer.py: how long the first render after load takes.
          if (window.performance && performance.mark) performance.mark("kaart-start");
          var firstList = start(expand(data), new URL("../", dataUrl));
          if (window.performance && performance.measure) performance.measure("kaart-eerste-weergave", "kaart-start");
          // Ready after the rest of the first list, which the page may add in later tasks (start
          // returns a promise for that, or nothing).
          Promise.resolve(firstList).then(function () {
            setTimeout(function () { document.documentElement.setAttribute("data-kaart-finder", "klaar"); }, 0);
          });
        }, 0);
      }, function () {
        (shown || []).forEach(function (node) { if (node) node.hidden = true; });
        undo();
        var p = make("p", "kaart-fout", "De zoekhulp kon de gegevens niet laden. Hieronder staat al het aanbod.");
        p.setAttribute("role", "alert");
        form.parentNode.insertBefore(p, form.closest(".kaart-wegwijzer") || form);
      });
  }

  var api = {
    PARAMS: PARAMS,
    SITUATIES: SITUATIES,
    emptyState: emptyState,
    parseQuery: parseQuery,
    toQuery: toQuery,
    judge: judge,
    expand: expand,
    match: match,
    explain: explain,
    bewijs: bewijs,
    beslisvraag: beslisvraag,
    alleenLeerlingen: alleenLeerlingen,
    ingangen: ingangen,
    zonderContact: zonderContact,
    binnenKaart: binnenKaart,
    KAART_MIN: KAART_MIN,
    KAART_MAX: KAART_MAX,
    uitweg: uitweg,
    waaromNiet: waaromNiet,
    opSchool: opSchool,
    leeftijdText: leeftijdText,
    leeftijdGrens: leeftijdGrens,
    alleenVoorProfessionals: alleenVoorProfessionals,
    dom: { make: make, link: link, telHref: telHref, showNotes: showNotes, syncUrl: syncUrl, load: load, hideFallback: hideFallback,
           addInParts: addInParts }
  };
  root.KaartMatching = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : this);
