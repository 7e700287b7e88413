// Turns on Web Push for this device from the message settings page: registers the platform's
// service worker, asks the browser for a subscription with the deployment's VAPID key, and
// hands it to the platform. Without JavaScript or push support the page says so; every
// message still reaches "My messages".
(function () {
  var box = document.getElementById('push-setup');
  if (!box) return;
  var status = document.getElementById('push-status');
  var button = document.getElementById('push-enable');
  function say(text) { status.textContent = text; }
  box.hidden = false;
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window) || !box.dataset.key) {
    button.hidden = true;
    say(box.dataset.unsupported);
    return;
  }
  function bytes(b64) {
    var s = (b64 + '===='.slice(b64.length % 4 || 4)).replace(/-/g, '+').replace(/_/g, '/');
    var raw = atob(s);
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }
  button.addEventListener('click', function () {
    button.disabled = true;
    Notification.requestPermission().then(function (permission) {
      if (permission !== 'granted') { say(box.dataset.denied); button.disabled = false; return; }
      return navigator.serviceWorker.register('/sw.js')
        .then(function () { return navigator.serviceWorker.ready; })
        .then(function (reg) {
          return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: bytes(box.dataset.key) });
        })
        .then(function (sub) {
          return fetch('/api/v1/push/subscriptions', {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': box.dataset.csrf },
            body: JSON.stringify(sub)
          });
        })
        .then(function (r) {
          if (!r.ok) throw new Error('status ' + r.status);
          location.href = '/account/notifications?added=1#devices';
        });
    }).catch(function () { say(box.dataset.failed); button.disabled = false; });
  });
})();
