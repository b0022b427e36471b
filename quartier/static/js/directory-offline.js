/* Wegweiser without network: the page is the copy last loaded (service worker); a search then
 * filters the entries on the page instead of asking the server. Words match the start of words,
 * case and umlauts ignored ("einsam" finds "Einsamkeit"). */
(function () {
  "use strict";
  var form = document.querySelector(".directory-search");
  var note = document.getElementById("offline-note");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".entry-card[data-search-text]"));
  if (!form || !note || !cards.length) { return; }
  var input = form.querySelector("input[name='q']");

  function normal(text) {
    return (text || "").toLowerCase()
      .replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss");
  }

  function matches(card, words) {
    var text = " " + normal(card.getAttribute("data-search-text")).replace(/[^a-z0-9]+/g, " ");
    return words.every(function (word) { return text.indexOf(" " + word) !== -1; });
  }

  form.addEventListener("submit", function (event) {
    if (navigator.onLine !== false || !input) { return; }
    event.preventDefault();
    var words = normal(input.value).split(/[^a-z0-9]+/).filter(Boolean);
    var shown = 0;
    cards.forEach(function (card) {
      var visible = !words.length || matches(card, words);
      card.hidden = !visible;
      if (visible) { shown += 1; }
    });
    var text = shown ? note.getAttribute("data-text-found").replace("{n}", shown) : note.getAttribute("data-text-none");
    note.textContent = text;
    note.hidden = false;
    note.setAttribute("tabindex", "-1");
    note.focus();
  });
})();
