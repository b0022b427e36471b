/* Quarters' polygons on a map (administration list and upload preview). The same quarters are
 * listed on the page; without a tile source or network the outlines are drawn on plain ground. */
(function () {
  "use strict";
  var element = document.getElementById("quarter-map");
  var data = document.getElementById("quarter-map-data");
  var config = document.getElementById("quarter-map-config");
  if (!element || !data || !window.L) { return; }
  var collection = JSON.parse(data.textContent);
  var settings = config ? JSON.parse(config.textContent) : {};
  var map = L.map(element, { maxZoom: 18 });
  if (settings.tileUrl) {
    L.tileLayer(settings.tileUrl, { attribution: settings.attribution, maxZoom: 18 }).addTo(map);
  }
  var layer = L.geoJSON(collection, {
    style: { color: "#0b5394", weight: 2, fillOpacity: 0.15 },
    onEachFeature: function (feature, shape) {
      if (feature.properties && feature.properties.name) {
        // A DOM node, never a string: Leaflet would insert a string as HTML.
        var label = document.createElement("span");
        label.textContent = String(feature.properties.name);
        shape.bindTooltip(label);
      }
    },
  }).addTo(map);
  var bounds = layer.getBounds();
  if (bounds.isValid()) { map.fitBounds(bounds, { padding: [10, 10] }); } else { map.setView([51.333, 6.56], 12); }
})();
