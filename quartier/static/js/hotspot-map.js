/* Hotspots on a map; the same places are listed in the table below it.
 * Each hotspot is a named marker: Tab reaches it, Enter opens its popup with the link focused,
 * Escape closes the popup and focus returns to the marker. */
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

  // Leaflet makes a marker's icon a focusable button (keyboard: true); give it a name.
  var NamedIcon = L.DivIcon.extend({
    createIcon: function (old) {
      var div = L.DivIcon.prototype.createIcon.call(this, old);
      div.setAttribute("aria-label", this.options.label);
      div.removeAttribute("title");
      return div;
    },
  });


  var bounds = [];
  config.points.forEach(function (point) {
    var marker = L.marker([point.lat, point.lon], {
      keyboard: true,
      icon: new NamedIcon({ className: "hotspot-marker", iconSize: L.point(28, 28), label: point.label }),
    }).addTo(map);
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.label;
    marker.bindPopup(link);
    bounds.push([point.lat, point.lon]);
  });
  if (bounds.length) { map.fitBounds(bounds, { maxZoom: 17, padding: [30, 30] }); }
})();
