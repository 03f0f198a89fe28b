/* The page /mijn-lijst/: the saved offers as compact cards (from data/wegwijzer.json, cached for
 * offline use), or, with ?lijst=id,id, a list someone shared.  "Geef de lijst mee": a link with the
 * ids (nothing is stored on a server), its QR code (qrcode-generator, vendored), WhatsApp and mail.
 * An id the data does not know is named, never an error.  Text only, never HTML.
 */
(function () {
  "use strict";
  var L = window.KaartLijst;
  var box = document.getElementById("ml-box");
  if (!L || !box) return;
  var el = {};
  ["kop", "uitleg", "status", "onbekend", "lijst", "bewaar-alles", "eigen", "print", "leeg", "geef", "link", "kopieer",
   "whatsapp", "mail", "link-status", "qr"].forEach(function (id) { el[id] = document.getElementById("ml-" + id); });
  var TITEL = "Aanbod uit de Sociale kaart 16-27";
  var MAX_ONBEKEND = 60;  // characters of an unknown id shown back

  var param = new URLSearchParams(window.location.search).get("lijst");
  var shared = param === null ? null : param.split(",").map(function (s) { return s.trim(); }).filter(Boolean);
  var data = null, byId = new Map(), failed = false;

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function current() { return shared ? shared : L.ids(); }

  function card(offer) {
    var li = make("li", "kaart-resultaat kaart-resultaat--kort kaart-ml-kaart");
    li.setAttribute("data-aanbod-id", offer.id);
    var h = make("h3", "kaart-resultaat-naam");
    var a = make("a", "kaart-naam", offer.naam);
    a.href = new URL("aanbod/" + offer.id + "/", L.root).href;
    h.appendChild(a);
    li.appendChild(h);
    var aanbieder = typeof offer.aanbieder === "number" ? (data.aanbieders || [])[offer.aanbieder] : offer.aanbieder;
    if (aanbieder) li.appendChild(make("p", "kaart-ml-aanbieder", aanbieder));
    var jt = offer.jongerentaal || {};
    li.appendChild(make("p", "kaart-blok", jt.wat_is_het || offer.kort || ""));
    if (jt.hoe_begin_je) {
      var p = make("p", "kaart-blok");
      p.appendChild(make("strong", null, "Hoe begin je? "));
      p.appendChild(document.createTextNode(jt.hoe_begin_je));
      li.appendChild(p);
    }
    var contact = offer.contact || {};
    var parts = [];
    if (contact.telefoon) parts.push("Telefoon: " + contact.telefoon);
    if (contact.email) parts.push("Mail: " + contact.email);
    if (contact.website) parts.push("Website: " + contact.website);
    if (parts.length) li.appendChild(make("p", "kaart-ml-contact", parts.join(" \u00b7 ")));
    return li;
  }

  function render() {
    var list = current();
    var known = list.filter(function (id) { return byId.has(id); });
    // Without the data nothing can be said about an id: then none is called unknown.
    var unknown = failed ? [] : list.filter(function (id) { return !byId.has(id); });
    var focusLost = el.lijst.contains(document.activeElement);
    el.lijst.textContent = "";
    known.forEach(function (id) { el.lijst.appendChild(card(byId.get(id))); });
    el.onbekend.textContent = "";
    unknown.forEach(function (id) {
      var shown = id.length > MAX_ONBEKEND ? id.slice(0, MAX_ONBEKEND) + "\u2026" : id;
      el.onbekend.appendChild(make("li", null, "\u2018" + shown + "\u2019: dit aanbod staat niet meer in de kaart."));
    });
    el.onbekend.hidden = unknown.length === 0;
    var n = known.length;
    if (shared) {
      el.status.textContent = n === 0 ? "In deze gedeelde lijst staat geen aanbod dat de kaart kent."
        : "Iemand heeft deze lijst met je gedeeld: " + (n === 1 ? "1 aanbod." : n + " aanbiedingen.");
    } else {
      el.status.textContent = n === 0 && !unknown.length
        ? "Je hebt nog niets bewaard. Kies Bewaar bij een aanbod, bijvoorbeeld bij Wat zoek je? of in de wegwijzer."
        : "Je hebt " + (n === 1 ? "1 aanbod" : n + " aanbiedingen") + " bewaard.";
    }
    el.leeg.hidden = Boolean(shared) || list.length === 0;
    el.print.hidden = n === 0;
    el["bewaar-alles"].hidden = !shared || n === 0;
    el.eigen.hidden = !shared;
    el.geef.hidden = n === 0;
    if (n) handOver(known);
    if (focusLost) el.kop.parentNode.focus();
  }

  function handOver(known) {
    var url = L.shareUrl(known);
    el.link.value = url;
    var names = known.map(function (id) {
      var o = byId.get(id);
      var aanbieder = typeof o.aanbieder === "number" ? (data.aanbieders || [])[o.aanbieder] : o.aanbieder;
      return "- " + o.naam + (aanbieder && aanbieder !== o.naam ? " (" + aanbieder + ")" : "");
    });
    var text = TITEL + ":\n" + names.join("\n") + "\n\n" + url;
    el.whatsapp.href = "https://wa.me/?text=" + encodeURIComponent(text);
    el.mail.href = "mailto:?subject=" + encodeURIComponent(TITEL) + "&body=" + encodeURIComponent(text);
    drawQr(url);
  }

  // qrcode-generator, fetched the first time a list is handed over (kept offline by the service worker).
  var QR_SCRIPT = "assets/javascripts/vendor/qrcode-generator/qrcode.js";
  var qrLoading = null;
  function drawQr(text) {
    if (window.qrcode) { qrNow(text); return; }
    if (!qrLoading) {
      qrLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL(QR_SCRIPT, L.root).href;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    qrLoading.then(function () { qrNow(el.link.value); }, function () {
      el.qr.hidden = true;
      el["link-status"].textContent = "De QR-code kon niet laden. Stuur de link.";
    });
  }

  // The QR code on a canvas, one square per module, four modules of white around it (the quiet zone).
  function qrNow(text) {
    var canvas = el.qr;
    var qr;
    try {
      qr = window.qrcode(0, "M");
      qr.addData(text);
      qr.make();
    } catch (e) {
      canvas.hidden = true;
      el["link-status"].textContent = "De lijst is te lang voor een QR-code. Stuur de link.";
      return;
    }
    canvas.hidden = false;
    var n = qr.getModuleCount(), cell = 6, quiet = 4, size = (n + 2 * quiet) * cell;
    canvas.width = size;
    canvas.height = size;
    var ctx = canvas.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, size, size);
    ctx.fillStyle = "#000000";
    for (var r = 0; r < n; r++) {
      for (var c = 0; c < n; c++) {
        if (qr.isDark(r, c)) ctx.fillRect((c + quiet) * cell, (r + quiet) * cell, cell, cell);
      }
    }
    canvas.setAttribute("data-tekst", text);
    document.documentElement.setAttribute("data-kaart-qr", "klaar");
  }

  function start(loaded) {
    data = loaded;
    (data && data.aanbod || []).forEach(function (o) { byId.set(o.id, o); });
    if (shared) {
      el.kop.textContent = "Gedeelde lijst";
      el.uitleg.textContent = "Iemand heeft deze lijst met je gedeeld. Wil je hem houden? Kies dan \u2018Zet deze lijst " +
        "in Mijn lijst\u2019. Je lijst blijft op dit apparaat: hij staat alleen in deze browser, niet op een server.";
    }
    render();
    document.documentElement.setAttribute("data-kaart-lijst", "klaar");
  }

  el.kop.parentNode.setAttribute("tabindex", "-1");
  el.leeg.addEventListener("click", function () { L.clear(); el["link-status"].textContent = "De lijst is leeg."; });
  el.print.addEventListener("click", function () { window.print(); });
  el["bewaar-alles"].addEventListener("click", function () {
    L.add(shared.filter(function (id) { return byId.has(id); }));
    el["link-status"].textContent = "De lijst staat nu ook in Mijn lijst.";
  });
  el.kopieer.addEventListener("click", function () {
    var done = function () { el["link-status"].textContent = "De link is gekopieerd."; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(el.link.value).then(done, function () { el.link.select(); });
    } else {
      el.link.select();
    }
  });
  window.addEventListener("kaart-lijst", function () { if (!shared && data) render(); });

  fetch(new URL(box.getAttribute("data-bron"), window.location.href).href, { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(start, function () {
      failed = true;
      start({ aanbod: [] });
      el.status.textContent = "De gegevens van de kaart konden niet laden. Probeer het opnieuw als je internet hebt.";
    });
})();
