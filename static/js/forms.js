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
          box.querySelector("[data-captcha-image]").src = challenge.image;
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
})();
