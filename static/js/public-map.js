/* Maps: one report's position (#report-map), every published report (#public-map), and the
   officers' inbox under its current filter ([data-cluster-map], with its query in data-query).
   The server groups reports into clusters per zoom level (GET <data-api>?bbox=&zoom=&...), so
   the browser draws at most a few hundred markers whatever the number of reports. If the map
   tiles cannot load, the markers still show on a blank background and a notice points to the
   list. Uses only Leaflet (static/leaflet/, shipped by django-leaflet). */
(function () {
  "use strict";
  if (typeof L === "undefined") { return; }

  function baseLayer(map, element) {
    var layer = L.tileLayer(element.dataset.tiles, {
      attribution: element.dataset.attribution || "",
      maxZoom: 19
    });
    var warned = false;
    layer.on("tileerror", function () {
      var notice = document.getElementById("map-tiles-error");
      if (notice && !warned) { notice.hidden = false; warned = true; }
    });
    layer.addTo(map);
    return layer;
  }

  function setImagePath(element) {
    if (element.dataset.images) { L.Icon.Default.imagePath = element.dataset.images; }
  }

  var single = document.getElementById("report-map");
  if (single) {
    setImagePath(single);
    var position = [parseFloat(single.dataset.lat), parseFloat(single.dataset.lng)];
    var small = L.map(single, { scrollWheelZoom: false }).setView(position, 16);
    baseLayer(small, single);
    L.marker(position).addTo(small);
  }

  var element = document.getElementById("public-map") ||
    document.querySelector("[data-cluster-map]");
  if (!element) { return; }
  setImagePath(element);
  // The first view covers the whole province (data-bounds: south, west, north, east).
  var corners = element.dataset.bounds.split(",").map(parseFloat);
  var map = L.map(element).fitBounds([[corners[0], corners[1]], [corners[2], corners[3]]]);
  baseLayer(map, element);
  var markers = L.layerGroup().addTo(map);
  var form = document.getElementById("map-filters");
  var summary = document.getElementById("map-summary");
  var dataError = document.getElementById("map-data-error");
  var pending = null;

  function filters() {
    var params = new URLSearchParams(element.dataset.query || "");
    if (!form || element.dataset.query !== undefined) { return params; }
    new FormData(form).forEach(function (value, name) {
      if (value) { params.set(name, value); }
    });
    return params;
  }

  function reportUrl(code) {
    return element.dataset.reportUrl.replace("CODE", encodeURIComponent(code));
  }

  function text(value) {
    var span = document.createElement("span");
    span.textContent = value;
    return span.innerHTML;
  }

  function clusterIcon(count) {
    var size = count < 10 ? 34 : count < 100 ? 42 : 52;
    return L.divIcon({
      html: "<span>" + count + "</span>",
      className: "map-cluster",
      iconSize: [size, size]
    });
  }

  function draw(data) {
    markers.clearLayers();
    var total = 0;
    data.clusters.forEach(function (cluster) {
      total += cluster.count;
      var marker = L.marker([cluster.lat, cluster.lng], {
        icon: clusterIcon(cluster.count),
        title: cluster.count + " " + element.dataset.labelCluster,
        keyboard: true
      });
      marker.on("click", function () {
        var bounds = L.latLngBounds(cluster.bounds);
        if (bounds.getNorthEast().equals(bounds.getSouthWest())) {
          map.setView(bounds.getCenter(), Math.min(map.getZoom() + 3, 18));
        } else {
          map.fitBounds(bounds.pad(0.2));
        }
      });
      markers.addLayer(marker);
    });
    data.points.forEach(function (point) {
      total += 1;
      var marker = L.marker([point.lat, point.lng], { title: point.title });
      marker.bindPopup(
        "<strong>" + text(point.code) + "</strong><br>" + text(point.title) +
        (point.status_label ? "<br>" + text(point.status_label) : "") +
        "<br><a href=\"" + reportUrl(point.code) + "\">" + text(element.dataset.labelOpen) + "</a>"
      );
      markers.addLayer(marker);
    });
    if (summary) { summary.textContent = element.dataset.labelSummary + " " + total; }
    var more = document.getElementById("map-more");
    if (more) { more.hidden = !data.more; }
  }

  function load() {
    var bounds = map.getBounds();
    var params = filters();
    params.set("bbox", [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]
      .map(function (n) { return n.toFixed(5); }).join(","));
    params.set("zoom", String(map.getZoom()));
    if (pending) { pending.abort(); }
    pending = new AbortController();
    fetch(element.dataset.api + "?" + params.toString(), {
      headers: { "Accept": "application/json" },
      signal: pending.signal
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      if (dataError) { dataError.hidden = true; }
      draw(data);
    }).catch(function (error) {
      if (error.name === "AbortError") { return; }
      if (dataError) { dataError.hidden = false; }
    });
  }

  map.on("moveend", load);
  load();
})();
