// Polls the session's small state endpoint and, when the map or the entries change,
// reloads the map frame (live map) or the page (facilitator). No data reaches the DOM
// from here but counts, written as text.
(function () {
  "use strict";
  var script = document.currentScript;
  var stateUrl = script.getAttribute("data-state");
  var reload = script.getAttribute("data-reload");
  var status = document.getElementById("live-status");
  var seen = null;
  function key(state) { return state.version + "/" + state.pending; }
  function poll() {
    fetch(stateUrl, { cache: "no-store", credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) {
        if (!state) { return; }
        if (status) { status.textContent = state.approved + (state.approved === 1 ? " entry" : " entries") + " on the map"; }
        if (seen !== null && key(state) !== seen) {
          if (reload === "frame") {
            var frame = document.getElementById("live-map");
            frame.src = frame.src.split("#")[0];
          } else {
            window.location.reload();
          }
        }
        seen = key(state);
      })
      .catch(function () { if (status) { status.textContent = "reconnecting…"; } });
  }
  poll();
  window.setInterval(poll, 1000);
})();
