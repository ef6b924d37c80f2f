// One confirmation for destructive or public actions, on the public site and the officers'
// pages: a form with data-confirm asks once more in a dialog before it is sent. Optional:
// data-confirm-title (the dialog's heading), data-confirm-button (the accepting button's
// text, otherwise the submit button's), data-confirm-cancel (otherwise the page's
// body[data-confirm-cancel] or "Quay lại"). A form whose box to tick is marked
// [data-confirm-box] (officers' actions) has the box replaced by the dialog, which ticks it;
// a visible required box (a citizen's withdrawal) must be ticked first. Without this file the
// box and the server's check still stand.
(function () {
  "use strict";

  function ask(form, submitter) {
    var title = form.dataset.confirmTitle;
    var acceptText = form.dataset.confirmButton ||
      (submitter || form.querySelector("button[type=submit]")).textContent;
    var cancelText = form.dataset.confirmCancel || document.body.dataset.confirmCancel || "Quay lại";
    var dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    var text = document.createElement("p");
    text.id = "confirm-dialog-text";
    text.textContent = form.dataset.confirm;
    if (title) {
      var heading = document.createElement("h2");
      heading.id = "confirm-dialog-title";
      heading.className = "confirm-dialog__title";
      heading.textContent = title;
      dialog.append(heading);
      dialog.setAttribute("aria-labelledby", heading.id);
      dialog.setAttribute("aria-describedby", text.id);
    } else {
      dialog.setAttribute("aria-labelledby", text.id);
    }
    var actions = document.createElement("div");
    actions.className = "confirm-dialog__actions";
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "button button--secondary";
    cancel.dataset.confirmCancel = "";
    cancel.textContent = cancelText;
    var accept = document.createElement("button");
    accept.type = "button";
    accept.className = "button button--danger";
    accept.dataset.confirmAccept = "";
    accept.textContent = acceptText.trim();
    actions.append(cancel, accept);
    dialog.append(text, actions);
    document.body.append(dialog);
    cancel.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () { dialog.remove(); });
    accept.addEventListener("click", function () {
      dialog.close();
      send(form, submitter);
    });
    dialog.showModal();
    cancel.focus();
  }

  function send(form, submitter) {
    form.dataset.confirmed = "yes";
    var box = form.querySelector("[data-confirm-box] input[type=checkbox]");
    if (box) { box.checked = true; }
    // The button that was pressed goes with the form, as if the dialog had not been there.
    form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
  }

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    var box = form.querySelector("[data-confirm-box]");
    var canAsk = typeof HTMLDialogElement !== "undefined";
    if (box && canAsk && !box.querySelector(".error")) { box.hidden = true; }
    form.addEventListener("submit", function (event) {
      if (form.dataset.confirmed === "yes") { delete form.dataset.confirmed; return; }
      event.preventDefault();
      if (!canAsk) {
        if (window.confirm(form.dataset.confirm)) { send(form, event.submitter); }
        return;
      }
      ask(form, event.submitter);
    });
  });
})();
