/* Installs the service worker (/sw.js) so that the portal can be added to a phone's home
 * screen and opens without a connection. Pages state whether someone is signed in
 * (data-signed-in on <body>): after a sign-out, the pages kept for that person (their
 * report form, their reports) are forgotten. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) {
    return;
  }
  var body = document.body;
  var workerUrl = body.getAttribute("data-service-worker");
  if (!workerUrl) {
    return;
  }
  var signedIn = body.getAttribute("data-signed-in");
  var previous = null;
  try {
    previous = window.localStorage.getItem("pakn-signed-in");
    window.localStorage.setItem("pakn-signed-in", signedIn);
  } catch (error) {
    /* Storage refused (private window): nothing to compare with. */
  }
  window.addEventListener("load", function () {
    navigator.serviceWorker
      .register(workerUrl, { scope: "/" })
      .then(function () {
        return navigator.serviceWorker.ready;
      })
      .then(function (registration) {
        if (previous === "true" && signedIn === "false" && registration.active) {
          registration.active.postMessage({ type: "forget-pages" });
        }
      })
      .catch(function () {
        /* An old browser or a private window: the site works the same without it. */
      });
  });
})();
