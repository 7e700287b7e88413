// Live updates in signed-in pages (NOTIF-1): the unread count and the emergency-alert banners
// change without reloading, from the server's event stream at /events. Without JavaScript or
// EventSource the page simply shows what it had when it was loaded.
(function () {
  "use strict";
  if (!window.EventSource) return;
  var events = new EventSource("/events");
  events.addEventListener("unread", function (e) {
    var badge = document.querySelector("[data-live-unread]");
    if (!badge) return;
    var n = parseInt(e.data, 10) || 0;
    badge.querySelector("[data-count]").textContent = String(n);
    badge.hidden = n === 0;
  });
  events.addEventListener("banners", function (e) {
    var section = document.querySelector("[data-live-banners]");
    if (!section) return;
    // Server-rendered, escaped HTML of the frame's own banner template.
    section.innerHTML = e.data;
    section.hidden = e.data.trim() === "";
  });
})();
