// "Gửi phản ánh, kiến nghị": voice input and similar reports (the position is in
// report-map.js, the automatic draft in report-draft.js).
// Progressive enhancement only; the form is sent and checked by the server without it.
(function () {
  "use strict";

  var form = document.querySelector("form.report-form");
  if (!form) { return; }

  // Voice input (Vietnamese) next to the title and the content, where the browser has it.
  var Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
  if (Recognition) {
    form.querySelectorAll("[data-voice-field]").forEach(function (wrapper) {
      var input = wrapper.querySelector("input, textarea");
      var mic = document.createElement("button");
      mic.type = "button";
      mic.className = "button button--secondary voice-button";
      mic.setAttribute("aria-label", document.documentElement.lang === "en" ? "Speak" : "Nói để nhập");
      mic.textContent = "🎤";
      wrapper.appendChild(mic);
      mic.addEventListener("click", function () {
        var recognition = new Recognition();
        recognition.lang = "vi-VN";
        recognition.interimResults = false;
        recognition.onresult = function (event) {
          var text = event.results[0][0].transcript;
          input.value = input.value ? input.value + " " + text : text;
          input.dispatchEvent(new Event("input", { bubbles: true }));
        };
        recognition.onend = function () { mic.classList.remove("voice-button--listening"); };
        mic.classList.add("voice-button--listening");
        recognition.start();
      });
    });
  }

  // Similar published reports below the title (debounced).
  var similar = form.querySelector("[data-similar-reports]");
  var title = form.querySelector("input[name='title']");
  if (similar && title && window.fetch) {
    var list = similar.querySelector("ul");
    var timer = null;
    var lastQuery = "";
    title.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var query = title.value.trim();
        if (query === lastQuery) { return; }
        lastQuery = query;
        if (query.length < 3) { similar.hidden = true; return; }
        fetch(form.dataset.similarUrl + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
          .then(function (response) { return response.json(); })
          .then(function (data) {
            list.innerHTML = "";
            (data.reports || []).forEach(function (item) {
              var li = document.createElement("li");
              var code = document.createElement("strong");
              code.textContent = item.code;
              li.appendChild(code);
              li.appendChild(document.createTextNode(" " + item.title));
              list.appendChild(li);
            });
            similar.hidden = !list.children.length;
          })
          .catch(function () { similar.hidden = true; });
      }, 400);
    });
  }
})();
