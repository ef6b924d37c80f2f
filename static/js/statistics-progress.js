// Follows a background export of the statistics: asks its status every second and a half,
// moves the progress bar and shows the download link when the file is ready. Without
// JavaScript the page refreshes itself instead (a meta refresh in <noscript>).
(function () {
  "use strict";
  var box = document.querySelector(".stat-progress");
  if (!box || box.dataset.finished === "1") return;
  var bar = box.querySelector(".stat-progress__bar");
  var percent = box.querySelector(".stat-progress__percent");
  var label = box.querySelector(".stat-progress__label");
  var download = box.querySelector(".stat-progress__download");
  var error = box.querySelector(".stat-progress__error");

  function show(state) {
    bar.value = state.progress;
    bar.textContent = state.progress + "%";
    label.textContent = state.status_label + " – " + state.progress + "%";
    if (state.download_url) {
      download.querySelector("a").href = state.download_url;
      download.hidden = false;
    }
    if (state.error) {
      error.textContent = state.error;
      error.hidden = false;
    }
  }

  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        show(state);
        if (!state.finished) window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  poll();
})();
