/* German (or the page language's) names for Leaflet's own controls: zoom buttons and the popup's
 * close button; Escape closes a popup and focus moves into it and back to its marker. The texts come from data attributes on <html> (base.html, translated there).
 * Runs on load if Leaflet is there; pages that load Leaflet later call MapLabels.apply(L). */
(function () {
  "use strict";
  var root = document.documentElement;
  var label = function (name) { return root.getAttribute("data-map-" + name) || ""; };

  function apply(L) {
    if (!L || L.__labelled) { return; }
    L.__labelled = true;
    L.Control.Zoom.prototype.options.zoomInTitle = label("zoom-in");
    L.Control.Zoom.prototype.options.zoomOutTitle = label("zoom-out");
    L.Map.addInitHook(function () {
      var map = this;
      // Escape closes an open popup wherever focus is inside the map (Leaflet itself only
      // listens while the map container has focus, not its popup's link).
      map.getContainer().addEventListener("keydown", function (event) {
        if (event.key === "Escape" && map._popup && map.hasLayer(map._popup)) {
          map.closePopup();
        }
      });
      // A popup takes focus on its link; closing it (Escape, close button) returns focus to
      // the marker it belongs to.
      this.on("popupopen", function (event) {
        var element = event.popup.getElement();
        var close = element.querySelector(".leaflet-popup-close-button");
        if (close) { close.setAttribute("aria-label", label("close")); close.title = label("close"); }
        var link = element.querySelector(".leaflet-popup-content a");
        if (link) { link.focus(); }
      });
      this.on("popupclose", function (event) {
        var source = event.popup._source;
        if (source && source._icon && document.body.contains(source._icon)) { source._icon.focus(); }
      });
    });
  }

  window.MapLabels = { apply: apply };
  apply(window.L);
})();
