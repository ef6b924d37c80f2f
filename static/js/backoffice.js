// The officers' pages, progressively enhanced; every form works without this file.
(function () {
  "use strict";
})();
