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
  var preparing = [];
  var photoSlots = 0;
  var position = null; // {lat, lon, accuracy, manual}
  var watchId = null;
  var map = null;
  var marker = null;

  function say(message, kind) {
    result.className = "capture-result" + (kind ? " " + kind : "");
    result.textContent = message;
  }

  // The outcome of sending takes focus and comes into view: the helper sees and hears it, and
  // keyboard users continue from there (WCAG 2.4.3, 4.1.3).
  function tell(message, kind) {
    say(message, kind);
    if (!message) { return; }
    result.focus();
    result.scrollIntoView({ block: "start" });
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
      remove.addEventListener("click", function () { photos.splice(index, 1); photoSlots -= 1; renderPreviews(); });
      li.appendChild(img);
      li.appendChild(remove);
      previews.appendChild(li);
    });
  }

  function addPhoto(file) {
    if (photoSlots >= MAX_PHOTOS) { return; }
    photoSlots += 1;
    if (!window.PhotoPrep) { photos.push(file); renderPreviews(); return; }
    preparing.push(Promise.all([PhotoPrep.readGps(file), PhotoPrep.shrink(file)]).then(function (done) {
      photos.push(done[1]);
      renderPreviews();
      offerPhotoPlace(done[0]);
    }));
  }

  form.querySelectorAll("input[type=file]").forEach(function (input) {
    input.addEventListener("change", function () {
      Array.prototype.forEach.call(input.files, addPhoto);
      input.value = "";
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
  // source: "gps", "pin" (moved on the map) or "photo" (taken from the photo's EXIF)
  function setPosition(lat, lon, accuracy, source) {
    var manual = source !== "gps";
    position = { lat: lat, lon: lon, accuracy: accuracy, manual: manual, source: source };
    field("latitude").value = lat.toFixed(6);
    field("longitude").value = lon.toFixed(6);
    field("accuracy").value = accuracy === null ? "" : Math.round(accuracy);
    gpsStatus.className = "gps-status ok";
    gpsStatus.textContent = manual ? text(source) : text("gps-ok").replace("{m}", Math.round(accuracy));
    photoPlace.hidden = true;
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
        setPosition(p.coords.latitude, p.coords.longitude, p.coords.accuracy, "gps");
      }
      if (p.coords.accuracy <= 10) { navigator.geolocation.clearWatch(watchId); watchId = null; }
    }, function () {
      if (!position) {
        gpsStatus.className = "gps-status bad";
        gpsStatus.textContent = text("gps-off");
      }
    }, { enableHighAccuracy: true, maximumAge: 15000, timeout: 30000 });
  }

  function metres(a, b) {
    var rad = Math.PI / 180;
    var x = (b.lon - a.lon) * rad * Math.cos((a.lat + b.lat) / 2 * rad);
    var y = (b.lat - a.lat) * rad;
    return Math.sqrt(x * x + y * y) * 6371000;
  }

  // The photo's own position: taken when there is none yet, offered when it is far away.
  var photoPlace = document.getElementById("photo-place");
  var photoGps = null;
  function offerPhotoPlace(gps) {
    if (!gps) { return; }
    photoGps = gps;
    if (!position) {
      setPosition(gps.lat, gps.lon, null, "photo");
    } else if (position.source !== "photo" && metres(position, gps) > 50) {
      photoPlace.textContent = text("photo-place-offer").replace("{m}", Math.round(metres(position, gps)));
      photoPlace.hidden = false;
    }
  }
  photoPlace.addEventListener("click", function () {
    if (photoGps) { setPosition(photoGps.lat, photoGps.lon, null, "photo"); }
  });

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
      if (window.MapLabels) { window.MapLabels.apply(window.L); }
      var start = position ? [position.lat, position.lon] : [51.3331, 6.5623];
      map = L.map(mapBox).setView(start, 18);
      var tiles = form.getAttribute("data-tile-url");
      if (tiles) {
        L.tileLayer(tiles, { maxZoom: 19, attribution: form.getAttribute("data-attribution") }).addTo(map);
      }
      marker = L.marker(start, { draggable: true, keyboard: true, alt: text("pin-marker"), title: text("pin-marker") }).addTo(map);
      var moved = function (latlng) { setPosition(latlng.lat, latlng.lng, null, "pin"); };
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
    var errors = [];
    if (!field("same_as").value && !selectedCategory()) {
      errors.push({ name: "category", message: text("no-category") });
    }
    if (!position && !field("address").value.trim()) {
      errors.push({ name: "address", message: text("no-location") });
    }
    if (!window.FormErrors) { return errors.length > 0; }
    if (errors.length) { window.FormErrors.show(form, errors); } else { window.FormErrors.clear(form); }
    return errors.length > 0;
  }

  function resetForm() {
    form.reset();
    photos = [];
    photoSlots = 0;
    photoGps = null;
    renderPreviews();
    field("client_id").value = window.Outbox.uuid();
    field("same_as").value = "";
    renderNearby([]);
    if (position) { setPosition(position.lat, position.lon, position.accuracy, position.source); }
    showCategory();
  }

  function setBusy(busy) {
    form.querySelectorAll("button[type=submit], #duplicates button").forEach(function (b) { b.disabled = busy; });
  }

  function send(submitter) {
    setBusy(true);
    var ready = preparing;
    Promise.all(ready).then(function () {
      preparing = preparing.filter(function (job) { return ready.indexOf(job) === -1; });
      if (invalid()) { field("same_as").value = ""; setBusy(false); return null; }
      return queue(submitter);
    });
  }

  var queuedHere = {}; // ids of the reports sent from this page

  function queue(submitter) {
    var chosen = selectedCategory();
    var label = chosen ? form.querySelector("label[for='" + chosen.id + "']").textContent.trim() : "#" + field("same_as").value;
    var entry = {
      url: form.getAttribute("data-api"),
      kind: "report",
      label: label,
      fields: collectFields(submitter),
      files: photos.map(function (file) { return { name: "photos", blob: file, filename: file.name }; }),
    };
    return window.Outbox.add(entry).then(function (added) {
      queuedHere[added.id] = true;
      resetForm();
      tell(navigator.onLine === false ? text("offline") : text("sending"), navigator.onLine === false ? "warn" : "");
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
      if (body.ok) { resetForm(); }
      tell(body.message || "", body.ok ? "" : "bad");
    }).catch(function () {
      tell(text("failed"), "bad"); // the form keeps everything: the helper can tap again
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
        tell(event.response.message || "", "");
      } else if (event.type === "failed") {
        tell(event.entry.error || text("refused"), "bad");
      } else if (event.type === "waiting" && queuedHere[event.entry.id]) {
        tell(text("offline"), "warn");
      }
    });
  }

  showCategory();
  startGps();
})();
