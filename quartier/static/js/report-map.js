/* Map of reports: loads compact point data, clusters markers, colours them by status.
   Config comes from the json_script element "report-map-config" (no inline script). */
(function () {
  "use strict";
  var element = document.getElementById("report-map");
  var statusLine = document.getElementById("map-status");
  var configElement = document.getElementById("report-map-config");
  if (!element || !configElement || !window.L) { return; }
  var config = JSON.parse(configElement.textContent);

  var map = L.map(element, { maxZoom: 19 }).setView(config.centre, 14);
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
  }
  config.quarters.forEach(function (quarter) {
    L.geoJSON(quarter.geometry, { style: { color: "#073763", weight: 2, fill: false } })
      .bindTooltip(textNode(quarter.name)).addTo(map);
  });

  function say(text) { statusLine.textContent = text; }

  // Leaflet puts a string into the tooltip as HTML; names come from data, so pass an element.
  function textNode(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  function popupFor(point) {
    var status = config.statuses[point[3]] || ["", "#000"];
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = "#" + point[0] + " " + (config.categories[point[4]] || "");
    var state = document.createElement("div");
    state.textContent = status[0];
    var link = document.createElement("a");
    link.href = config.detailUrl.replace(/0\/$/, point[0] + "/");
    link.textContent = element.dataset.open;
    box.append(title, state, link);
    return box;
  }

  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var size = count < 100 ? 32 : count < 1000 ? 40 : 48;
    return L.divIcon({
      html: textNode(String(count)),
      className: "marker-cluster-custom",
      iconSize: L.point(size, size),
    });
  }

  function show(data) {
    var cluster = L.markerClusterGroup({ chunkedLoading: true, iconCreateFunction: clusterIcon });
    var markers = data.points.map(function (point) {
      var colour = (config.statuses[point[3]] || ["", "#000"])[1];
      var marker = L.circleMarker([point[1], point[2]], {
        radius: 8, color: "#000", weight: 1, fillColor: colour, fillOpacity: 0.9,
        className: "report-marker",
      });
      marker.bindPopup(function () { return popupFor(point); });
      return marker;
    });
    cluster.addLayers(markers);
    map.addLayer(cluster);
    if (markers.length) { map.fitBounds(cluster.getBounds(), { maxZoom: 17 }); }
    var template = data.truncated ? element.dataset.truncated : element.dataset.count;
    say(template.replace("%(n)s", String(markers.length)));
    element.dataset.loaded = String(markers.length);
  }

  fetch(config.dataUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    })
    .then(show)
    .catch(function (error) { say(element.dataset.failed); console.error(error); });
})();
