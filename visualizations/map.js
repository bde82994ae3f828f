/* cosgraph map page: draws the map from the JSON data block and wires the controls.
 * Every user string reaches the page through textContent or the canvas, never innerHTML.
 * window.cosgraphMap exposes the page's own data for tests and notebooks. */
(function () {
  "use strict";
  var page = JSON.parse(document.getElementById("cosgraph-data").textContent);
  /* One view per page, or the explorer's many, each in a JSON block of its own that is
   * parsed when first shown: each view is drawn alike. */
  var names = page.view_names || [page.view];
  var parsed = {};
  function block(name) {
    if (!parsed[name]) parsed[name] = JSON.parse(document.getElementById("cosgraph-" + name).textContent);
    return parsed[name];
  }
  function viewData(i) { return page.view_names ? block("view-" + i) : page; }
  var data = viewData(0);
  var NOT_YET = "#e4e7eb";
  var api = { audience: page.audience, explorer: !!page.view_names, ready: false,
    views: names.slice(), skipped: page.skipped || {} };
  window.cosgraphMap = api;
  function describe() {
    api.view = data.view;
    api.nodeCount = data.nodes.length;
    api.edgeCount = data.edges.length;
    api.tieCount = data.tie_count;
    api.anonymous = data.anonymous;
    api.physics = !!(data.options.physics && data.options.physics.enabled);
    api.legend = data.legend;
    api.labels = data.nodes.map(function (n) { return n.label; });
    api.colorAttribute = data.color_by;
    api.sizeAttribute = data.size_by;
  }
  describe();

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  var byId = {};
  function index() {
    byId = {};
    data.nodes.forEach(function (n) { n.baseColor = n.baseColor || n.color; byId[n.id] = n; });
  }
  index();
  /* vis draws shapes and lines only: labels and marks are drawn by the overlay below. */
  var VIS_FIELDS = ["id", "shape", "color", "value", "x", "y", "hidden"];
  function visNodes(list) {
    return list.map(function (n) {
      var o = {};
      VIS_FIELDS.forEach(function (k) { if (n[k] !== undefined) o[k] = n[k]; });
      return o;
    });
  }
  /* Only options that differ from the defaults: vis builds 20,000 edges twice as fast. */
  function visEdges(list) {
    return list.map(function (e) {
      var o = { id: e.id, from: e.from, to: e.to };
      if (e.width !== 1) o.width = e.width;
      if (e.dashes) o.dashes = true;
      if (e.color) o.color = e.color;
      if (e.label) o.label = e.label;
      return o;
    });
  }
  var edgeById = {};
  function indexEdges() {
    edgeById = {};
    data.edges.forEach(function (e) { edgeById[e.id] = e; });
  }
  indexEdges();
  var nodes = new vis.DataSet(visNodes(data.nodes));
  var edges = new vis.DataSet(visEdges(data.edges));
  var container = document.getElementById("cg-map");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  api.network = network;
  api.labelOf = function (id) { return byId[id] ? byId[id].label : null; };

  /* Overlay: marks (rings) and labels.  Labels go to the most important nodes first —
   * levers, then by size — and a label that would overlap one already placed is left
   * out, so names never overlap; zooming in makes room for more. */
  var MARK_STYLE = {
    lived_experience: { color: "#1f2933", dash: false, gap: 2.5 },
    broker: { color: "#7b2d8b", dash: true, gap: 6 },
    lever: { color: "#006d2c", dash: false, gap: 2.5 }
  };
  var LABEL_PX = 12;
  var LABEL_CANDIDATES = 4000;
  var ranked = [];
  function rank() {
    /* The biggest nodes first, then levers (always worth naming), then by size. */
    var most = 0;
    data.nodes.forEach(function (n) { most = Math.max(most, n.value || 0); });
    function score(n) { return n.kind === "lever" ? Math.max(n.value || 0, most * 0.95) : n.value || 0; }
    ranked = data.nodes.slice().sort(function (a, b) { return score(b) - score(a); })
      .slice(0, LABEL_CANDIDATES);
  }
  rank();
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = LABEL_PX + "px system-ui, sans-serif";
  var widths = {};
  function widthOf(text) {
    if (widths[text] === undefined) widths[text] = measure.measureText(text).width;
    return widths[text];
  }
  api.labelBoxes = [];
  network.on("afterDrawing", function (ctx) {
    var scale = network.getScale();
    var view = network.getViewPosition();
    var w = container.clientWidth;
    var h = container.clientHeight;
    var body = network.body.nodes;
    function toDom(x, y) { return { x: (x - view.x) * scale + w / 2, y: (y - view.y) * scale + h / 2 }; }
    ctx.save();
    data.nodes.forEach(function (n) {
      if (!n.marks || n.hidden) return;
      var b = body[n.id];
      if (!b) return;
      var r = (b.shape.radius || (b.shape.width || 10) / 2);
      n.marks.forEach(function (mark) {
        var style = MARK_STYLE[mark];
        if (!style) return;
        ctx.beginPath();
        ctx.setLineDash(style.dash ? [3 / scale, 3 / scale] : []);
        ctx.lineWidth = 2.2 / scale;
        ctx.strokeStyle = style.color;
        ctx.arc(b.x, b.y, r + style.gap / scale + 1.5, 0, 2 * Math.PI);
        ctx.stroke();
      });
    });
    ctx.setLineDash([]);
    var placed = [];
    var grid = {};
    var CELL = 80;
    function clashes(box) {
      for (var gx = Math.floor(box.x / CELL); gx <= Math.floor((box.x + box.w) / CELL); gx++) {
        for (var gy = Math.floor(box.y / CELL); gy <= Math.floor((box.y + box.h) / CELL); gy++) {
          var cell = grid[gx + "," + gy];
          if (!cell) continue;
          for (var i = 0; i < cell.length; i++) {
            var o = cell[i];
            if (box.x < o.x + o.w && o.x < box.x + box.w && box.y < o.y + o.h && o.y < box.y + box.h) return true;
          }
        }
      }
      return false;
    }
    function keep(box) {
      placed.push(box);
      for (var gx = Math.floor(box.x / CELL); gx <= Math.floor((box.x + box.w) / CELL); gx++) {
        for (var gy = Math.floor(box.y / CELL); gy <= Math.floor((box.y + box.h) / CELL); gy++) {
          (grid[gx + "," + gy] = grid[gx + "," + gy] || []).push(box);
        }
      }
    }
    ctx.font = (LABEL_PX / scale) + "px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    var onScreen = 0;
    var done = {};
    /* what the user found or clicked is named first */
    var picked = network.getSelectedNodes().map(function (id) { return byId[id]; })
      .filter(function (n) { return n; });
    picked.concat(ranked).forEach(function (n) {
      if (n.hidden) return;
      var b = body[n.id];
      if (!b) return;
      var r = (b.shape.radius || (b.shape.height || 10) / 2);
      var at = toDom(b.x, b.y + r);
      var tw = widthOf(n.label);
      var box = { x: at.x - tw / 2 - 1, y: at.y + 2, w: tw + 2, h: LABEL_PX + 3, id: n.id, label: n.label };
      if (box.x + box.w < 0 || box.x > w || box.y > h || box.y + box.h < 0) return;
      if (done[n.id]) return;
      done[n.id] = true;
      onScreen += 1;
      if (clashes(box)) return;
      keep(box);
      ctx.lineWidth = 3 / scale;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.fillStyle = n.kind === "lever" ? "#004d1f" : "#1f2933";
      ctx.strokeText(n.label, b.x, b.y + r + 2 / scale);
      ctx.fillText(n.label, b.x, b.y + r + 2 / scale);
    });
    ctx.restore();
    api.labelBoxes = placed;
    api.labelShare = onScreen ? placed.length / onScreen : 1;
  });

  function setText(id, text) {
    var node = document.getElementById(id);
    if (node) node.textContent = String(text);
  }
  function readable(name) { return String(name).replace(/_/g, " "); }
  function counts() {
    setText("cg-node-count", data.nodes.length.toLocaleString("en"));
    setText("cg-edge-count", data.edges.length.toLocaleString("en"));
  }
  counts();

  function markReady() {
    if (api.ready) return;
    api.ready = true;
    api.readyAt = performance.now();
    document.body.setAttribute("data-ready", "1");
  }
  /* Positions are computed once in Python and physics is off: the first drawing is final.
   * Ready means drawn and every control working: the explorer's other views follow the
   * script in the file, so the whole document must be parsed too. */
  network.once("afterDrawing", function () {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", markReady);
    } else {
      markReady();
    }
  });

  /* Tooltips: our own box filled with text nodes (vis would parse a title string as HTML). */
  var tip = document.getElementById("cg-tooltip");
  function showTip(rows, event) {
    while (tip.firstChild) tip.removeChild(tip.firstChild);
    rows.forEach(function (row, i) {
      if (i === 0 && row[0] === "") { tip.appendChild(el("div", "cg-tip-title", row[1])); return; }
      var line = el("div", "cg-tip-row");
      line.appendChild(el("span", "cg-tip-key", row[0] + ": "));
      line.appendChild(document.createTextNode(row[1]));
      tip.appendChild(line);
    });
    var pointer = event && event.event && event.event.center;
    var rect = container.getBoundingClientRect();
    var x = pointer ? pointer.x : rect.left + event.pointer.DOM.x;
    var y = pointer ? pointer.y : rect.top + event.pointer.DOM.y;
    tip.hidden = false;
    var left = Math.min(x + 14, window.innerWidth - tip.offsetWidth - 8);
    var top = Math.min(y + 14, window.innerHeight - tip.offsetHeight - 8);
    tip.style.left = Math.max(4, left) + "px";
    tip.style.top = Math.max(4, top) + "px";
  }
  function hideTip() { tip.hidden = true; }
  network.on("hoverNode", function (params) {
    var n = byId[params.node];
    if (n) showTip(n.tip || [["", String(n.label || n.id)]], params);
  });
  network.on("hoverEdge", function (params) {
    var e = edgeById[params.edge];
    if (e) showTip([["", byId[e.from].label + " → " + byId[e.to].label], ["ties", e.tip]], params);
  });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);
  api.showTooltip = function (pageId) {
    var pos = network.canvasToDOM(network.getPositions([pageId])[pageId]);
    showTip(byId[pageId].tip, { pointer: { DOM: pos } });
    return tip.textContent;
  };

  /* Filters: legend entries toggle colour categories and kinds. */
  var hiddenCats = {};
  var hiddenKinds = {};
  var focusSet = null;
  function applyFilters() {
    var changes = [];
    data.nodes.forEach(function (n) {
      var hide = !!(hiddenCats[n.cat] || hiddenKinds[n.kind] || (focusSet && !focusSet[n.id]));
      if (hide !== !!n.hidden) { n.hidden = hide; changes.push({ id: n.id, hidden: hide }); }
    });
    if (changes.length) nodes.update(changes);
    api.visibleCount = data.nodes.length - data.nodes.filter(function (n) { return n.hidden; }).length;
  }
  api.visibleCount = data.nodes.length;

  function shapeIcon(shape) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 14 14");
    svg.setAttribute("class", "cg-shape");
    var paths = {
      dot: "M7 1a6 6 0 1 0 0.01 0Z", square: "M2 2h10v10H2Z", diamond: "M7 1l6 6-6 6-6-6Z",
      triangle: "M7 1l6 12H1Z", triangleDown: "M1 1h12L7 13Z",
      hexagon: "M4 1h6l3 6-3 6H4L1 7Z", star: "M7 0.5l1.9 4.2 4.6.4-3.5 3 1.1 4.5L7 10.3l-4.1 2.3 1.1-4.5-3.5-3 4.6-.4Z"
    };
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", paths[shape] || paths.dot);
    path.setAttribute("fill", "#7b8794");
    svg.appendChild(path);
    return svg;
  }

  var colorList = document.getElementById("cg-legend-color");
  var shapeList = document.getElementById("cg-legend-shape");
  var markList = document.getElementById("cg-legend-marks");
  function markIcon(entry) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 14 14");
    svg.setAttribute("class", "cg-shape");
    var line = document.createElementNS(ns, entry.group === "tie" ? "line" : "circle");
    if (entry.group === "tie") {
      line.setAttribute("x1", "0"); line.setAttribute("y1", "7");
      line.setAttribute("x2", "14"); line.setAttribute("y2", "7");
      line.setAttribute("stroke", entry.color);
      line.setAttribute("stroke-width", "3");
    } else {
      line.setAttribute("cx", "7"); line.setAttribute("cy", "7"); line.setAttribute("r", "5");
      line.setAttribute("fill", "none");
      line.setAttribute("stroke", MARK_STYLE[entry.mark].color);
      line.setAttribute("stroke-width", "2");
      if (MARK_STYLE[entry.mark].dash) line.setAttribute("stroke-dasharray", "2 2");
    }
    svg.appendChild(line);
    return svg;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function buildLegend() {
    clear(colorList);
    clear(shapeList);
    if (markList) clear(markList);
    hiddenCats = {};
    hiddenKinds = {};
    var colorIndex = 0;
    data.legend.forEach(function (entry) {
      if (entry.group === "tie" || entry.group === "mark") {
        var line = el("li");
        line.setAttribute("data-" + entry.group, entry.label);
        line.appendChild(markIcon(entry));
        line.appendChild(el("span", "cg-legend-label", entry.label));
        line.appendChild(el("span", "cg-count", entry.count));
        markList.appendChild(line);
        return;
      }
      var item = el("li");
      var label = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      label.appendChild(box);
      if (entry.group === "color") {
        var cat = colorIndex++;
        var swatch = el("span", "cg-swatch");
        swatch.style.background = entry.color;
        label.appendChild(swatch);
        box.addEventListener("change", function () { hiddenCats[cat] = !box.checked; applyFilters(); });
        item.setAttribute("data-cat", String(cat));
      } else {
        label.appendChild(shapeIcon(entry.shape));
        box.addEventListener("change", function () { hiddenKinds[entry.kind] = !box.checked; applyFilters(); });
        item.setAttribute("data-kind", entry.kind);
      }
      label.appendChild(el("span", "cg-legend-label", entry.label));
      label.appendChild(el("span", "cg-count", entry.count));
      item.appendChild(label);
      (entry.group === "color" ? colorList : shapeList).appendChild(item);
    });
  }
  buildLegend();

  /* Search: select and frame the nodes whose label contains the text. */
  var input = document.getElementById("cg-search-input");
  var result = document.getElementById("cg-search-result");
  function find() {
    /* Folded as search_key folds labels in Python: NFKD, marks dropped, lower case. */
    var text = input.value.trim().normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
    if (!text) { result.textContent = ""; network.unselectAll(); return []; }
    var ids = data.nodes.filter(function (n) {
      return !n.hidden && n.find.indexOf(text) !== -1;
    }).map(function (n) { return n.id; });
    network.selectNodes(ids);
    if (ids.length) network.fit({ nodes: ids, animation: false, maxZoomLevel: 2 });
    result.textContent = ids.length + (ids.length === 1 ? " node found" : " nodes found");
    return ids;
  }
  api.find = function (text) { input.value = text; return find(); };
  document.getElementById("cg-search-button").addEventListener("click", find);
  input.addEventListener("keydown", function (event) { if (event.key === "Enter") find(); });
  document.getElementById("cg-clear-button").addEventListener("click", function () {
    input.value = "";
    find();
    network.fit({ animation: false });
  });

  /* Spread: a period slider greys out nodes that had not adopted by then. */
  var slider = document.getElementById("cg-period");
  function setupPeriods() {
    if (!slider) return;
    var section = document.getElementById("cg-periods");
    var periods = data.periods || [];
    section.hidden = !periods.length;
    if (!periods.length) { delete api.setPeriod; return; }
    slider.min = String(periods[0]);
    slider.max = String(periods[periods.length - 1]);
    slider.value = slider.max;
    api.setPeriod = setPeriod;
    setPeriod(Number(slider.value));
  }
  function setPeriod(period) {
    var output = document.getElementById("cg-period-value");
    var count = document.getElementById("cg-period-count");
    var changes = [];
    var adopted = 0;
    data.nodes.forEach(function (n) {
      if (n.period === undefined) return;
      var on = n.period !== null && n.period <= period;
      if (on) adopted += 1;
      var color = on || n.period === null ? n.baseColor : NOT_YET;
      if (color !== n.color) { n.color = color; changes.push({ id: n.id, color: color }); }
    });
    if (changes.length) nodes.update(changes);
    /* Honest counts: people not named on this map are counted, never placed. */
    var unnamed = (data.hidden_periods || []).filter(function (p) { return p <= period; }).length;
    adopted += unnamed;
    slider.value = String(period);
    output.textContent = String(period);
    count.textContent = adopted + " adopted by period " + period +
      (unnamed ? " (" + unnamed + " not named)" : "");
    api.period = period;
    api.adopted = adopted;
    return adopted;
  }
  if (slider) slider.addEventListener("input", function () { setPeriod(Number(slider.value)); });
  setupPeriods();

  /* The explorer: views, colour and size are switched in the page, from what it embeds. */
  var viewSelect = document.getElementById("cg-view-select");
  var colorSelect = document.getElementById("cg-color-select");
  var sizeSelect = document.getElementById("cg-size-select");
  function fillSelect(select, names, chosen) {
    if (!select) return;
    clear(select);
    names.forEach(function (name) {
      var option = el("option", null, readable(name));
      option.value = name;
      option.selected = name === chosen;
      select.appendChild(option);
    });
  }
  function encoding() {
    setText("cg-color-by", readable(data.color_by));
    setText("cg-color-heading", readable(data.color_by));
    setText("cg-size-by", readable(data.size_by) + (data.size_by === "degree" ? " (ties drawn)" : ""));
  }
  function colorBy(name) {
    var choice = data.colorings && data.colorings[name];
    if (!choice) throw new Error("no colour " + name);
    var shapes = data.legend.filter(function (e) { return e.group !== "color"; });
    data.legend = choice.legend.concat(shapes);
    data.color_by = name;
    var changes = data.nodes.map(function (n, i) {
      n.cat = choice.cat[i];
      n.baseColor = n.color = choice.legend[n.cat].color;
      return { id: n.id, color: n.color };
    });
    nodes.update(changes);
    buildLegend();
    applyFilters();
    encoding();
    if (colorSelect) colorSelect.value = name;
    if (data.periods) setPeriod(Number(slider.value));
    describe();
    return data.legend;
  }
  function sizeBy(name) {
    var sizes = data.sizings && data.sizings[name];
    if (!sizes) throw new Error("no size " + name);
    data.size_by = name;
    if (sizeSelect) sizeSelect.value = name;
    nodes.update(data.nodes.map(function (n, i) { n.value = sizes[i]; return { id: n.id, value: n.value }; }));
    rank();
    encoding();
    describe();
    return name;
  }
  function showView(name) {
    if (names.indexOf(name) < 0) throw new Error("no view " + name);
    var found = viewData(names.indexOf(name));
    data = found;
    index();
    hideTip();
    focusSet = null;
    dimmed = false;
    api.highlighted = null;
    nodes.clear();
    edges.clear();
    network.setOptions(data.options);
    nodes.add(visNodes(data.nodes));
    indexEdges();
    edges.add(visEdges(data.edges));
    rank();
    setText("cg-view-what", data.what);
    setText("cg-view-how", data.how);
    setText("cg-tie-count", data.tie_count);
    counts();
    buildLegend();
    applyFilters();
    encoding();
    setupPeriods();
    fillSelect(colorSelect, Object.keys(data.colorings || {}), data.color_by);
    fillSelect(sizeSelect, Object.keys(data.sizings || {}), data.size_by);
    if (viewSelect) viewSelect.value = name;
    network.fit({ animation: false });
    describe();
    return api.nodeCount;
  }
  if (viewSelect) {
    fillSelect(viewSelect, api.views, data.view);
    viewSelect.addEventListener("change", function () { showView(viewSelect.value); });
    colorSelect.addEventListener("change", function () { colorBy(colorSelect.value); });
    sizeSelect.addEventListener("change", function () { sizeBy(sizeSelect.value); });
    fillSelect(colorSelect, Object.keys(data.colorings || {}), data.color_by);
    fillSelect(sizeSelect, Object.keys(data.sizings || {}), data.size_by);
  }
  /* Click: a node's profile in the side panel; a lever's trust paths highlighted;
   * focus mode keeps only the clicked node's k-step neighbourhood. */
  function profiles() { return page.view_names ? block("profiles") : {}; }
  var levers = page.levers || {};
  var profile = document.getElementById("cg-profile");
  function pairs() {
    var found = {};
    data.edges.forEach(function (e) {
      [e.from + "|" + e.to, e.to + "|" + e.from].forEach(function (key) {
        (found[key] = found[key] || []).push(e.id);
      });
    });
    return found;
  }
  function rowsInto(box, title, rows) {
    if (!rows.length) return;
    box.appendChild(el("h3", null, title));
    rows.forEach(function (row) {
      var line = el("div", "cg-tip-row");
      line.appendChild(el("span", "cg-tip-key", row[0] + ": "));
      line.appendChild(document.createTextNode(row[1]));
      box.appendChild(line);
    });
  }
  function showProfile(id) {
    if (!profile) return null;
    var node = byId[id];
    var about = profiles()[id];
    var body = document.getElementById("cg-profile-body");
    clear(body);
    setText("cg-profile-title", node ? node.label : "");
    var rows = about ? about.rows : (node && node.tip) || [];
    rowsInto(body, "Profile", rows.filter(function (r) { return r[0] !== ""; }));
    if (about) {
      rowsInto(body, "Brokerage roles (two-paths brokered)", about.roles.map(function (r) {
        return [readable(r[0]), String(r[1])];
      }));
      rowsInto(body, "Stance toward levers", about.stances.map(function (s) {
        return [s[0], (s[1] === "DECIDES" ? "decides" : "influences" + (s[2] ? " via " + s[2] : "")) +
          ", " + readable(s[3])];
      }));
      rowsInto(body, "Nearest decider, by trust path", about.paths.map(function (p) {
        return [p[0], p[1] + (p[1] === 1 ? " step: " : " steps: ") + p[2].join(" → ")];
      }));
    }
    var lever = levers[id];
    if (lever) {
      rowsInto(body, "Residents' reach", [
        ["nearest resident", lever.nearest === null ? "none connected" : lever.nearest],
        ["distance", lever.distance === null ? "no trust path" : lever.distance + " steps"],
        ["reached within " + lever.k, lever.reached ? "yes" : "no"],
        ["paths highlighted", String(lever.paths.length)]
      ]);
    }
    profile.hidden = false;
    api.profileText = profile.textContent;
    return api.profileText;
  }
  function highlightLever(id) {
    var lever = levers[id];
    if (!lever) return null;
    var byPair = pairs();
    var chosen = {};
    var lines = {};
    chosen[id] = true;
    function join(a, b) { (byPair[a + "|" + b] || []).forEach(function (e) { lines[e] = true; }); }
    lever.paths.forEach(function (path) {
      path.forEach(function (step, i) {
        chosen[step] = true;
        if (i) join(path[i - 1], step);
      });
      join(path[path.length - 1], id);
    });
    var shown = Object.keys(chosen).filter(function (n) { return byId[n]; });
    var edgeIds = Object.keys(lines);
    network.setSelection({ nodes: shown, edges: edgeIds }, { unselectAll: true, highlightEdges: false });
    dim(chosen, lines);
    network.fit({ nodes: shown, animation: false });
    api.highlighted = { nodes: shown.sort(), edges: edgeIds.sort() };
    return api.highlighted;
  }
  /* Everything off the highlighted paths fades, so the paths read at a glance. */
  var dimmed = false;
  function dim(keepNodes, keepEdges) {
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, color: keepNodes[n.id] ? n.color : NOT_YET };
    }));
    edges.update(data.edges.map(function (e) {
      return { id: e.id, hidden: !keepEdges[e.id] && !!keepNodes };
    }));
    dimmed = true;
  }
  function undim() {
    if (!dimmed) return;
    nodes.update(data.nodes.map(function (n) { return { id: n.id, color: n.color }; }));
    edges.update(data.edges.map(function (e) { return { id: e.id, hidden: false }; }));
    dimmed = false;
    api.highlighted = null;
  }
  function focus(id, k) {
    var near = {};
    near[id] = true;
    var frontier = [id];
    var links = {};
    data.edges.forEach(function (e) {
      (links[e.from] = links[e.from] || []).push(e.to);
      (links[e.to] = links[e.to] || []).push(e.from);
    });
    for (var step = 0; step < k; step++) {
      var next = [];
      frontier.forEach(function (n) {
        (links[n] || []).forEach(function (m) { if (!near[m]) { near[m] = true; next.push(m); } });
      });
      frontier = next;
    }
    focusSet = near;
    applyFilters();
    network.fit({ nodes: Object.keys(near), animation: false });
    return api.visibleCount;
  }
  function unfocus() { focusSet = null; applyFilters(); }
  var focusBox = document.getElementById("cg-focus");
  if (focusBox) focusBox.addEventListener("change", function () { if (!focusBox.checked) unfocus(); });
  function clickNode(id) {
    undim();
    showProfile(id);
    if (levers[id]) highlightLever(id);
    if (focusBox && focusBox.checked) {
      focus(id, Number(document.getElementById("cg-focus-k").value) || 1);
    }
    api.clicked = id;
  }
  network.on("click", function (params) {
    undim();
    if (params.nodes.length) clickNode(params.nodes[0]);
  });
  api.clickNode = clickNode;
  api.highlightLever = highlightLever;
  api.focus = focus;
  api.unfocus = unfocus;
  api.showProfile = showProfile;
  api.showView = showView;
  api.colorBy = colorBy;
  api.sizeBy = sizeBy;
  api.colorChoices = function () { return Object.keys(data.colorings || {}); };
  api.sizeChoices = function () { return Object.keys(data.sizings || {}); };
})();
