/* The adoption map: one coloured circle per commune (no boundaries are available), from the
   JSON the page embeds (#adoption-map-points). Uses only Leaflet (static/leaflet/). If the
   tiles cannot load, the circles still show on a blank background. */
(function () {
  "use strict";
  var element = document.getElementById("adoption-map");
  var data = document.getElementById("adoption-map-points");
  if (!element || !data || typeof L === "undefined") { return; }
  var points = JSON.parse(data.textContent);
  var map = L.map(element, { scrollWheelZoom: false }).setView([12.1, 109.1], 9);
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution || "", maxZoom: 18 }).addTo(map);
  }
  var bounds = [];
  points.forEach(function (point) {
    var circle = L.circleMarker([point.lat, point.lon], {
      radius: 9, color: "#ffffff", weight: 1, fillColor: point.colour, fillOpacity: 0.85
    }).addTo(map);
    var text = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = point.name;
    text.appendChild(name);
    [point.status,
     element.dataset.labelDeclared + ": " + (point.declared === null ? "—" : point.declared),
     element.dataset.labelCounted + ": " + (point.counted === null ? "—" : point.counted) +
       (point.share === null ? "" : " (" + point.share + "%)")].forEach(function (line) {
      text.appendChild(document.createElement("br"));
      text.appendChild(document.createTextNode(line));
    });
    circle.bindPopup(text);
    bounds.push([point.lat, point.lon]);
  });
  if (bounds.length) { map.fitBounds(bounds, { padding: [20, 20] }); }
  element.dataset.points = String(points.length);
}());
