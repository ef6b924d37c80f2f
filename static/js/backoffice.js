// The officers' pages, progressively enhanced; every form works without this file.
(function () {
  "use strict";

  // Answer templates: "Chèn vào dự thảo" puts a template's text into the draft at the cursor
  // (or fills an empty draft); without this file the officer copies the text shown.
  document.querySelectorAll("[data-answer-templates]").forEach(function (box) {
    var section = box.closest("[data-action]");
    var editor = section && section.querySelector("textarea[name$='-content']");
    if (!editor) { return; }
    box.querySelectorAll("[data-answer-template]").forEach(function (item) {
      var button = item.querySelector("[data-insert-template]");
      var body = item.querySelector("[data-template-body]").textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        var start = editor.selectionStart || 0;
        var end = editor.selectionEnd || 0;
        if (!editor.value.trim()) {
          editor.value = body;
        } else {
          editor.value = editor.value.slice(0, start) + body + editor.value.slice(end);
        }
        editor.dispatchEvent(new Event("input", { bubbles: true }));
        editor.focus();
      });
    });
  });
})();
