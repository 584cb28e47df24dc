// The relationship graph (full page and the 1-hop graph of actor pages), drawn with vis-network.
// Positions come precomputed from the build, so the graph appears at once with physics off.
// Every text from the records is set with textContent or passed to vis-network as a DOM element:
// nothing from the data is ever parsed as HTML. Runs once per page load (instant navigation is off).
(function () {
  "use strict";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function link(href, text, className) {
    var a = el("a", className, text);
    a.setAttribute("href", href);
    return a;
  }

  function themeColour(name, fallback) {
    var value = window.getComputedStyle(document.body).getPropertyValue(name).trim();
    return value || fallback;
  }

  function Graph(section) {
    var source = document.getElementById(section.getAttribute("data-graph"));
    this.section = section;
    this.data = JSON.parse(source.textContent);
    this.root = section.getAttribute("data-root") || "";
    if (this.root && this.root.charAt(this.root.length - 1) !== "/") this.root += "/";
    this.box = section.querySelector(".graph-canvas");
    this.panel = section.querySelector(".graph-panel");
    this.status = section.querySelector(".graph-status");
    this.nodeById = {};
    this.edgeById = {};
    this.layerOn = { cooccurrence: false };
    var self = this;
    this.data.nodes.forEach(function (node) {
      self.nodeById[node.id] = node;
    });
    var toggle = section.querySelector("[data-graph-toggle=cooccurrence]");
    // with no relation to draw (an actor only named with others), the co-occurrence layer shows from the start
    if (toggle && !this.data.edges.length) toggle.checked = true;
    this.layerOn.cooccurrence = !!(toggle && toggle.checked);
    this.draw();
    this.wire();
    this.apply();
    var wanted = new URLSearchParams(window.location.search).get("actor");
    if (wanted && this.nodeById[wanted]) this.focusNode(wanted);
  }

  function words(type) {
    return String(type || "").replace(/-/g, " ");
  }

  Graph.prototype.actorUrl = function (id) {
    return this.root + "actors/" + encodeURIComponent(id) + "/";
  };

  Graph.prototype.kindStyle = function (kind) {
    return this.data.styles.kinds[kind] || this.data.styles.default_kind;
  };

  Graph.prototype.typeStyle = function (type) {
    return this.data.styles.types[type] || this.data.styles.default_type;
  };

  Graph.prototype.nodeTip = function (node) {
    var tip = el("div", "graph-tip");
    tip.appendChild(el("strong", null, node.label));
    tip.appendChild(el("div", null, node.kind));
    var words = node.degree === 1 ? "1 relation" : node.degree + " relations";
    if (node.layer === "cooccurrence" && !node.degree) words = "named with others, no relation";
    tip.appendChild(el("div", null, words + (node.betweenness ? " · betweenness " + node.betweenness.toFixed(3) : "")));
    return tip;
  };

  Graph.prototype.edgeTip = function (edge) {
    var tip = el("div", "graph-tip");
    var subject = this.nodeById[edge.subject], object = this.nodeById[edge.object];
    if (edge.type) {
      tip.appendChild(el("strong", null, subject.label + " " + words(edge.type) + " " + object.label));
      var claims = edge.claims.length === 1 ? "1 claim" : edge.claims.length + " claims";
      var articles = edge.sources.length === 1 ? "1 article" : edge.sources.length + " articles";
      tip.appendChild(el("div", null, claims + " in " + articles + " · select the line to list them"));
      if (edge.status === "contested" || edge.status === "disputed") {
        var against = edge.disputing.length === 1 ? "1 article disputes" : edge.disputing.length + " articles dispute";
        tip.appendChild(el("div", null, edge.status + ": " + against + " a claim it rests on"));
      }
    } else {
      tip.appendChild(el("strong", null, subject.label + " and " + object.label));
      tip.appendChild(el("div", null, "named together in " + (edge.claims.length + edge.events.length) + (edge.claims.length + edge.events.length === 1 ? " claim or event" : " claims or events")));
    }
    return tip;
  };

  Graph.prototype.draw = function () {
    var self = this;
    var data = this.data;
    var nodes = data.nodes.map(function (node) {
      var style = self.kindStyle(node.kind);
      var size = Math.min(data.center ? 28 : 40, 9 + 4.2 * Math.sqrt(node.degree || 0));
      var font = Math.min(30, 13 + 2.2 * Math.sqrt(node.degree || 0));
      return {
        id: node.id,
        label: node.label,
        x: node.x,
        y: node.y,
        shape: style.shape,
        size: node.id === data.center ? Math.max(size, 24) : size,
        font: { size: node.id === data.center ? Math.max(font, 20) : font },
        color: { background: style.colour, border: "#2b2b2b", highlight: { background: style.colour, border: "#000000" }, hover: { background: style.colour, border: "#000000" } },
        borderWidth: node.id === data.center ? 3 : 1,
        title: self.nodeTip(node),
        hidden: node.layer === "cooccurrence" && !self.layerOn.cooccurrence
      };
    });
    var pairs = {};
    function curve(edge) {
      var key = edge.subject < edge.object ? edge.subject + "\u0000" + edge.object : edge.object + "\u0000" + edge.subject;
      var index = pairs[key] = (pairs[key] === undefined ? 0 : pairs[key] + 1);
      if (!index) return false;
      return { enabled: true, type: index % 2 ? "curvedCW" : "curvedCCW", roundness: 0.12 * Math.ceil(index / 2) + 0.06 };
    }
    var edges = data.edges.map(function (edge) {
      var style = self.typeStyle(edge.type);
      self.edgeById[edge.id] = edge;
      return {
        id: edge.id,
        from: edge.subject,
        to: edge.object,
        color: { color: style.colour, highlight: style.colour, hover: style.colour },
        // a relation whose evidence an article disputes is drawn dotted, whatever its type
        dashes: edge.status === "contested" || edge.status === "disputed" ? [2, 5] : style.dashes.length ? style.dashes : false,
        // thicker when more articles back it
        width: style.width + 0.9 * Math.max(0, edge.sources.length - 1),
        arrows: { to: { enabled: true, scaleFactor: 0.55 } },
        smooth: curve(edge),
        title: self.edgeTip(edge),
        // on a small actor graph each line carries its type as a word; on larger ones the tooltip does
        label: data.center && data.edges.length <= 12 ? words(edge.type) : undefined
      };
    });
    var co = data.styles.cooccurrence;
    data.cooccurrence.forEach(function (edge) {
      self.edgeById[edge.id] = edge;
      edges.push({
        id: edge.id,
        from: edge.subject,
        to: edge.object,
        color: { color: co.colour, highlight: co.colour, hover: co.colour, opacity: 0.7 },
        dashes: co.dashes,
        width: Math.min(4, co.width + Math.log(edge.weight) / 1.5),
        arrows: { to: { enabled: false } },
        smooth: false,
        title: self.edgeTip(edge),
        hidden: !self.layerOn.cooccurrence
      });
    });
    this.nodes = new vis.DataSet(nodes);
    this.edges = new vis.DataSet(edges);
    var fg = themeColour("--md-default-fg-color", "#222222");
    var bg = themeColour("--md-default-bg-color", "#ffffff");
    this.network = new vis.Network(this.box, { nodes: this.nodes, edges: this.edges }, {
      autoResize: true,
      physics: { enabled: false, solver: "forceAtlas2Based", stabilization: false },
      layout: { improvedLayout: false },
      interaction: { hover: true, tooltipDelay: 120, keyboard: false, navigationButtons: false, multiselect: false },
      // labels of well-connected actors are larger, so they stay readable when the whole graph is in view
      nodes: { font: { color: fg, strokeWidth: 4, strokeColor: bg, face: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif" } },
      edges: { font: { color: fg, size: 12, strokeWidth: 3, strokeColor: bg, align: "horizontal" }, selectionWidth: 2, hoverWidth: 1 }
    });
    // the canvas takes no keyboard focus: keyboard readers use the find box, the lists and the table
    var frame = this.box.querySelector(".vis-network");
    if (frame) frame.setAttribute("tabindex", "-1");
    var section = this.section;
    this.core = this.largestGroup();
    if (!data.center && this.core.length < data.nodes.length) this.showCore(false);
    this.network.once("afterDrawing", function () {
      section.setAttribute("data-drawn", "true");
    });
  };

  // The largest group of actors linked by relations: the full graph opens on it, so that its labels
  // are legible; smaller groups linked to none of them stay aside until "Show everything".
  Graph.prototype.largestGroup = function () {
    var next = {};
    this.data.edges.forEach(function (edge) {
      (next[edge.subject] = next[edge.subject] || []).push(edge.object);
      (next[edge.object] = next[edge.object] || []).push(edge.subject);
    });
    var seen = {}, best = [];
    Object.keys(next).forEach(function (start) {
      if (seen[start]) return;
      var group = [], stack = [start];
      seen[start] = true;
      while (stack.length) {
        var node = stack.pop();
        group.push(node);
        next[node].forEach(function (other) {
          if (!seen[other]) { seen[other] = true; stack.push(other); }
        });
      }
      if (group.length > best.length) best = group;
    });
    return best;
  };

  Graph.prototype.showCore = function (animate) {
    if (!this.core || !this.core.length) return;
    this.network.fit({ nodes: this.core, animation: false });
    // then a closer look at the most connected actors, where the lines are densest
    var self = this, top = this.core.slice().sort(function (a, b) { return self.nodeById[b].degree - self.nodeById[a].degree; }).slice(0, 6);
    var x = 0, y = 0;
    top.forEach(function (id) { x += self.nodeById[id].x; y += self.nodeById[id].y; });
    this.network.moveTo({ position: { x: x / top.length, y: y / top.length }, scale: this.network.getScale() * 1.6, animation: animate ? { duration: 300 } : false });
  };

  Graph.prototype.retheme = function () {
    var fg = themeColour("--md-default-fg-color", "#222222");
    var bg = themeColour("--md-default-bg-color", "#ffffff");
    this.network.setOptions({ nodes: { font: { color: fg, strokeColor: bg } }, edges: { font: { color: fg, strokeColor: bg } } });
  };

  Graph.prototype.wire = function () {
    var self = this;
    var section = this.section;
    this.network.on("click", function (params) {
      if (params.nodes.length) {
        var id = params.nodes[0];
        if (id === self.data.center) {
          self.showNode(id);
          return;
        }
        window.location.href = self.actorUrl(id);
      } else if (params.edges.length) {
        self.showEdge(params.edges[0]);
      }
    });
    this.network.on("hoverNode", function () {
      self.box.style.cursor = "pointer";
    });
    this.network.on("blurNode", function () {
      self.box.style.cursor = "";
    });
    section.querySelectorAll("[data-graph-filter] input[type=checkbox], select[data-graph-filter]").forEach(function (box) {
      box.addEventListener("change", function () {
        self.apply();
      });
    });
    var co = section.querySelector("[data-graph-toggle=cooccurrence]");
    if (co) {
      co.addEventListener("change", function () {
        self.layerOn.cooccurrence = co.checked;
        self.apply();
      });
    }
    var physics = section.querySelector("[data-graph-toggle=physics]");
    if (physics) {
      physics.addEventListener("change", function () {
        self.network.setOptions({ physics: { enabled: physics.checked } });
      });
    }
    var core = section.querySelector("[data-graph-action=core]");
    if (core) {
      core.addEventListener("click", function () {
        self.showCore(true);
      });
    }
    var fit = section.querySelector("[data-graph-action=fit]");
    if (fit) {
      fit.addEventListener("click", function () {
        self.network.fit({ animation: { duration: 300 } });
      });
    }
    var find = section.querySelector("form.graph-find");
    if (find) {
      find.addEventListener("submit", function (event) {
        event.preventDefault();
        self.find(find.querySelector("input").value);
      });
    }
    new MutationObserver(function () {
      self.retheme();
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  };

  Graph.prototype.checked = function (name) {
    var boxes = this.section.querySelectorAll("[data-graph-filter=" + name + "] input[type=checkbox]");
    if (!boxes.length) return null;
    var on = {};
    boxes.forEach(function (box) {
      on[box.value] = box.checked;
    });
    return on;
  };

  // Show what the filters and the layer toggle allow: an edge when its type (or its layer) is on and
  // both ends' kinds are on; an actor when its kind is on and one of its edges shows (the center of
  // an actor page always shows).
  Graph.prototype.apply = function () {
    var self = this;
    var types = this.checked("type");
    var kinds = this.checked("kind");
    var eraPick = this.section.querySelector("select[data-graph-filter=era]");
    var era = eraPick ? eraPick.value : "";
    function kindOn(id) {
      return !kinds || kinds[self.nodeById[id].kind] !== false;
    }
    var edgeUpdates = [];
    var nodeHasEdge = {};
    var shownEdges = 0;
    this.data.edges.forEach(function (edge) {
      var on = (!types || types[edge.type] !== false) && kindOn(edge.subject) && kindOn(edge.object) && (!era || (edge.eras || []).indexOf(era) !== -1);
      edgeUpdates.push({ id: edge.id, hidden: !on });
      if (on) {
        nodeHasEdge[edge.subject] = nodeHasEdge[edge.object] = true;
        shownEdges++;
      }
    });
    this.data.cooccurrence.forEach(function (edge) {
      var on = self.layerOn.cooccurrence && kindOn(edge.subject) && kindOn(edge.object);
      edgeUpdates.push({ id: edge.id, hidden: !on });
      if (on) {
        nodeHasEdge[edge.subject] = nodeHasEdge[edge.object] = true;
        shownEdges++;
      }
    });
    var shownNodes = 0;
    var nodeUpdates = this.data.nodes.map(function (node) {
      var on = node.id === self.data.center || (kindOn(node.id) && !!nodeHasEdge[node.id]);
      if (on) shownNodes++;
      return { id: node.id, hidden: !on };
    });
    this.edges.update(edgeUpdates);
    this.nodes.update(nodeUpdates);
    if (this.status) {
      this.status.textContent = "Showing " + shownNodes + " of " + this.data.nodes.length + " actors and " + shownEdges + " links.";
    }
  };

  Graph.prototype.clearPanel = function () {
    while (this.panel.firstChild) this.panel.removeChild(this.panel.firstChild);
  };

  Graph.prototype.claimList = function (indexes) {
    var self = this;
    var list = el("ul", "graph-claims");
    indexes.forEach(function (index) {
      var claim = self.data.claims[index];
      var item = el("li");
      item.appendChild(link(self.root + "claims/" + encodeURIComponent(claim[0]) + "/", claim[1], "ref ref-claim"));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("span", "agreement agreement-" + claim[2], claim[2]));
      list.appendChild(item);
    });
    return list;
  };

  Graph.prototype.showEdge = function (id) {
    var edge = this.edgeById[id];
    if (!edge || !this.panel) return;
    var self = this;
    var subject = this.nodeById[edge.subject], object = this.nodeById[edge.object];
    this.clearPanel();
    var heading = el("h3");
    heading.appendChild(link(this.actorUrl(subject.id), subject.label));
    if (edge.type) {
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(el("em", null, words(edge.type)));
      heading.appendChild(document.createTextNode(" "));
    } else {
      heading.appendChild(document.createTextNode(" and "));
    }
    heading.appendChild(link(this.actorUrl(object.id), object.label));
    this.panel.appendChild(heading);
    if (edge.type) {
      if (edge.page) {
        var page = el("p");
        page.appendChild(link(this.root + "relations/" + encodeURIComponent(edge.page) + "/", "The relation's page, with its quotes"));
        this.panel.appendChild(page);
      }
      if (edge.period) this.panel.appendChild(el("p", "muted", "Period: " + edge.period));
      this.panel.appendChild(el("p", "graph-panel-label", edge.claims.length === 1 ? "The claim behind it:" : "The " + edge.claims.length + " claims behind it:"));
      this.panel.appendChild(this.claimList(edge.claims));
      if (edge.sources.length) {
        var articles = el("p", "graph-sources", "Articles: ");
        edge.sources.forEach(function (index, position) {
          var article = self.data.sources[index];
          if (position) articles.appendChild(document.createTextNode(", "));
          articles.appendChild(link(self.root + "sources/" + encodeURIComponent(article[0]) + "/", article[1], "ref ref-source"));
        });
        this.panel.appendChild(articles);
      }
    } else {
      this.panel.appendChild(el("p", "muted", "Named together; this is not a relation record."));
      if (edge.claims.length) {
        this.panel.appendChild(el("p", "graph-panel-label", "In the same claim:"));
        this.panel.appendChild(this.claimList(edge.claims));
      }
      if (edge.events.length) {
        this.panel.appendChild(el("p", "graph-panel-label", "In the same event:"));
        var events = el("ul", "graph-claims");
        edge.events.forEach(function (index) {
          var event = self.data.events[index];
          var item = el("li");
          item.appendChild(link(self.root + "events/" + encodeURIComponent(event[0]) + "/", event[1], "ref ref-event"));
          events.appendChild(item);
        });
        this.panel.appendChild(events);
      }
    }
  };

  Graph.prototype.showNode = function (id) {
    var node = this.nodeById[id];
    if (!node || !this.panel) return;
    this.clearPanel();
    var heading = el("h3");
    heading.appendChild(link(this.actorUrl(node.id), node.label));
    this.panel.appendChild(heading);
    this.panel.appendChild(el("p", null, node.kind + " · " + node.degree + (node.degree === 1 ? " relation" : " relations") + " · betweenness " + node.betweenness.toFixed(3)));
    this.panel.appendChild(el("p", "muted", "Select a line to list the claims behind it."));
  };

  Graph.prototype.focusNode = function (id) {
    this.network.selectNodes([id]);
    this.network.focus(id, { scale: 1.3, animation: { duration: 300 } });
    this.showNode(id);
  };

  Graph.prototype.find = function (text) {
    var wanted = text.trim().toLowerCase();
    var out = this.section.querySelector(".graph-find-result");
    if (!wanted) return;
    var best = null, bestScore = 0;
    this.data.nodes.forEach(function (node) {
      var names = [node.label].concat(node.aliases || []);
      names.forEach(function (name) {
        var lower = name.toLowerCase();
        var score = lower === wanted ? 3 : lower.indexOf(wanted) === 0 ? 2 : lower.indexOf(wanted) !== -1 ? 1 : 0;
        if (score > bestScore) {
          best = node;
          bestScore = score;
        }
      });
    });
    if (!best) {
      if (out) out.textContent = "No actor in the graph matches “" + text.trim() + "”.";
      return;
    }
    if (this.nodes.get(best.id).hidden) {
      if (out) out.textContent = best.label + " is hidden by the filters or the layer switch.";
      this.showNode(best.id);
      return;
    }
    if (out) out.textContent = "Found " + best.label + ".";
    this.focusNode(best.id);
  };

  function start() {
    var sections = document.querySelectorAll("section.graph[data-graph]");
    if (!sections.length || typeof vis === "undefined") return;
    var graphs = [];
    sections.forEach(function (section) {
      graphs.push(new Graph(section));
    });
    // for tests and the console: the first graph's network, data sets and page data
    window.corpusGraph = { network: graphs[0].network, nodes: graphs[0].nodes, edges: graphs[0].edges, data: graphs[0].data };
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
