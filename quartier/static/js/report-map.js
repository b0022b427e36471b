/* Map of reports: loads compact point data for the visible part of the map, clusters markers,
   colours them by status. Where too many reports are in view, the server answers with areas
   (a count per grid cell); choosing an area zooms in and loads again. Config comes from the
   json_script element "report-map-config" (no inline script). */
(function () {
  "use strict";
  var element = document.getElementById("report-map");
  var statusLine = document.getElementById("map-status");
  var configElement = document.getElementById("report-map-config");
  if (!element || !configElement || !window.L) { return; }
  var config = JSON.parse(configElement.textContent);

  var map = L.map(element, { maxZoom: 19 }).setView(config.centre, config.zoom);
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

  // Areas from the server: one focusable marker each, named with its count; Enter, Space or
  // a click zooms to the area's reports (a new request follows the move).
  function areaMarker(area) {
    var count = area[2];
    var size = count < 100 ? 44 : count < 1000 ? 48 : 56;
    var number = textNode(String(count));
    number.setAttribute("aria-hidden", "true");
    var marker = L.marker([area[0], area[1]], {
      keyboard: true,
      icon: new NamedIcon({
        html: number,
        className: "marker-cluster-custom map-area",
        iconSize: L.point(size, size),
        label: label(element.dataset.area, { n: String(count) }),
      }),
    });
    function open() {
      var bounds = L.latLngBounds([area[3], area[4]], [area[5], area[6]]);
      focusAfterLoad = true;
      say(label(element.dataset.opened, { n: String(count) }));
      if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
        map.setView(bounds.getCenter(), Math.min(map.getZoom() + 3, map.getMaxZoom()));
      } else {
        map.fitBounds(bounds, { padding: [24, 24], maxZoom: Math.min(map.getZoom() + 4, map.getMaxZoom()) });
      }
    }
    marker.on("click", open);
    marker.on("keypress", function (event) {
      var key = event.originalEvent.key;
      if (key !== "Enter" && key !== " ") { return; }
      event.originalEvent.preventDefault();
      open();
    });
    return marker;
  }

  var layer = null;
  var complete = false;      // every report of the filter is on the map: moving loads nothing
  var focusAfterLoad = false;
  var sequence = 0;
  var pending = null;        // timer of the request for a moved map
  var inFlight = 0;

  function pointsLayer(points) {
    var cluster = L.markerClusterGroup({ chunkedLoading: true, iconCreateFunction: clusterIcon });
    cluster.on("clusterkeypress", function (event) { openCluster(event, cluster); });
    cluster.on("keypress", function (event) {
      if (event.originalEvent.key !== " ") { return; }
      event.originalEvent.preventDefault();
      event.layer.openPopup();
    });
    cluster.addLayers(points.map(markerFor));
    return cluster;
  }

  function show(data, whole) {
    if (layer) { map.removeLayer(layer); }
    var areas = data.areas || [];
    layer = areas.length ? L.featureGroup(areas.map(areaMarker)) : pointsLayer(data.points);
    map.addLayer(layer);
    if (whole) {
      complete = !areas.length;
      // Without animation the move (and the request for the new view) starts right here.
      if (layer.getLayers().length) { map.fitBounds(layer.getBounds(), { maxZoom: 17, animate: false }); }
    }
    if (areas.length) {
      var total = areas.reduce(function (sum, area) { return sum + area[2]; }, 0);
      say(label(element.dataset.areas, { n: String(total), c: String(areas.length) }));
    } else {
      say(label(element.dataset.count, { n: String(data.points.length) }));
    }
    element.dataset.loaded = String(data.points.length);
    element.dataset.areasShown = String(areas.length);
    if (focusAfterLoad && pending === null) {
      focusAfterLoad = false;
      window.setTimeout(focusFirstMarker, 0);
    }
    settle();
  }

  // data-state "ready" once no request is waiting or under way (browser tests wait for it).
  function settle() {
    element.dataset.state = pending === null && inFlight === 0 ? "ready" : "loading";
  }

  function load(whole) {
    var params = new URLSearchParams({ zoom: String(map.getZoom()) });
    if (!whole) { params.set("bbox", map.getBounds().pad(0.1).toBBoxString()); }
    var separator = config.dataUrl.indexOf("?") === -1 ? "?" : "&";
    var mine = ++sequence;
    inFlight += 1;
    settle();
    fetch(config.dataUrl + separator + params.toString(), {
      credentials: "same-origin", headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (data) {
        inFlight -= 1;
        if (mine === sequence) { show(data, whole); } else { settle(); }
      })
      .catch(function (error) {
        inFlight -= 1;
        settle();
        say(element.dataset.failed);
        console.error(error);
      });
  }

  // After the first answer, a move loads the visible part again, unless everything is shown.
  map.on("moveend", function () {
    if (complete || !layer) { return; }
    window.clearTimeout(pending);
    pending = window.setTimeout(function () { pending = null; load(false); }, 250);
    settle();
  });

  load(true);
})();
