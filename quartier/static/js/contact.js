/* Contact form: every submission goes through the offline outbox (js/outbox.js), so a
 * conversation is stored even without network. Without IndexedDB the form posts normally. */
(function () {
  "use strict";
  var form = document.getElementById("contact-form");
  if (!form || !window.Outbox || !window.indexedDB) { return; }
  var status = document.getElementById("contact-status");
  var missing = document.getElementById("topics-missing");
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

  function firstMissingRadio() {
    var names = ["place", "age_band"];
    for (var i = 0; i < names.length; i++) {
      if (!form.querySelector("input[name=" + names[i] + "]:checked")) {
        return form.querySelector("input[name=" + names[i] + "]");
      }
    }
    return null;
  }

  function valid() {
    var radio = firstMissingRadio();
    if (radio) { radio.focus(); radio.closest("fieldset").classList.add("field-error"); return false; }
    if (!form.querySelector("input[name=topics]:checked")) {
      missing.textContent = form.getAttribute("data-topic-missing");
      missing.hidden = false;
      document.getElementById("topics-group").querySelector("input").focus();
      return false;
    }
    missing.hidden = true;
    return true;
  }

  function resetForm() {
    var quarter = form.querySelector("select[name=quarter]").value;
    form.reset();
    form.querySelector("select[name=quarter]").value = quarter;
    form.querySelectorAll(".field-error").forEach(function (el) { el.classList.remove("field-error"); });
    clientId.value = window.Outbox.uuid();
    window.scrollTo(0, 0);
  }

  clientId.value = clientId.value || window.Outbox.uuid();
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!valid()) { return; }
    window.Outbox.add({ url: form.action, fields: fields(), kind: "contact", label: form.getAttribute("data-label") })
      .then(function () {
        status.textContent = navigator.onLine === false ? status.getAttribute("data-queued") : status.getAttribute("data-saved");
        status.hidden = false;
        resetForm();
      });
  });
})();
