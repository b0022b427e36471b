/* A table box that scrolls sideways (narrow screens, zoom) becomes a named, focusable region, so
 * keyboard users can scroll it with the arrow keys (WCAG 2.1.1); boxes that fit stay out of the
 * tab order. */
(function () {
  "use strict";
  var label = document.documentElement.getAttribute("data-scroll-label") || "";

  function update() {
    document.querySelectorAll(".table-scroll").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        var caption = box.querySelector("caption");
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : label);
      } else if (!scrolls && box.hasAttribute("tabindex")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  update();
  window.addEventListener("resize", update);
})();
