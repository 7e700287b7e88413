// The platform's service worker, served at /sw.js so that it covers the whole site. It shows
// Web Push messages ({"title", "body", "url"}) and opens their page when one is tapped.
self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener('push', function (event) {
  var d = {};
  if (event.data) {
    try { d = event.data.json(); } catch (e) { d = { title: event.data.text() }; }
  }
  event.waitUntil(self.registration.showNotification(d.title || '', {
    body: d.body || '',
    data: { url: d.url || '/' }
  }));
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var url = (event.notification.data && event.notification.data.url) || '/';
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (open) {
    for (var i = 0; i < open.length; i++) {
      if (new URL(open[i].url).pathname === url && 'focus' in open[i]) return open[i].focus();
    }
    return self.clients.openWindow(url);
  }));
});
