/* Every map's background tiles: when they cannot be loaded (no network, tile server down),
 * the map stays usable on a plain background and says so once, in words, below the map.
 * Load after leaflet.js; the text comes from <body data-text-tiles-failed="…"> (translated). */
(function () {
  "use strict";
  if (!window.L || !L.TileLayer) { return; }
  var FAILURES_BEFORE_NOTICE = 3;

  function notice(map) {
    var container = map.getContainer();
    if (container.classList.contains("tiles-unavailable")) { return; }
    container.classList.add("tiles-unavailable");
    var text = document.body.getAttribute("data-text-tiles-failed") ||
      "Kartenhintergrund nicht erreichbar.";
    var line = document.createElement("p");
    line.className = "map-notice";
    line.setAttribute("role", "status");
    line.textContent = text;
    container.insertAdjacentElement("afterend", line);
  }

  L.TileLayer.addInitHook(function () {
    var failures = 0;
    this.on("tileerror", function () {
      failures += 1;
      if (failures === FAILURES_BEFORE_NOTICE && this._map) { notice(this._map); }
    });
  });
})();
