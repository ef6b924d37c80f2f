// "Gửi phản ánh, kiến nghị": the draft saves itself. Every change is kept at once in this
// browser (localStorage, one entry per user and form key) and sent to the server 2 seconds
// after the last change; the local copy is dropped once the server has it. While the network
// is down the copy stays here, comes back when the page is reloaded, and is sent when the
// browser says it is online again. Files cannot be kept offline.
// Written here because the whole of it is a few dozen lines around fetch and localStorage;
// the "Lưu" button still saves a draft without this file.
(function () {
  "use strict";

  var form = document.querySelector("form.report-form[data-autosave-url]");
  if (!form || !window.fetch || !window.FormData || !window.JSON) { return; }

  var FIELDS = [
    "title", "content", "kind", "citizen_category", "address_province", "address_commune",
    "address", "latitude", "longitude", "hide_reporter_name"
  ];
  var status = form.querySelector("[data-autosave-status]");
  var keyInput = form.querySelector("input[name='idempotency_key']");
  var tokenInput = form.querySelector("input[name='upload_token']");
  var prefix = form.dataset.draftStore;
  var serverSaved = parseInt(form.dataset.serverSaved || "0", 10);
  var delay = parseInt(form.dataset.autosaveDelay || "2000", 10);
  var timer = null;
  var inFlight = false;
  var again = false;

  var store = (function () {
    try {
      window.localStorage.setItem(prefix + "probe", "1");
      window.localStorage.removeItem(prefix + "probe");
      return window.localStorage;
    } catch (error) {
      return null;  // private mode, storage full or disabled: only the server copy then
    }
  })();

  function entryName(key) { return prefix + (key || keyInput.value); }

  function read(name) {
    if (!store) { return null; }
    try {
      var entry = JSON.parse(store.getItem(name));
      return entry && entry.fields ? entry : null;
    } catch (error) {
      store.removeItem(name);
      return null;
    }
  }

  function show(text, warning) {
    status.textContent = text || "";
    status.classList.toggle("autosave-status--warning", Boolean(warning));
  }

  function collect() {
    var fields = {};
    FIELDS.forEach(function (name) {
      var element = form.elements[name];
      if (!element) { return; }
      fields[name] = name === "hide_reporter_name" ? element.checked : element.value;
    });
    var commune = form.elements.address_commune;
    if (commune && commune.selectedIndex > 0) {
      fields.address_commune_label = commune.options[commune.selectedIndex].text;
    }
    return fields;
  }

  function apply(fields) {
    FIELDS.forEach(function (name) {
      var element = form.elements[name];
      if (!element || !(name in fields)) { return; }
      if (name === "hide_reporter_name") {
        element.checked = Boolean(fields[name]);
      } else if (name === "address_commune") {
        var value = fields[name] || "";
        var exists = Array.prototype.some.call(element.options, function (option) {
          return option.value === value;
        });
        if (value && !exists) {
          element.add(new Option(fields.address_commune_label || value, value));
        }
        element.value = value;
      } else if (name === "address_province" && element.value !== fields[name]) {
        element.value = fields[name];
        // The communes shown belong to another province: keep only the placeholder.
        var communes = form.elements.address_commune;
        while (communes && communes.options.length > 1) { communes.remove(1); }
      } else {
        element.value = fields[name];  // a radio group takes the checked value
      }
    });
    var position = form.querySelector("[data-position]");
    if (position) { position.dispatchEvent(new Event("position:restored")); }
  }

  function keepLocally() {
    if (!store) { return false; }
    try {
      store.setItem(entryName(), JSON.stringify({
        key: keyInput.value,
        token: tokenInput ? tokenInput.value : "",
        savedAt: Date.now(),
        fields: collect()
      }));
      return true;
    } catch (error) {
      return false;
    }
  }

  // Drops the local copy once the server has it, unless the citizen typed again meanwhile.
  function forget(sentAt) {
    var entry = read(entryName());
    if (entry && (sentAt === undefined || entry.savedAt <= sentAt)) {
      store.removeItem(entryName());
    }
  }

  function offline() {
    keepLocally();
    show(form.dataset.offlineText, true);
  }

  function body() {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    data.append("idempotency_key", keyInput.value);
    if (tokenInput) { data.append("upload_token", tokenInput.value); }
    var fields = collect();
    FIELDS.forEach(function (name) {
      if (name === "hide_reporter_name") {
        if (fields[name]) { data.append(name, "on"); }
      } else if (name in fields) {
        data.append(name, fields[name]);
      }
    });
    return data;
  }

  function save() {
    clearTimeout(timer);
    if (inFlight) { again = true; return; }
    if (!navigator.onLine) { offline(); return; }
    var sentAt = Date.now();
    inFlight = true;
    fetch(form.dataset.autosaveUrl, {
      method: "POST",
      body: body(),
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    })
      .then(function (response) {
        // A login page after a redirect is HTML, not an answer: treated as a failure.
        return response.json().then(function (payload) {
          return { ok: response.ok, status: response.status, payload: payload };
        }, function () {
          return { ok: false, status: response.status, payload: {} };
        });
      })
      .then(function (result) {
        if (result.ok) {
          forget(sentAt);
          serverSaved = result.payload.saved_at_ms || sentAt;
          show(result.payload.message, false);
          form.dataset.savedDraft = result.payload.draft;
          if (window.history.replaceState && result.payload.url) {
            // A reload now opens this draft instead of an empty form.
            window.history.replaceState(null, "", result.payload.url);
          }
        } else if (result.status === 409) {
          forget();
          show(result.payload.message, true);
        } else if (result.status === 400 && result.payload.upload_token && tokenInput &&
                   tokenInput.value !== result.payload.upload_token) {
          // The form's upload token was refused (expired, or not this account's): take the
          // fresh one the server gave and save again.
          tokenInput.value = result.payload.upload_token;
          keepLocally();
          again = true;
        } else if (result.status === 400 && result.payload.message) {
          keepLocally();
          show(result.payload.message, true);
        } else {
          keepLocally();
          show(form.dataset.failedText, true);
        }
      })
      .catch(function () { offline(); })
      .then(function () {
        inFlight = false;
        if (again) { again = false; schedule(); }
      });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(save, delay);
  }

  function changed(event) {
    var target = event.target;
    if (!target || FIELDS.indexOf(target.name) < 0) { return; }
    keepLocally();
    if (!navigator.onLine) { offline(); return; }
    schedule();
  }

  // What this browser kept that the server does not have yet.
  function restore() {
    if (!store) { return false; }
    var own = read(entryName());
    if (own) {
      if (own.savedAt > serverSaved) {
        apply(own.fields);
        return true;
      }
      store.removeItem(entryName());  // the server's copy is newer
      return false;
    }
    if (!form.hasAttribute("data-fresh")) { return false; }
    // An empty form: take up the newest copy that never reached the server, with its key, so
    // that it becomes the same draft once sent.
    var newest = null;
    for (var i = 0; i < store.length; i += 1) {
      var name = store.key(i);
      if (name && name.indexOf(prefix) === 0) {
        var entry = read(name);
        if (entry && entry.key && (!newest || entry.savedAt > newest.savedAt)) { newest = entry; }
      }
    }
    if (!newest) { return false; }
    keyInput.value = newest.key;
    if (tokenInput && newest.token) { tokenInput.value = newest.token; }
    apply(newest.fields);
    return true;
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function (event) {
    if (!navigator.onLine) {
      // Posting now would lose the page; keep everything here and say so.
      event.preventDefault();
      keepLocally();
      show(form.dataset.offlineSend, true);
      return;
    }
    clearTimeout(timer);
    forget();  // what is posted is the newest copy; the server re-renders it on an error
  });
  window.addEventListener("online", function () {
    if (read(entryName())) { save(); }
  });
  window.addEventListener("offline", function () {
    if (read(entryName())) { offline(); }
  });

  if (restore()) {
    show(form.dataset.restoredText, true);
    if (navigator.onLine) { save(); } else { offline(); }
  }
})();
