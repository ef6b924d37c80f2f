// The officers' pages, progressively enhanced; every form works without this file.
(function () {
  "use strict";

  // Destructive or public actions (reject, return, merge, publish, ...): without JavaScript
  // the officer ticks the confirmation box, which the server requires. With it, the box gives
  // way to a dialog; confirming ticks the box and sends the form, going back changes nothing.
  var dialog = null;
  var pendingForm = null;

  function buildDialog() {
    dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-dialog-title");
    dialog.setAttribute("aria-describedby", "confirm-dialog-text");
    var title = document.createElement("h2");
    title.id = "confirm-dialog-title";
    title.className = "confirm-dialog__title";
    var text = document.createElement("p");
    text.id = "confirm-dialog-text";
    var actions = document.createElement("div");
    actions.className = "confirm-dialog__actions";
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "button button--secondary";
    cancel.dataset.confirmCancel = "";
    cancel.textContent = document.body.dataset.confirmCancel || "Quay lại";
    var accept = document.createElement("button");
    accept.type = "button";
    accept.className = "button button--danger";
    accept.dataset.confirmAccept = "";
    actions.append(cancel, accept);
    dialog.append(title, text, actions);
    document.body.append(dialog);
    cancel.addEventListener("click", function () {
      pendingForm = null;
      dialog.close();
    });
    accept.addEventListener("click", function () {
      var form = pendingForm;
      pendingForm = null;
      dialog.close();
      if (!form) { return; }
      form.querySelector("input[name$='-confirm']").checked = true;
      form.submit();
    });
  }

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    var checkbox = form.querySelector("input[name$='-confirm']");
    var box = form.querySelector("[data-confirm-box]");
    if (!checkbox || !box || typeof HTMLDialogElement === "undefined") { return; }
    if (!box.querySelector(".error")) { box.hidden = true; }
    form.addEventListener("submit", function (event) {
      if (checkbox.checked) { return; }
      event.preventDefault();
      if (!dialog) { buildDialog(); }
      pendingForm = form;
      dialog.querySelector("#confirm-dialog-title").textContent = form.dataset.confirmTitle;
      dialog.querySelector("#confirm-dialog-text").textContent = form.dataset.confirm;
      dialog.querySelector("[data-confirm-accept]").textContent = form.dataset.confirmButton;
      dialog.showModal();
    });
  });

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
