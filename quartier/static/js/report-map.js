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
  // Quarter outlines are drawing only: not interactive, not in the tab order; the name is shown
  // as a permanent label.
  config.quarters.forEach(function (quarter) {
    L.geoJSON(quarter.geometry, { interactive: false, style: { color: "#073763", weight: 2, fill: false } })
      .bindTooltip(textNode(quarter.name), { permanent: true, direction: "center", className: "quarter-label" })
      .addTo(map);
  });

  // A div icon with an accessible name: Leaflet makes it a focusable button (keyboard: true).
  var NamedIcon = L.DivIcon.extend({
    createIcon: function (old) {
      var div = L.DivIcon.prototype.createIcon.call(this, old);
      div.setAttribute("aria-label", this.options.label);
      div.removeAttribute("title");
      return div;
    },
  });
  var label = function (template, values) {
    return Object.keys(values).reduce(function (text, key) {
      return text.replace("%(" + key + ")s", values[key]);
    }, template);
  };

  function say(text) { statusLine.textContent = text; }

  // Leaflet puts a string into the tooltip as HTML; names come from data, so pass an element.
  function textNode(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  // A popup takes focus on its link; closing it (Escape, close button) returns focus to the marker.
  map.on("popupopen", function (event) {
    var link = event.popup.getElement().querySelector(".leaflet-popup-content a");
    if (link) { link.focus(); }
  });
  map.on("popupclose", function (event) {
    var source = event.popup._source;
    if (source && source._icon && document.body.contains(source._icon)) { source._icon.focus(); }
  });

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
    var size = count < 100 ? 44 : count < 1000 ? 48 : 56;
    var number = textNode(String(count));
    number.setAttribute("aria-hidden", "true");
    return new NamedIcon({
      html: number,
      className: "marker-cluster-custom",
      iconSize: L.point(size, size),
      label: label(element.dataset.cluster, { n: String(count) }),
    });
  }

  function markerFor(point) {
    var status = config.statuses[point[3]] || ["", "#000", ""];
    var name = "#" + point[0] + " " + (config.categories[point[4]] || "") + ", " + status[0];
    var marker = L.marker([point[1], point[2]], {
      keyboard: true,
      icon: new NamedIcon({ className: "report-marker status-" + status[2], iconSize: L.point(24, 24), label: name }),
    });
    marker.bindPopup(function () { return popupFor(point); });
    return marker;
  }

  // Clusters open by Enter or Space as by a click: zoom in, or fan out where the reports share
  // one spot; then the first report marker takes focus so keyboard users carry on from there.
  function openCluster(event, group) {
    var key = event.originalEvent.key;
    if (key !== "Enter" && key !== " ") { return; }
    event.originalEvent.preventDefault();
    var cluster = event.layer;
    var bounds = cluster.getBounds();
    say(label(element.dataset.opened, { n: String(cluster.getChildCount()) }));
    if (map.getZoom() >= map.getMaxZoom() || bounds.getNorthEast().equals(bounds.getSouthWest())) {
      group.once("spiderfied", function (spread) { spread.markers[0].getElement().focus(); });
      cluster.spiderfy();
    } else {
      group.once("animationend", focusFirstMarker);
      cluster.zoomToBounds({ padding: [24, 24] });
    }
  }

  function inView(icon) {
    var box = element.getBoundingClientRect();
    var r = icon.getBoundingClientRect();
    return r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
  }

  function focusFirstMarker() {
    var icons = Array.prototype.filter.call(element.querySelectorAll(".report-marker"), inView);
    if (!icons.length) {
      icons = Array.prototype.filter.call(element.querySelectorAll(".leaflet-marker-icon"), inView);
    }
    if (icons.length) { icons[0].focus(); }
  }

  function show(data) {
    var cluster = L.markerClusterGroup({ chunkedLoading: true, iconCreateFunction: clusterIcon });
    cluster.on("clusterkeypress", function (event) { openCluster(event, cluster); });
    cluster.on("keypress", function (event) {
      if (event.originalEvent.key !== " ") { return; }
      event.originalEvent.preventDefault();
      event.layer.openPopup();
    });
    var markers = data.points.map(markerFor);
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
