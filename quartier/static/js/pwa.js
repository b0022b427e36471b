/* Registers the service worker (scope "/") so the offline pages open without network. */
(function () {
  "use strict";
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
      /* no offline support in this browser session; the page still works online */
    });
  }
})();
