/* A read-only field marked data-select-on-focus (the public report's share link) selects its
   whole text when focused, ready to copy. A file, not an onfocus attribute: the
   Content-Security-Policy runs no inline script. */
(function () {
  "use strict";
  document.querySelectorAll("[data-select-on-focus]").forEach(function (field) {
    field.addEventListener("focus", function () { field.select(); });
  });
})();
