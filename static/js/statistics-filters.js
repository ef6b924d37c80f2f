// The statistics filters: the two dates show only for a chosen period ("Tùy chọn"), the
// scope only once a unit is chosen. Without JavaScript every field stays visible and works.
(function () {
  "use strict";
  var form = document.querySelector(".stat-filters");
  if (!form) return;
  var period = form.querySelector("[name=period]");
  var unit = form.querySelector("[name=unit]");
  var dates = form.querySelectorAll(".stat-filters__field--date_from, .stat-filters__field--date_to");
  var scope = form.querySelector(".stat-filters__field--scope");

  function update() {
    var custom = period.value === "custom";
    dates.forEach(function (field) {
      field.hidden = !custom && !field.classList.contains("field--error");
    });
    if (scope) scope.hidden = !unit.value;
  }
  period.addEventListener("change", update);
  unit.addEventListener("change", update);
  update();
})();
