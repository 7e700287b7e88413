// Applying online (APP-1, APP-2), progressive enhancement: the pages work without it.
// - Keeps what is typed on a section page in localStorage, so a lost connection or a closed
//   tab loses nothing; on the next visit, values newer than the server's draft come back.
// - Shows and hides conditional questions (data-visible-if) as answers change.
// - On the confirmation page, forgets the kept values of the submitted application.
(function () {
  "use strict";

  var store;
  try {
    store = window.localStorage;
    store.setItem("yw-apply-probe", "1");
    store.removeItem("yw-apply-probe");
  } catch (e) {
    store = null;
  }

  function keysWith(prefix) {
    var out = [];
    if (!store) return out;
    for (var i = 0; i < store.length; i++) {
      var k = store.key(i);
      if (k && k.indexOf(prefix) === 0) out.push(k);
    }
    return out;
  }

  function read(key) {
    try {
      var v = JSON.parse(store.getItem(key) || "null");
      return v && typeof v.at === "number" && v.values ? v : null;
    } catch (e) {
      return null;
    }
  }

  // The confirmation page: the application went through.
  var clear = document.getElementById("apply-clear");
  if (clear && store) {
    keysWith(clear.getAttribute("data-clear-prefix")).forEach(function (k) {
      store.removeItem(k);
    });
  }

  var form = document.getElementById("apply-form");
  if (!form) return;

  // Times are kept on the server's clock, so they compare with the draft's last save.
  var skew = Date.now() - Number(form.getAttribute("data-now") || Date.now());
  function serverNow() {
    return Date.now() - skew;
  }
  var savedAt = Number(form.getAttribute("data-saved-at") || 0);
  var key = form.getAttribute("data-store-key");
  var prefix = form.getAttribute("data-store-prefix");

  function kept(el) {
    return el.name && el.name.charAt(0) !== "_" && el.name !== "form_version" &&
      el.type !== "file" && el.type !== "hidden" && el.type !== "submit" &&
      el.type !== "button" && !el.readOnly && !el.disabled;
  }

  function collect() {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!kept(el)) return;
      var list = values[el.name] || (values[el.name] = []);
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) list.push(el.value);
      } else {
        list.push(el.value);
      }
    });
    return values;
  }

  function restore(values) {
    var changed = false;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!kept(el) || !Object.prototype.hasOwnProperty.call(values, el.name)) return;
      var list = values[el.name];
      if (el.type === "checkbox" || el.type === "radio") {
        var on = list.indexOf(el.value) !== -1;
        if (el.checked !== on) {
          el.checked = on;
          changed = true;
        }
      } else if (typeof list[0] === "string" && el.value !== list[0]) {
        el.value = list[0];
        changed = true;
      }
    });
    return changed;
  }

  // Conditional questions: shown when the answer they depend on is one of the values. A
  // question depending on another section's answer stays as the server drew it.
  function currentValues(name) {
    var found = false;
    var out = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name !== name) return;
      found = true;
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) out.push(el.value);
      } else if (el.value) {
        out.push(el.value);
      }
    });
    return found ? out : null;
  }

  function toggle() {
    var conditional = form.querySelectorAll("[data-visible-if]");
    Array.prototype.forEach.call(conditional, function (box) {
      var current = currentValues(box.getAttribute("data-visible-if"));
      if (current === null) return;
      var wanted = (box.getAttribute("data-visible-values") || "").split(" ");
      box.hidden = !current.some(function (v) {
        return wanted.indexOf(v) !== -1;
      });
    });
  }

  if (store) {
    // The newest kept copy of this section, of this or an earlier form version.
    var best = null;
    var bestKey = null;
    keysWith(prefix).forEach(function (k) {
      var v = read(k);
      if (!v || v.at <= savedAt) {
        // Saved on the server since: nothing to recover.
        store.removeItem(k);
      } else if (!best || v.at > best.at) {
        best = v;
        bestKey = k;
      }
    });
    if (best && restore(best.values)) {
      var notice = document.getElementById("apply-recovered");
      if (notice) {
        var p = document.createElement("p");
        p.textContent = form.getAttribute("data-recovered");
        notice.appendChild(p);
        notice.hidden = false;
      }
      if (bestKey !== key) store.removeItem(bestKey);
      store.setItem(key, JSON.stringify({ at: best.at, values: collect() }));
    }
  }

  var timer = null;
  function keep() {
    try {
      store.setItem(key, JSON.stringify({ at: serverNow(), values: collect() }));
    } catch (e) {
      // Storage full or refused: the server's draft still holds the last save.
    }
  }
  function remember() {
    if (!store) return;
    clearTimeout(timer);
    timer = setTimeout(keep, 300);
  }
  // Sending may fail (no connection): keep the latest values until a page shows the save.
  form.addEventListener("submit", function () {
    if (!store) return;
    clearTimeout(timer);
    keep();
  });

  form.addEventListener("input", function () {
    toggle();
    remember();
  });
  form.addEventListener("change", function () {
    toggle();
    remember();
  });
  toggle();
})();

// Location (inquiries, INQ-1): with the person's permission the browser's position goes into
// the form's hidden lat/lng. Without JavaScript, location services or permission, the button
// stays hidden or says so, and the area and address are enough.
(function () {
  "use strict";
  var button = document.querySelector("[data-geo-button]");
  if (!button || !navigator.geolocation) return;
  var lat = document.querySelector("[data-geo=lat]");
  var lng = document.querySelector("[data-geo=lng]");
  var status = document.querySelector("[data-geo-status]");
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(
      function (p) {
        lat.value = p.coords.latitude.toFixed(6);
        lng.value = p.coords.longitude.toFixed(6);
        status.textContent = button.getAttribute("data-ok");
      },
      function () {
        status.textContent = button.getAttribute("data-failed");
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
    );
  });
})();
