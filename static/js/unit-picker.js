// The searchable unit picker: a search box above a <select data-unit-picker> that narrows its
// options as the officer types ("so xay dung" finds "Sở Xây dựng"). Progressive enhancement:
// without this file the select works as it is, the suggested units first. The select stays
// the field that is sent, so every browser and screen reader knows it; the box only filters.
// Hand-written (60 lines) because the site loads no third-party script and no CDN.
(function () {
  "use strict";

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d");
  }

  function enhance(select) {
    var structure = Array.prototype.map.call(select.children, function (node) {
      return { node: node, options: node.tagName === "OPTGROUP" ? Array.from(node.children) : null };
    });
    var box = document.createElement("div");
    box.className = "unit-picker";
    var label = document.createElement("label");
    label.htmlFor = select.id + "-tim";
    label.textContent = select.dataset.searchLabel;
    var input = document.createElement("input");
    input.type = "search";
    input.id = select.id + "-tim";
    input.autocomplete = "off";
    input.className = "unit-picker__search";
    input.setAttribute("aria-controls", select.id);
    var status = document.createElement("p");
    status.id = select.id + "-dem";
    status.className = "help unit-picker__status";
    status.setAttribute("aria-live", "polite");
    input.setAttribute("aria-describedby", status.id);
    box.append(label, input, status);
    select.parentNode.insertBefore(box, select);

    function render() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var keep = function (option) {
        var text = fold(option.textContent);
        return words.every(function (word) { return text.indexOf(word) !== -1; });
      };
      var current = select.value;
      var first = null;
      var count = 0;
      select.replaceChildren();
      structure.forEach(function (item) {
        if (!item.options) {
          if (item.node.value === "" || keep(item.node)) {
            select.append(item.node);
            if (item.node.value !== "") { count += 1; first = first || item.node; }
          }
          return;
        }
        item.node.replaceChildren.apply(item.node, item.options.filter(keep));
        if (item.node.children.length) {
          select.append(item.node);
          count += item.node.children.length;
          first = first || item.node.children[0];
        }
      });
      var stillThere = Array.prototype.some.call(select.options, function (o) { return o.value === current && current !== ""; });
      if (words.length && !stillThere && first) { first.selected = true; }
      else { select.value = current; }
      select.size = words.length ? Math.max(2, Math.min(8, count + 1)) : 0;
      status.textContent = words.length ? select.dataset.countLabel.replace("{count}", count) : "";
    }

    input.addEventListener("input", render);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === "ArrowDown") {
        event.preventDefault();  // Enter chooses from the list, it does not send the form
        select.focus();
      } else if (event.key === "Escape" && input.value) {
        event.preventDefault();
        input.value = "";
        render();
      }
    });
  }

  document.querySelectorAll("select[data-unit-picker]").forEach(enhance);
})();
