// "Gửi phản ánh, kiến nghị": where it happened. The latitude and longitude fields are the
// truth (typed, or filled by the device's position, or by a pin on a Leaflet map); this file
// keeps the pin, the fields and the text under the map in step. Without Leaflet, without map
// tiles (no internet) or without this file, the fields and the server's check still work.
(function () {
  "use strict";

  var box = document.querySelector("[data-position]");
  if (!box) { return; }
  var latitude = box.querySelector("input[name='latitude']");
  var longitude = box.querySelector("input[name='longitude']");
  var shown = box.querySelector("[data-position-value]");
  var clear = box.querySelector("[data-position-clear]");
  var geolocate = box.querySelector("[data-geolocate]");
  var centerButton = box.querySelector("[data-map-center]");
  var problem = box.querySelector("[data-position-problem]");
  var mapBox = box.querySelector("[data-map]");
  var note = box.querySelector("[data-map-note]");
  var bounds = {
    south: parseFloat(box.dataset.south),
    north: parseFloat(box.dataset.north),
    west: parseFloat(box.dataset.west),
    east: parseFloat(box.dataset.east)
  };
  var map = null;
  var marker = null;

  function parse(raw) {
    var value = (raw || "").trim().replace(",", ".");
    return /^-?\d+(\.\d+)?$/.test(value) ? parseFloat(value) : NaN;
  }

  function inVietnam(lat, lng) {
    return lat >= bounds.south && lat <= bounds.north && lng >= bounds.west && lng <= bounds.east;
  }

  function showProblem(text) {
    problem.textContent = text || "";
    problem.hidden = !text;
    box.classList.toggle("field--error", Boolean(text));
  }

  function showNote(text) {
    note.textContent = text;
    note.hidden = false;
  }

  function removeMarker() {
    if (marker && map) { map.removeLayer(marker); }
    marker = null;
  }

  function placeMarker(lat, lng, pan) {
    if (!map) { return; }
    if (!marker) {
      marker = window.L.marker([lat, lng], {
        draggable: true,
        keyboard: true,
        title: box.dataset.pinTitle,
        alt: box.dataset.pinTitle
      }).addTo(map);
      marker.on("dragend", function () {
        var moved = marker.getLatLng();
        if (!choose(moved.lat, moved.lng)) { refresh(false); }  // back where it was
      });
    } else {
      marker.setLatLng([lat, lng]);
    }
    if (pan) { map.setView([lat, lng], Math.max(map.getZoom(), 15)); }
  }

  // From the fields to the text, the pin and the "remove" button.
  function refresh(pan) {
    var typedLat = latitude.value.trim();
    var typedLng = longitude.value.trim();
    clear.hidden = !typedLat && !typedLng;
    if (!typedLat || !typedLng) {
      shown.textContent = box.dataset.empty;
      removeMarker();
      if (!typedLat && !typedLng) { showProblem(""); }
      return;
    }
    var lat = parse(typedLat);
    var lng = parse(typedLng);
    if (isNaN(lat) || isNaN(lng) || !inVietnam(lat, lng)) {
      shown.textContent = box.dataset.empty;
      showProblem(box.dataset.outside);
      removeMarker();
      return;
    }
    showProblem("");
    shown.textContent = box.dataset.label + ": " + typedLat + ", " + typedLng;
    placeMarker(lat, lng, pan);
  }

  // A position chosen on the map or by the device. Outside Vietnam it is refused here, as the
  // server would refuse it, and the fields keep what they had.
  function choose(lat, lng, pan) {
    if (!inVietnam(lat, lng)) {
      showProblem(box.dataset.outside);
      return false;
    }
    latitude.value = lat.toFixed(6);
    longitude.value = lng.toFixed(6);
    refresh(Boolean(pan));
    // Other scripts (the automatic draft) hear about the change as if it had been typed.
    latitude.dispatchEvent(new Event("input", { bubbles: true }));
    return true;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }

  function startMap() {
    if (!mapBox) { return; }
    if (!window.L) {
      showNote(box.dataset.noMap);
      return;
    }
    try {
      mapBox.hidden = false;
      var lat = parse(latitude.value);
      var lng = parse(longitude.value);
      var known = !isNaN(lat) && !isNaN(lng) && inVietnam(lat, lng);
      map = window.L.map(mapBox, { keyboard: true, zoomControl: false }).setView(
        known ? [lat, lng] : [parseFloat(mapBox.dataset.centerLatitude), parseFloat(mapBox.dataset.centerLongitude)],
        known ? 16 : parseInt(mapBox.dataset.zoom, 10)
      );
      window.L.control.zoom({
        zoomInTitle: mapBox.dataset.zoomIn || "+",
        zoomOutTitle: mapBox.dataset.zoomOut || "-"
      }).addTo(map);
      var tiles = window.L.tileLayer(mapBox.dataset.tileUrl, {
        maxZoom: 19,
        attribution: escapeHtml(mapBox.dataset.attribution || "")
      });
      var tileProblemShown = false;
      tiles.on("tileerror", function () {
        if (!tileProblemShown) {
          tileProblemShown = true;
          mapBox.dataset.tilesFailed = "1";
          showNote(box.dataset.noTiles);
        }
      });
      tiles.addTo(map);
      map.on("click", function (event) { choose(event.latlng.lat, event.latlng.lng); });
      if (centerButton) {
        centerButton.hidden = false;
        centerButton.addEventListener("click", function () {
          var center = map.getCenter();
          choose(center.lat, center.lng);
        });
      }
      mapBox.dataset.ready = "1";
    } catch (error) {
      map = null;
      marker = null;
      mapBox.hidden = true;
      showNote(box.dataset.noMap);
    }
  }

  [latitude, longitude].forEach(function (input) {
    input.addEventListener("change", function () { refresh(true); });
    input.addEventListener("input", function (event) {
      if (event.isTrusted) { refresh(false); }
    });
  });
  // The automatic draft restores the fields from this device and says so with this event.
  box.addEventListener("position:restored", function () { refresh(true); });

  clear.addEventListener("click", function () {
    latitude.value = "";
    longitude.value = "";
    refresh(false);
    showProblem("");
    latitude.dispatchEvent(new Event("input", { bubbles: true }));
  });

  if (geolocate && "geolocation" in navigator) {
    geolocate.hidden = false;
    geolocate.addEventListener("click", function () {
      geolocate.disabled = true;
      navigator.geolocation.getCurrentPosition(function (found) {
        choose(found.coords.latitude, found.coords.longitude, true);
        geolocate.disabled = false;
      }, function () {
        showProblem(box.dataset.geolocateError);
        geolocate.disabled = false;
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
  }

  startMap();
  // A position posted back with an error keeps its message from the server; otherwise the
  // fields decide.
  if (problem.hidden) { refresh(false); } else if (marker === null) { clear.hidden = !latitude.value && !longitude.value; }
})();
