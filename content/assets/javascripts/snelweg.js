/* "Snel weg" on the youth pages (/jongeren/..., /mijn-lijst/): a button and the Escape key leave for a
 * neutral page with location.replace, so the page that was open is not in the history: Back does
 * not return to it.  /jongeren/ explains it in one sentence (kaart/pages/finder.py).
 */
(function () {
  "use strict";
  var NEUTRAAL = "https://www.google.nl/";
  var script = document.currentScript;
  var root = new URL("../../", script ? script.src : window.location.href);
  var path = window.location.pathname;
  var rest = path.indexOf(root.pathname) === 0 ? path.slice(root.pathname.length) : "";
  if (!/^(jongeren|mijn-lijst)\//.test(rest)) return;

  function weg(event) {
    if (event) event.preventDefault();
    window.location.replace(NEUTRAAL);
  }

  function setup() {
    var a = document.createElement("a");
    a.className = "md-button md-button--primary kaart-snelweg";
    a.id = "kaart-snelweg";
    a.href = NEUTRAAL;
    a.textContent = "Snel weg";
    a.setAttribute("rel", "noreferrer");
    a.addEventListener("click", weg);
    document.body.appendChild(a);
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      // Escape first closes the search list when it is open (zoeken.js), as it always did.
      var zoek = document.getElementById("kaart-zoek-resultaten");
      if (zoek && !zoek.hidden) return;
      weg(event);
    }, true);  // capture: decided before the search field's own Escape closes its list
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
