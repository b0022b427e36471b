/* Small map with the place of one report; the address and coordinates are in the page too. */
(function () {
  "use strict";
  var element = document.getElementById("detail-map");
  var configElement = document.getElementById("detail-map-config");
  if (!element || !configElement || !window.L) { return; }
  var config = JSON.parse(configElement.textContent);
  var map = L.map(element, { maxZoom: 19 }).setView([config.lat, config.lon], 17);
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
  }
  L.circleMarker([config.lat, config.lon], {
    radius: 10, color: "#000", weight: 2, fillColor: "#c1121f", fillOpacity: 0.9,
  }).addTo(map);
})();
