/* Hotspots on a map; the same places are listed in the table below it. */
(function () {
  "use strict";
  var element = document.getElementById("hotspot-map");
  var configElement = document.getElementById("hotspot-map-config");
  if (!element || !configElement || !window.L) { return; }
  var config = JSON.parse(configElement.textContent);
  var map = L.map(element, { maxZoom: 19 }).setView([51.327, 6.56], 14);
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
  }
  var bounds = [];
  config.points.forEach(function (point) {
    var marker = L.circleMarker([point.lat, point.lon], {
      radius: 12, color: "#000", weight: 2, fillColor: "#c1121f", fillOpacity: 0.9,
    }).addTo(map);
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.label;
    marker.bindPopup(link);
    bounds.push([point.lat, point.lon]);
  });
  if (bounds.length) { map.fitBounds(bounds, { maxZoom: 17, padding: [30, 30] }); }
})();
