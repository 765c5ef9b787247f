/* hpreport --watch: reloads the page when a new report has been swapped in.
 * Works from file://, where fetch and XHR are blocked: the report's
 * data/live.js, a one-line script calling hpLive("GENERATION"), is loaded
 * again every few seconds as a new <script> element (a query string keeps
 * any cache out), and a generation other than the page's own reloads it.
 * A missing live.js (the watch stopped, the directory is being replaced)
 * changes nothing. */
(function () {
  "use strict";
  var me = document.getElementById("hp-live");
  var gen = me.getAttribute("data-gen"), src = me.getAttribute("data-src");
  var ms = Math.max(500, parseInt(me.getAttribute("data-ms"), 10) || 2000);
  var reloading = false;
  window.hpLive = function (g) {
    if (g !== gen && !reloading) {
      reloading = true;
      location.reload();
    }
  };
  setInterval(function () {
    var s = document.createElement("script");
    s.src = src + "?t=" + Date.now();
    s.onload = s.onerror = function () { s.remove(); };
    document.head.appendChild(s);
  }, ms);
})();
