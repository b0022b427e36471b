// Address suggestions for text fields with data-address-suggest="<url>" (ARIA 1.2 combobox
// with a listbox popup). Debounced, one request at a time (older ones are aborted), answers
// cached for the page's life: usable on a slow phone connection. Without JavaScript the field
// is a plain text field and the server resolves what was typed.
(function () {
  "use strict";

  var DELAY_MS = 300;
  var MIN_CHARACTERS = 3;

  function setup(input, index) {
    var url = input.getAttribute("data-address-suggest");
    var listId = "address-suggestions-" + index;
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var cache = {};
    var timer = null;
    var pending = null;
    var options = [];
    var active = -1;

    list.id = listId;
    list.className = "address-suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("data-suggest-label") || "Vorschläge");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.parentNode.appendChild(list);
    input.parentNode.appendChild(status);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(position) {
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === position ? "true" : "false");
      });
      active = position;
      if (position >= 0) {
        input.setAttribute("aria-activedescendant", options[position].id);
        options[position].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(position) {
      if (position < 0 || position >= options.length) return;
      input.value = options[position].textContent;
      close();
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function show(results) {
      while (list.firstChild) list.removeChild(list.firstChild);
      options = results.map(function (result, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = result.label;
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the field
        });
        option.addEventListener("click", function () { choose(i); });
        list.appendChild(option);
        return option;
      });
      active = -1;
      list.hidden = options.length === 0;
      input.setAttribute("aria-expanded", options.length ? "true" : "false");
      status.textContent = options.length
        ? options.length + (options.length === 1 ? " Vorschlag" : " Vorschläge") + ", mit Pfeiltasten wählen."
        : "";
    }

    function fetchSuggestions(query) {
      if (cache[query]) { show(cache[query]); return; }
      if (pending) pending.abort();
      pending = typeof AbortController === "function" ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(query), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        signal: pending ? pending.signal : undefined,
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          cache[query] = data.results || [];
          if (input.value.trim() === query) show(cache[query]);
        })
        .catch(function () { /* offline or aborted: the field still works as plain text */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var query = input.value.trim();
      if (query.length < MIN_CHARACTERS) { close(); return; }
      timer = setTimeout(function () { fetchSuggestions(query); }, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && options.length) {
        event.preventDefault();
        if (list.hidden) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        highlight(Math.min(active + 1, options.length - 1));
      } else if (event.key === "ArrowUp" && options.length) {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape" && !list.hidden) {
        event.preventDefault();
        close();
      }
    });

    input.addEventListener("blur", close);
  }

  function init() {
    var fields = document.querySelectorAll("input[data-address-suggest]");
    Array.prototype.forEach.call(fields, setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
