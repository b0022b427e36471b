/* Capture page ("Melden"): photos, category tiles, GPS with accuracy, optional map pin,
 * "already reported nearby?" hint, and sending through the offline outbox (outbox.js).
 * Without this script the page is a plain form that posts to the server. */
(function () {
  "use strict";

  var form = document.getElementById("capture-form");
  if (!form) { return; }
  document.documentElement.classList.add("js");

  var MAX_PHOTOS = 5;
  var text = function (name) { return form.getAttribute("data-text-" + name) || ""; };
  var field = function (name) { return form.elements.namedItem(name); };
  var result = document.getElementById("capture-result");
  var gpsStatus = document.getElementById("gps-status");
  var previews = document.getElementById("photo-previews");
  var duplicates = document.getElementById("duplicates");
  var duplicatesList = document.getElementById("duplicates-list");
  var photos = [];
  var position = null; // {lat, lon, accuracy, manual}
  var watchId = null;
  var map = null;
  var marker = null;

  function say(message, kind) {
    result.className = "capture-result" + (kind ? " " + kind : "");
    result.textContent = message;
  }

  // --- photos -------------------------------------------------------------------------------
  function renderPreviews() {
    previews.textContent = "";
    photos.forEach(function (file, index) {
      var li = document.createElement("li");
      var img = document.createElement("img");
      img.alt = file.name;
      img.src = URL.createObjectURL(file);
      img.onload = function () { URL.revokeObjectURL(img.src); };
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "button button-small";
      remove.textContent = text("photo-remove");
      remove.setAttribute("aria-label", text("photo-remove") + " " + (index + 1));
      remove.addEventListener("click", function () { photos.splice(index, 1); renderPreviews(); });
      li.appendChild(img);
      li.appendChild(remove);
      previews.appendChild(li);
    });
  }

  form.querySelectorAll("input[type=file]").forEach(function (input) {
    input.addEventListener("change", function () {
      Array.prototype.forEach.call(input.files, function (file) {
        if (photos.length < MAX_PHOTOS) { photos.push(file); }
      });
      input.value = "";
      renderPreviews();
    });
  });

  // --- categories ---------------------------------------------------------------------------
  function selectedCategory() {
    return form.querySelector("input[name=category]:checked");
  }

  function showCategory() {
    var chosen = selectedCategory();
    var group = chosen ? chosen.getAttribute("data-group") : null;
    form.querySelectorAll(".subcategories").forEach(function (set) {
      set.classList.toggle("open", set.getAttribute("data-parent") === group);
    });
    form.querySelectorAll(".category-tile").forEach(function (label) {
      var radio = document.getElementById(label.getAttribute("for"));
      label.classList.toggle("group-active", !!group && radio !== chosen && radio.value === group);
    });
    form.querySelectorAll(".attribute-field").forEach(function (box) {
      box.classList.toggle("open", !!chosen && box.getAttribute("data-category") === chosen.value);
    });
    checkNearby();
  }
  form.querySelectorAll("input[name=category]").forEach(function (radio) {
    radio.addEventListener("change", showCategory);
  });

  // --- location -----------------------------------------------------------------------------
  function setPosition(lat, lon, accuracy, manual) {
    position = { lat: lat, lon: lon, accuracy: accuracy, manual: manual };
    field("latitude").value = lat.toFixed(6);
    field("longitude").value = lon.toFixed(6);
    field("accuracy").value = accuracy === null ? "" : Math.round(accuracy);
    gpsStatus.className = "gps-status ok";
    gpsStatus.textContent = manual ? text("pin") : text("gps-ok").replace("{m}", Math.round(accuracy));
    if (marker && !manual) { marker.setLatLng([lat, lon]); }
    checkNearby();
  }

  function startGps() {
    if (!navigator.geolocation) {
      gpsStatus.className = "gps-status bad";
      gpsStatus.textContent = text("gps-off");
      return;
    }
    if (watchId !== null) { navigator.geolocation.clearWatch(watchId); }
    gpsStatus.className = "gps-status";
    gpsStatus.textContent = text("gps-wait");
    watchId = navigator.geolocation.watchPosition(function (p) {
      if (position && position.manual) { return; }
      if (!position || p.coords.accuracy <= position.accuracy + 5) {
        setPosition(p.coords.latitude, p.coords.longitude, p.coords.accuracy, false);
      }
      if (p.coords.accuracy <= 10) { navigator.geolocation.clearWatch(watchId); watchId = null; }
    }, function () {
      if (!position) {
        gpsStatus.className = "gps-status bad";
        gpsStatus.textContent = text("gps-off");
      }
    }, { enableHighAccuracy: true, maximumAge: 15000, timeout: 30000 });
  }

  var retry = document.getElementById("gps-retry");
  retry.hidden = false;
  retry.addEventListener("click", function () { position = null; startGps(); });

  function loadLeaflet() {
    if (window.L) { return Promise.resolve(); }
    return new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = form.getAttribute("data-leaflet-css");
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = form.getAttribute("data-leaflet-js");
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  var mapButton = document.getElementById("map-open");
  var mapBox = document.getElementById("map");
  mapButton.hidden = false;
  mapButton.addEventListener("click", function () {
    var open = mapBox.hidden;
    mapBox.hidden = !open;
    mapButton.setAttribute("aria-expanded", String(open));
    if (!open || map) { if (map) { map.invalidateSize(); } return; }
    loadLeaflet().then(function () {
      var start = position ? [position.lat, position.lon] : [51.3331, 6.5623];
      map = L.map(mapBox).setView(start, 18);
      var tiles = form.getAttribute("data-tile-url");
      if (tiles) {
        L.tileLayer(tiles, { maxZoom: 19, attribution: form.getAttribute("data-attribution") }).addTo(map);
      }
      marker = L.marker(start, { draggable: true, keyboard: true }).addTo(map);
      var moved = function (latlng) { setPosition(latlng.lat, latlng.lng, null, true); };
      marker.on("dragend", function () { moved(marker.getLatLng()); });
      map.on("click", function (event) { marker.setLatLng(event.latlng); moved(event.latlng); });
    }).catch(function () { mapBox.hidden = true; });
  });

  // --- already reported nearby? ------------------------------------------------------------
  var nearbyTimer = null;
  function checkNearby() {
    clearTimeout(nearbyTimer);
    nearbyTimer = setTimeout(loadNearby, 300);
  }

  function loadNearby() {
    var chosen = selectedCategory();
    if (!chosen || !position || navigator.onLine === false) { renderNearby([]); return; }
    var url = form.getAttribute("data-nearby") + "?category=" + encodeURIComponent(chosen.value) +
      "&lat=" + position.lat + "&lon=" + position.lon;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { reports: [] }; })
      .then(function (body) { renderNearby(body.reports || []); })
      .catch(function () { renderNearby([]); });
  }

  function nearbyItem(report) {
    var li = document.createElement("li");
    if (report.thumbnail) {
      var img = document.createElement("img");
      img.src = report.thumbnail;
      img.alt = text("photo-alt") + " #" + report.id;
      li.appendChild(img);
    }
    var info = document.createElement("span");
    info.textContent = "#" + report.id + " " + report.category + " · " +
      text("distance").replace("{m}", report.distance_m) + " · " + report.created + " · " +
      report.status + (report.address ? " · " + report.address : "");
    var same = document.createElement("button");
    same.type = "button";
    same.className = "button button-primary";
    same.textContent = text("same");
    same.setAttribute("data-report", report.id);
    same.addEventListener("click", function () {
      field("same_as").value = report.id;
      send(null);
    });
    li.appendChild(info);
    li.appendChild(same);
    return li;
  }

  function renderNearby(reports) {
    duplicatesList.textContent = "";
    reports.forEach(function (report) { duplicatesList.appendChild(nearbyItem(report)); });
    duplicates.hidden = reports.length === 0;
  }

  // --- sending through the outbox -------------------------------------------------------------
  function collectFields(submitter) {
    var data = new FormData(form);
    data.delete("photos");
    data.delete("csrfmiddlewaretoken");
    var fields = {};
    data.forEach(function (value, name) {
      if (name in fields) {
        fields[name] = [].concat(fields[name], value);
      } else {
        fields[name] = value;
      }
    });
    if (submitter && submitter.name) { fields[submitter.name] = submitter.value; }
    return fields;
  }

  function invalid() {
    if (!field("same_as").value && !selectedCategory()) {
      say(text("no-category"), "bad");
      document.getElementById("categories").scrollIntoView();
      form.querySelector("input[name=category]").focus();
      return true;
    }
    if (!position && !field("address").value.trim()) {
      say(text("no-location"), "bad");
      field("address").focus();
      return true;
    }
    return false;
  }

  function resetForm() {
    form.reset();
    photos = [];
    renderPreviews();
    field("client_id").value = window.Outbox.uuid();
    field("same_as").value = "";
    renderNearby([]);
    if (position) { setPosition(position.lat, position.lon, position.accuracy, position.manual); }
    showCategory();
  }

  function setBusy(busy) {
    form.querySelectorAll("button[type=submit], #duplicates button").forEach(function (b) { b.disabled = busy; });
  }

  function send(submitter) {
    if (invalid()) { field("same_as").value = ""; return; }
    setBusy(true);
    var chosen = selectedCategory();
    var label = chosen ? form.querySelector("label[for='" + chosen.id + "']").textContent.trim() : "#" + field("same_as").value;
    var entry = {
      url: form.getAttribute("data-api"),
      kind: "report",
      label: label,
      fields: collectFields(submitter),
      files: photos.map(function (file) { return { name: "photos", blob: file, filename: file.name }; }),
    };
    window.Outbox.add(entry).then(function () {
      say(navigator.onLine === false ? text("offline") : text("sending"), navigator.onLine === false ? "warn" : "");
      resetForm();
    }).catch(function () {
      return sendDirect(entry); // storage refused (private mode, full disk): send without queue
    }).then(function () { setBusy(false); });
  }

  function sendDirect(entry) {
    var data = new FormData();
    Object.keys(entry.fields).forEach(function (name) {
      [].concat(entry.fields[name]).forEach(function (v) { data.append(name, v); });
    });
    entry.files.forEach(function (f) { data.append(f.name, f.blob, f.filename); });
    var token = (document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/) || [])[1] || "";
    return fetch(entry.url, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-CSRFToken": decodeURIComponent(token), Accept: "application/json" },
    }).then(function (response) { return response.json(); }).then(function (body) {
      say(body.message || "", body.ok ? "" : "bad");
      if (body.ok) { resetForm(); }
    }).catch(function () {
      say(text("failed"), "bad"); // the form keeps everything: the helper can tap again
    });
  }

  if (window.Outbox && window.indexedDB) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      send(event.submitter || null);
    });
    window.Outbox.subscribe(function (event) {
      if (!event.entry || event.entry.kind !== "report") { return; }
      if (event.type === "sent") {
        say(event.response.message || "", "");
      } else if (event.type === "failed") {
        say(event.entry.error || text("refused"), "bad");
      }
    });
  }

  showCategory();
  startGps();
})();
