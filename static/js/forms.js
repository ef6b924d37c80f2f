// Progressive enhancement of forms; every form works without this file.
(function () {
  "use strict";

  // Refresh the captcha without reloading the page.
  document.querySelectorAll("[data-captcha-refresh]").forEach(function (button) {
    button.addEventListener("click", function () {
      fetch(button.dataset.captchaRefresh, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (challenge) {
          var box = button.closest(".captcha");
          var image = box.querySelector("[data-captcha-image]");
          image.src = challenge.image;
          image.alt = image.alt.split(":")[0] + ": " + challenge.question;
          box.querySelector("[data-captcha-id]").value = challenge.id;
          var input = box.querySelector(".captcha-input");
          input.value = "";
          input.focus();
        });
    });
  });

  // Communes follow the chosen province.
  document.querySelectorAll("form[data-commune-url]").forEach(function (form) {
    var province = form.querySelector("select[name$='address_province']");
    var commune = form.querySelector("select[name$='address_commune']");
    if (!province || !commune) { return; }
    province.addEventListener("change", function () {
      var url = form.dataset.communeUrl + "?tinh=" + encodeURIComponent(province.value);
      var placeholder = commune.options[0] ? commune.options[0].text : "";
      commune.disabled = true;
      fetch(url, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          commune.innerHTML = "";
          commune.add(new Option(placeholder, ""));
          (data.communes || []).forEach(function (item) {
            commune.add(new Option(item.name, item.id));
          });
        })
        .finally(function () { commune.disabled = false; });
    });
  });

  // The error summary at the top of a form gets the focus, so it is read and seen first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  // A field's error goes once the field is changed (the server checks it again on sending).
  document.querySelectorAll(".field--error").forEach(function (field) {
    function clear() {
      field.classList.remove("field--error");
      field.querySelectorAll(".error").forEach(function (error) { error.remove(); });
      field.querySelectorAll("[aria-invalid]").forEach(function (input) { input.removeAttribute("aria-invalid"); });
    }
    field.addEventListener("input", clear, { once: true });
    field.addEventListener("change", clear, { once: true });
  });

  // Previews of the photos chosen, before the form is sent (data: URLs: the page's policy
  // allows no blob: images); other files are listed by name.
  document.querySelectorAll("[data-upload-previews]").forEach(function (list) {
    var input = list.parentNode.querySelector("input[type=file][name=attachments]");
    if (!input || !window.FileReader) { return; }
    input.addEventListener("change", function () {
      list.innerHTML = "";
      Array.prototype.forEach.call(input.files, function (file) {
        var item = document.createElement("li");
        if (/^image\/(jpeg|png|gif|webp)$/.test(file.type)) {
          var image = document.createElement("img");
          image.alt = file.name;
          var reader = new FileReader();
          reader.onload = function () { image.src = reader.result; };
          reader.readAsDataURL(file);
          item.appendChild(image);
        } else {
          item.textContent = file.name;
        }
        list.appendChild(item);
      });
      list.hidden = !list.children.length;
    });
  });
})();
