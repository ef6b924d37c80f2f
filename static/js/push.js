// "Thông báo đẩy trên thiết bị này" on the notification settings page: subscribes this
// browser with the site's key through the service worker (static/js/pwa.js registers it)
// and hands the subscription to the server, or takes it back. Without push support, or
// when the site has no key, the block stays hidden.
(function () {
  "use strict";

  var block = document.querySelector("[data-push]");
  if (!block || !("serviceWorker" in navigator) || !("PushManager" in window) ||
      !("Notification" in window) || !block.dataset.pushKey) {
    return;
  }
  var button = block.querySelector("button");
  var status = block.querySelector("[role=status]");
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");

  function key(base64url) {
    var padded = (base64url + "===".slice((base64url.length + 3) % 4))
      .replace(/-/g, "+").replace(/_/g, "/");
    var raw = window.atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) { bytes[i] = raw.charCodeAt(i); }
    return bytes;
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf ? csrf.value : "" },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (payload) {
        if (!response.ok) { throw new Error(payload.message || block.dataset.failedText); }
        return payload.message;
      });
    });
  }

  function show(subscribed, message) {
    button.textContent = subscribed ? block.dataset.offText : block.dataset.onText;
    button.setAttribute("aria-pressed", subscribed ? "true" : "false");
    if (message) { status.textContent = message; }
  }

  navigator.serviceWorker.ready.then(function (registration) {
    block.hidden = false;
    registration.pushManager.getSubscription().then(function (current) {
      show(Boolean(current));
    });
    button.addEventListener("click", function () {
      button.disabled = true;
      registration.pushManager.getSubscription().then(function (current) {
        if (current) {
          return post(block.dataset.unsubscribeUrl, { endpoint: current.endpoint })
            .then(function (message) { return current.unsubscribe().then(function () { show(false, message); }); });
        }
        return Notification.requestPermission().then(function (permission) {
          if (permission !== "granted") { throw new Error(block.dataset.deniedText); }
          return registration.pushManager.subscribe({
            userVisibleOnly: true,
            applicationServerKey: key(block.dataset.pushKey)
          });
        }).then(function (subscription) {
          return post(block.dataset.subscribeUrl, subscription.toJSON())
            .then(function (message) { show(true, message); });
        });
      }).catch(function (error) {
        status.textContent = error && error.message ? error.message : block.dataset.failedText;
      }).then(function () { button.disabled = false; });
    });
  });
})();
