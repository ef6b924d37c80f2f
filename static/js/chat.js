// "Hỗ trợ trực tuyến": the chat panel of every public page. Messages go to and come from
// /ho-tro/tro-chuyen/ (the conversation is the browser session's); while the panel is open
// it asks for what is new every few seconds (short polling: nothing else to run on a small
// server). Every text is put in as text, never as HTML.
(function () {
  "use strict";

  var root = document.querySelector("[data-chat]");
  if (!root || !window.fetch) { return; }
  var openButton = root.querySelector(".chat__open");
  var panel = root.querySelector(".chat__panel");
  var list = root.querySelector(".chat__messages");
  var form = root.querySelector(".chat__form");
  var input = form.querySelector("input");
  var status = root.querySelector(".chat__status");
  var url = root.dataset.url;
  var csrf = "";
  var last = 0;
  var timer = null;
  var pendingAction = "";
  var POLL_MS = 3000;

  function add(message) {
    if (message.id && message.id <= last) { return; }
    if (message.id) { last = message.id; }
    var item = document.createElement("li");
    item.className = "chat__message chat__message--" + message.sender;
    item.textContent = message.body;
    if (message.link && message.link.charAt(0) === "/") {
      var link = document.createElement("a");
      link.href = message.link;
      link.textContent = root.dataset.linkText;
      item.appendChild(link);
    }
    list.appendChild(item);
    list.scrollTop = list.scrollHeight;
  }

  function poll() {
    return fetch(url + "?sau=" + last, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        csrf = data.csrf || csrf;
        (data.messages || []).forEach(add);
      })
      .catch(function () { /* the next poll tries again */ });
  }

  function send(text, action) {
    // The first answer of the server carries the form token: wait for it if it is not in yet.
    return (csrf ? Promise.resolve() : poll()).then(function () { return post(text, action); });
  }

  function post(text, action) {
    var body = new FormData();
    body.append("text", text);
    if (action) { body.append("action", action); }
    status.textContent = "";
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, Accept: "application/json" }
    })
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) { throw new Error(data.message || root.dataset.failedText); }
          (data.messages || []).forEach(add);
        });
      })
      .catch(function (error) {
        status.textContent = error.message || root.dataset.failedText;
        input.value = text;  // nothing typed is lost
      });
  }

  function open() {
    panel.hidden = false;
    openButton.setAttribute("aria-expanded", "true");
    poll().then(function () { input.focus(); });
    clearInterval(timer);
    timer = setInterval(poll, POLL_MS);
  }

  function close() {
    panel.hidden = true;
    openButton.setAttribute("aria-expanded", "false");
    clearInterval(timer);
    openButton.focus();
  }

  root.hidden = false;
  openButton.addEventListener("click", function () {
    if (panel.hidden) { open(); } else { close(); }
  });
  root.querySelector(".chat__close").addEventListener("click", close);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { close(); }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    var action = pendingAction;
    pendingAction = "";
    send(text, action);
  });
  root.querySelectorAll(".chat__choice").forEach(function (button) {
    button.addEventListener("click", function () {
      if (button.dataset.prompt) {
        // "Tra cứu": the next text typed is the code.
        pendingAction = button.dataset.action;
        add({ sender: "bot", body: button.dataset.prompt });
        input.focus();
        return;
      }
      send("", button.dataset.action);
    });
  });
})();
