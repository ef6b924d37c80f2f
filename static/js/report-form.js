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
      // A drawn microphone (SVG): the emoji is missing from some phones' fonts.
      var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("viewBox", "0 0 24 24");
      svg.setAttribute("width", "20");
      svg.setAttribute("height", "20");
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("focusable", "false");
      var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
      path.setAttribute("fill", "currentColor");
      path.setAttribute("d", "M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11z");
      svg.appendChild(path);
      mic.appendChild(svg);
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
              // A link to the public report, where its answer is.
              var li = document.createElement("li");
              var link = document.createElement("a");
              link.href = form.dataset.reportUrl.replace("CODE", encodeURIComponent(item.code));
              link.target = "_blank";
              link.rel = "noopener";
              var code = document.createElement("strong");
              code.textContent = item.code;
              link.appendChild(code);
              link.appendChild(document.createTextNode(" " + item.title));
              li.appendChild(link);
              list.appendChild(li);
            });
            similar.hidden = !list.children.length;
          })
          .catch(function () { similar.hidden = true; });
      }, 400);
    });
  }
})();
