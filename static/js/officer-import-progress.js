// Follows a bulk import of officers: asks its state every second, moves the count and the
// bar, and reloads the page once it is over (the server then lists the errors or offers the
// passwords). Without JavaScript the page refreshes itself (a meta refresh in <noscript>).
(function () {
  "use strict";
  var box = document.querySelector(".import-progress");
  if (!box || box.dataset.finished === "1") return;
  var bar = box.querySelector(".import-progress__bar");

  function show(state) {
    box.querySelector(".import-progress__label").textContent = state.status_label;
    box.querySelector(".import-progress__done").textContent = state.rows_done;
    box.querySelector(".import-progress__total").textContent = state.rows_total;
    bar.max = state.rows_total || 1;
    bar.value = state.rows_done;
  }

  function poll() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        show(state);
        if (state.finished) window.location.reload();
        else window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 500);
})();
