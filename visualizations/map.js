/* cosgraph map page: draws the map from the JSON data block and wires the controls.
 * Every user string reaches the page through textContent or the canvas, never innerHTML.
 * window.cosgraphMap exposes the page's own data for tests and notebooks. */
(function () {
  "use strict";
  var page = JSON.parse(document.getElementById("cosgraph-data").textContent);
  /* One view per page, or the explorer's many: each view is drawn alike. */
  var views = page.views || [page];
  var data = views[0];
  var NOT_YET = "#e4e7eb";
  var api = { audience: page.audience, explorer: !!page.views, ready: false,
    views: views.map(function (v) { return v.view; }), skipped: page.skipped || {} };
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
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("cg-map");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  api.network = network;

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
  /* Positions are computed once in Python and physics is off: the first drawing is final. */
  network.once("afterDrawing", markReady);

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
    var e = edges.get(params.edge);
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
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function buildLegend() {
    clear(colorList);
    clear(shapeList);
    hiddenCats = {};
    hiddenKinds = {};
    var colorIndex = 0;
    data.legend.forEach(function (entry) {
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
    encoding();
    describe();
    return name;
  }
  function showView(name) {
    var found = views.filter(function (v) { return v.view === name; })[0];
    if (!found) throw new Error("no view " + name);
    data = found;
    index();
    hideTip();
    focusSet = null;
    dimmed = false;
    api.highlighted = null;
    nodes.clear();
    edges.clear();
    network.setOptions(data.options);
    nodes.add(data.nodes);
    edges.add(data.edges);
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
  var profiles = page.profiles || {};
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
    var about = profiles[id];
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
