/* Errors next to the fields and a summary at the top of the form (WCAG 3.3.1, 4.1.3).
 * Server side: templates/core/_form_errors.html renders the summary; this script moves focus to it
 * when the page loads. Client side: FormErrors.show(form, [{name, message}]) writes each message
 * next to its field, marks the inputs invalid, lists the messages in a summary with links and
 * moves focus to the summary; FormErrors.clear(form) removes all of it. */
(function () {
  "use strict";

  function containerOf(form, name) {
    var input = form.querySelector("[name='" + name + "']");
    if (!input) { return null; }
    return input.closest(".field") || input.closest("fieldset") || input.parentElement;
  }

  function errorId(form, name) { return (form.id || "form") + "-" + name + "-error"; }

  function describe(input, id, add) {
    var ids = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (x) {
      return x && x !== id;
    });
    if (add) { ids.push(id); }
    if (ids.length) { input.setAttribute("aria-describedby", ids.join(" ")); } else { input.removeAttribute("aria-describedby"); }
    if (add) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
  }

  function markField(form, error) {
    var box = containerOf(form, error.name);
    if (!box) { return null; }
    var id = errorId(form, error.name);
    var note = document.getElementById(id);
    if (!note) {
      note = document.createElement("p");
      note.className = "error";
      note.id = id;
      note.setAttribute("data-client-error", "");
      var legend = box.querySelector("legend");
      var label = box.querySelector("label");
      var anchor = legend || label;
      if (anchor && anchor.parentNode === box) { anchor.after(note); } else { box.prepend(note); }
    }
    note.textContent = error.message;
    note.hidden = false;
    box.classList.add("field-error");
    form.querySelectorAll("[name='" + error.name + "']").forEach(function (input) { describe(input, id, true); });
    return form.querySelector("[name='" + error.name + "']");
  }

  function summary(form) {
    var box = form.querySelector("[data-error-summary]");
    if (box) { return box; }
    box = document.createElement("div");
    box.className = "error-summary";
    box.tabIndex = -1;
    box.setAttribute("data-error-summary", "");
    box.id = (form.id || "form") + "-errors";
    var heading = document.createElement("h2");
    heading.className = "error-summary-title";
    heading.id = box.id + "-title";
    heading.textContent = form.getAttribute("data-error-title") || document.documentElement.getAttribute("data-error-title") || "";
    box.setAttribute("aria-labelledby", heading.id);
    box.appendChild(heading);
    box.appendChild(document.createElement("ul"));
    form.prepend(box);
    return box;
  }

  function show(form, errors) {
    clear(form);
    var box = summary(form);
    var list = box.querySelector("ul");
    errors.forEach(function (error) {
      var input = markField(form, error);
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.textContent = error.message;
      link.href = "#" + (input && input.id ? input.id : "");
      link.addEventListener("click", function (event) {
        if (!input) { return; }
        event.preventDefault();
        input.focus();
        input.scrollIntoView({ block: "center" });
      });
      li.appendChild(link);
      list.appendChild(li);
    });
    box.hidden = false;
    box.focus();
    box.scrollIntoView({ block: "start" });
  }

  function clear(form) {
    form.querySelectorAll("[data-client-error]").forEach(function (note) { note.remove(); });
    form.querySelectorAll("[aria-invalid]").forEach(function (input) {
      describe(input, errorId(form, input.name), false);
    });
    form.querySelectorAll(".field-error").forEach(function (box) { box.classList.remove("field-error"); });
    var box = form.querySelector("[data-error-summary]");
    if (box) { box.remove(); }
  }

  window.FormErrors = { show: show, clear: clear };

  // A summary rendered by the server takes focus, so the person hears what went wrong first.
  var rendered = document.querySelector("[data-error-summary]");
  if (rendered) { rendered.focus(); rendered.scrollIntoView({ block: "start" }); }
})();
