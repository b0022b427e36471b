/*
 * Outbox: an offline queue of form submissions, kept in IndexedDB on the phone.
 *
 * Load with <script src="{% static 'js/outbox.js' %}" defer></script>; it defines window.Outbox.
 *
 *   Outbox.add({url, fields, files, kind, label})  -> Promise<entry>
 *       Queue one submission and try to send it at once.
 *       url:    where to POST (multipart/form-data, fetch with the session cookie).
 *       fields: {name: string | string[]}        plain form values.
 *       files:  [{name, blob, filename}]         Blobs/Files, stored in IndexedDB as they are.
 *       kind:   a short word ("report", "contact") so a page can count only its own entries.
 *       label:  a short text shown in the queue list (no personal data).
 *       The entry id is fields.client_id when present (else a new UUID, written into
 *       fields.client_id): the server must treat the same client_id as the same submission.
 *   Outbox.flush()            -> Promise: send every queued entry (one at a time).
 *   Outbox.list(kind?)        -> Promise<entry[]>   entry: {id, url, kind, label, createdAt,
 *                                                          state: "pending"|"error", error}
 *   Outbox.count(kind?)       -> Promise<number>
 *   Outbox.remove(id)         -> Promise: the person deletes an entry on purpose.
 *   Outbox.subscribe(fn)      fn(event) after every change; event.type is "change", "sent"
 *                             (event.entry, event.response = parsed JSON) or "failed".
 *   Outbox.uuid()             a random UUID for client ids.
 *
 * Sending rules: an entry leaves the outbox ONLY when the server answers 2xx with a JSON body
 * whose "ok" is true, or when the person removes it. Network errors and 5xx keep it pending
 * (retried on the "online" event, on page load and every 30 s while the page is open); 4xx
 * answers keep it with state "error" and the server's "message" (retried on the next flush,
 * e.g. after logging in again). CSRF: the csrftoken cookie is read when sending.
 *
 * When an entry that had to wait (queued offline, or a first try failed) is sent at last, the
 * live region <div id="outbox-sent" role="status" data-text="… {label}" data-close="OK"> of
 * base.html shows a banner with the entry's label and the phone vibrates where it can.
 *
 * Markup helpers (optional, all texts come from the page so they are translated):
 *   <p data-outbox-count data-outbox-kind="report"
 *      data-outbox-one="1 Meldung wartet auf Netz" data-outbox-many="{n} Meldungen warten auf Netz"
 *      aria-live="polite"></p>          hidden when the count is 0.
 *   <ul data-outbox-list data-outbox-kind="report" data-outbox-delete="Löschen"
 *       data-outbox-confirm="Wirklich löschen?"
 *       data-outbox-error="Nicht angenommen …"></ul>   one row per entry with a delete button;
 *       data-outbox-error is shown for a refused entry whose answer had no JSON "message".
 */
(function () {
  "use strict";

  var DB_NAME = "quartier-outbox";
  var STORE = "entries";
  var RETRY_MS = 30000;
  var listeners = [];
  var flushing = null;

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "id" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function withStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(result && "result" in result ? result.result : result); };
        tx.onerror = function () { db.close(); reject(tx.error); };
        tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function emit(event) {
    listeners.forEach(function (fn) {
      try { fn(event); } catch (e) { /* a broken listener must not stop sending */ }
    });
    if (event.type === "sent") { announceLateSend(event.entry); }
    refreshWidgets();
  }

  // Something that waited for the network has gone out: say so where the eyes are (a banner
  // at the top of the screen, in the live region base.html keeps ready so screen readers read
  // it out) and let the phone buzz briefly where it can. An entry "waited" when a first try
  // found no network (or it was queued offline); one sent at once needs no banner.
  function announceLateSend(entry) {
    if (!entry || !entry.waited) { return; }
    var region = document.getElementById("outbox-sent");
    var template = region && region.getAttribute("data-text");
    if (!template) { return; }
    var banner = region.querySelector(".outbox-sent-banner");
    if (!banner) {
      banner = document.createElement("p");
      banner.className = "outbox-sent-banner";
      var text = document.createElement("span");
      text.className = "outbox-sent-text";
      var close = document.createElement("button");
      close.type = "button";
      close.className = "button button-small";
      close.textContent = region.getAttribute("data-close") || "OK";
      close.addEventListener("click", function () { region.textContent = ""; });
      banner.append(text, close);
      region.appendChild(banner);
    }
    var line = template.replace("{label}", entry.label || "");
    var current = banner.querySelector(".outbox-sent-text");
    current.textContent = current.textContent ? current.textContent + " · " + line : line;
    if (navigator.vibrate) { try { navigator.vibrate(200); } catch (e) { /* not allowed */ } }
  }

  // The first attempt failed (no network although the phone claims to have one, a server
  // error): the entry waits, and a page that said "sending" can say so.
  function markWaited(entry) {
    if (entry.waited) { return Promise.resolve(null); }
    entry.waited = true;
    return put(entry).catch(function () { return null; }).then(function () {
      emit({ type: "waiting", entry: entry });
    });
  }

  function put(entry) { return withStore("readwrite", function (s) { s.put(entry); }); }

  function all() {
    return withStore("readonly", function (s) { return s.getAll(); }).then(function (entries) {
      return (entries || []).sort(function (a, b) { return a.createdAt - b.createdAt; });
    });
  }

  function list(kind) {
    return all().then(function (entries) {
      return entries.filter(function (e) { return !kind || e.kind === kind; });
    });
  }

  function count(kind) { return list(kind).then(function (entries) { return entries.length; }); }

  function remove(id) {
    return withStore("readwrite", function (s) { s.delete(id); }).then(function () {
      emit({ type: "change" });
    });
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function formData(entry) {
    var data = new FormData();
    Object.keys(entry.fields).forEach(function (name) {
      var value = entry.fields[name];
      (Array.isArray(value) ? value : [value]).forEach(function (v) {
        if (v !== null && v !== undefined) { data.append(name, v); }
      });
    });
    entry.files.forEach(function (f) { data.append(f.name, f.blob, f.filename || "foto.jpg"); });
    return data;
  }

  function parseJson(response) {
    var type = response.headers.get("content-type") || "";
    if (type.indexOf("application/json") === -1) { return Promise.resolve(null); }
    return response.json().catch(function () { return null; });
  }

  function sendOne(entry) {
    return fetch(entry.url, {
      method: "POST",
      body: formData(entry),
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
    }).then(function (response) {
      return parseJson(response).then(function (body) {
        if (response.ok && body && body.ok === true) {
          return withStore("readwrite", function (s) { s.delete(entry.id); }).then(function () {
            emit({ type: "sent", entry: entry, response: body });
          });
        }
        if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
          entry.state = "error";
          entry.waited = true;
          entry.error = (body && body.message) || "";
          entry.httpStatus = response.status;
          entry.errors = (body && body.errors) || {};
          return put(entry).then(function () { emit({ type: "failed", entry: entry, response: body }); });
        }
        // 5xx, a login page instead of JSON, ...: keep it pending and try again later.
        return markWaited(entry);
      });
    }, function () { return markWaited(entry); /* offline or the network dropped: retry later */ })
      .catch(function () { return null; });
  }

  function flush() {
    if (flushing) { return flushing; }
    flushing = all().then(function (entries) {
      return entries.reduce(function (chain, entry) {
        return chain.then(function () { return sendOne(entry); });
      }, Promise.resolve());
    }).catch(function () { return null; }).then(function () {
      flushing = null;
      refreshWidgets();
    });
    return flushing;
  }

  function add(options) {
    var fields = Object.assign({}, options.fields || {});
    var id = fields.client_id || uuid();
    fields.client_id = id;
    var entry = {
      id: id,
      url: options.url,
      kind: options.kind || "",
      label: options.label || "",
      fields: fields,
      files: options.files || [],
      createdAt: Date.now(),
      state: "pending",
      error: "",
      waited: navigator.onLine === false,
    };
    return put(entry).then(function () {
      emit({ type: "change" });
      flush();
      return entry;
    });
  }

  function subscribe(fn) { listeners.push(fn); }

  function refreshCount(element) {
    count(element.getAttribute("data-outbox-kind") || "").then(function (n) {
      var text = n === 1 ? element.getAttribute("data-outbox-one") : (element.getAttribute("data-outbox-many") || "").replace("{n}", n);
      element.textContent = n ? text : "";
      element.hidden = n === 0;
    });
  }

  function entryRow(entry, element) {
    var li = document.createElement("li");
    li.className = "outbox-entry outbox-" + entry.state;
    var text = document.createElement("span");
    var error = entry.state === "error" ? (entry.error || element.getAttribute("data-outbox-error") || "HTTP " + entry.httpStatus) : "";
    text.textContent = entry.label + " · " + new Date(entry.createdAt).toLocaleString() + (error ? " – " + error : "");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-small button-danger";
    button.textContent = element.getAttribute("data-outbox-delete") || "Löschen";
    button.addEventListener("click", function () {
      var question = element.getAttribute("data-outbox-confirm");
      if (!question || window.confirm(question)) { remove(entry.id); }
    });
    li.appendChild(text);
    li.appendChild(button);
    return li;
  }

  function refreshList(element) {
    list(element.getAttribute("data-outbox-kind") || "").then(function (entries) {
      element.textContent = "";
      entries.forEach(function (entry) { element.appendChild(entryRow(entry, element)); });
      element.hidden = entries.length === 0;
    });
  }

  function refreshWidgets() {
    if (!window.indexedDB) { return; }
    document.querySelectorAll("[data-outbox-count]").forEach(refreshCount);
    document.querySelectorAll("[data-outbox-list]").forEach(refreshList);
  }

  window.Outbox = { add: add, flush: flush, list: list, count: count, remove: remove, subscribe: subscribe, uuid: uuid };

  if (!window.indexedDB) { return; }
  window.addEventListener("online", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { flush(); }
  });
  setInterval(function () { if (navigator.onLine !== false) { flush(); } }, RETRY_MS);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { refreshWidgets(); flush(); });
  } else {
    refreshWidgets();
    flush();
  }
})();
