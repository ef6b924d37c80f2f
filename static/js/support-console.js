// The support agent's conversation page: new messages from the citizen appear without
// reloading (short polling of the conversation's messages).
(function () {
  "use strict";

  var list = document.querySelector("[data-transcript]");
  if (!list || !window.fetch) { return; }
  var url = list.dataset.messagesUrl;
  var items = list.querySelectorAll("[data-id]");
  var last = items.length ? Number(items[items.length - 1].dataset.id) : 0;
  var labels = JSON.parse(list.dataset.senders);

  function add(message) {
    if (message.id <= last) { return; }
    last = message.id;
    var item = document.createElement("li");
    item.dataset.id = message.id;
    var sender = document.createElement("span");
    sender.className = "sender";
    sender.textContent = (labels[message.sender] || message.sender) + " · " + message.at + ": ";
    item.appendChild(sender);
    item.appendChild(document.createTextNode(message.body));
    list.appendChild(item);
    list.scrollTop = list.scrollHeight;
  }

  setInterval(function () {
    fetch(url + "?sau=" + last, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) { (data.messages || []).forEach(add); })
      .catch(function () { /* tried again at the next tick */ });
  }, 3000);
  list.scrollTop = list.scrollHeight;
})();
