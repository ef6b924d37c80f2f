// The agencies' widget, script version: puts a frame of the widget where this script stands.
(function () {
  "use strict";
  var options = {{ frame|safe }};
  var script = document.currentScript;
  var frame = document.createElement("iframe");
  frame.src = options.src;
  frame.title = options.title;
  frame.width = options.width;
  frame.height = options.height;
  frame.loading = "lazy";
  frame.style.border = "0";
  frame.style.maxWidth = "100%";
  if (script && script.parentNode) script.parentNode.insertBefore(frame, script.nextSibling);
})();
