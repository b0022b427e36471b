/* Contact form: every submission goes through the offline outbox (js/outbox.js), so a
 * conversation is stored even without network. Without IndexedDB the form posts normally. */
(function () {
  "use strict";
  var form = document.getElementById("contact-form");
  if (!form || !window.Outbox || !window.indexedDB || !window.FormErrors) { return; }
  var status = document.getElementById("contact-status");
  var clientId = form.querySelector("input[name=client_id]");

  function fields() {
    var result = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken") { return; }
      if (name in result) {
        result[name] = [].concat(result[name], value);
      } else {
        result[name] = name === "topics" || name === "outcomes" ? [value] : value;
      }
    });
    return result;
  }

  // The same rules as the server form, so the helper hears the problem before anything is stored.
  function missingFields() {
    return ["place", "age_band", "topics"].filter(function (name) {
      return !form.querySelector("input[name=" + name + "]:checked");
    }).map(function (name) {
      return { name: name, message: form.getAttribute("data-" + name + "-missing") };
    });
  }

  function valid() {
    var errors = missingFields();
    if (errors.length) { window.FormErrors.show(form, errors); return false; }
    window.FormErrors.clear(form);
    return true;
  }

  function resetForm() {
    var quarter = form.querySelector("[name=quarter]").value;
    form.reset();
    form.querySelector("[name=quarter]").value = quarter;
    window.FormErrors.clear(form);
    clientId.value = window.Outbox.uuid();
  }

  // The confirmation is announced and takes focus, so it is in view and keyboard users start over
  // from it (WCAG 2.4.3, 4.1.3).
  function confirm(text) {
    status.textContent = text;
    status.hidden = false;
    status.focus();
    status.scrollIntoView({ block: "start" });
  }

  clientId.value = clientId.value || window.Outbox.uuid();
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!valid()) { return; }
    window.Outbox.add({ url: form.action, fields: fields(), kind: "contact", label: form.getAttribute("data-label") })
      .then(function () {
        resetForm();
        confirm(navigator.onLine === false ? status.getAttribute("data-queued") : status.getAttribute("data-saved"));
      });
  });
})();
