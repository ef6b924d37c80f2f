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

  // Published reports that may be the same matter (pakn.reports.duplicates), asked again
  // after the title changes and when the position or the commune is set (debounced); each
  // is a link to its public page and can be followed instead of sending this one.
  var similar = form.querySelector("[data-similar-reports]");
  var title = form.querySelector("input[name='title']");
  if (similar && title && window.fetch) {
    var list = similar.querySelector("ul");
    var timer = null;
    var lastQuery = "";
    var value = function (name) {
      var input = form.elements[name];
      return input && input.value ? input.value.trim() : "";
    };
    var csrf = value("csrfmiddlewaretoken");
    var render = function (reports) {
      list.innerHTML = "";
      reports.forEach(function (item) {
        var li = document.createElement("li");
        li.className = "similar-report";
        li.setAttribute("data-similar-report", item.code);
        var link = document.createElement("a");
        link.href = item.url;
        link.target = "_blank";
        link.rel = "noopener";
        var code = document.createElement("strong");
        code.textContent = item.code;
        link.appendChild(code);
        link.appendChild(document.createTextNode(" " + item.title));
        li.appendChild(link);
        if (item.distance_m !== null && item.distance_m !== undefined) {
          var where = document.createElement("span");
          where.className = "help";
          where.textContent = " · " + similar.dataset.distanceText.replace("DISTANCE", item.distance_m);
          li.appendChild(where);
        }
        // "Theo dõi": a plain form, so the server decides and answers with a page.
        var follow = document.createElement("form");
        follow.method = "post";
        follow.action = item.follow_url;
        follow.className = "similar-report__follow";
        var token = document.createElement("input");
        token.type = "hidden";
        token.name = "csrfmiddlewaretoken";
        token.value = csrf;
        follow.appendChild(token);
        var button = document.createElement("button");
        button.type = "submit";
        button.className = "button button--secondary";
        button.textContent = similar.dataset.followText;
        var hidden = document.createElement("span");
        hidden.className = "visually-hidden";
        hidden.textContent = " " + item.code;
        button.appendChild(hidden);
        follow.appendChild(button);
        li.appendChild(follow);
        list.appendChild(li);
      });
      similar.hidden = !list.children.length;
    };
    var ask = function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var query = value("title");
        var params = new URLSearchParams({ q: query });
        ["content", "address_commune", "latitude", "longitude"].forEach(function (name) {
          var typed = value(name);
          if (typed) { params.set(name === "address_commune" ? "commune" : name, typed.slice(0, 2000)); }
        });
        var key = params.toString();
        if (key === lastQuery) { return; }
        lastQuery = key;
        if (query.length < 3) { similar.hidden = true; return; }
        fetch(form.dataset.similarUrl + "?" + key, { credentials: "same-origin" })
          .then(function (response) { return response.json(); })
          .then(function (data) { if (key === lastQuery) { render(data.reports || []); } })
          .catch(function () { similar.hidden = true; });
      }, 400);
    };
    title.addEventListener("input", ask);
    ["latitude", "longitude", "address_commune"].forEach(function (name) {
      var input = form.elements[name];
      if (input) {
        input.addEventListener("input", ask);
        input.addEventListener("change", ask);
      }
    });
  }
})();
