// The relationship graph (full page and the 1-hop graph of actor pages), drawn with vis-network.
// Positions come precomputed from the build, so the graph appears at once with physics off.
// The full page carries only the graph's core (its most connected actors, or all of them in a small
// corpus); selecting or finding an actor loads its neighbourhood (graph/around/<id>.json, positions
// from the same layout, so nothing moves) and the find box looks names and aliases up in small
// files by first letters (graph/names/<letters>.json). Every text from the records is set with
// textContent or passed to vis-network as a DOM element: nothing from the data is ever parsed as
// HTML. Runs once per page load (instant navigation is off).
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

  // a name as the find box compares it: marks dropped, lower case (graph.views.fold does the same)
  function fold(text) {
    return String(text || "").normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }

  // the letters and digits of a folded name, those outside a-z and 0-9 as "_" (graph.views.name_chars)
  function nameChars(folded) {
    return (folded.match(/[\p{L}\p{N}]/gu) || []).map(function (char) {
      return /^[a-z0-9]$/.test(char) ? char : "_";
    }).join("");
  }

  function count(number, one, many) {
    return Number(number).toLocaleString("en") + " " + (number === 1 ? one : many);
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
    this.pairs = {};
    // the full page's core may be part of the graph: neighbourhoods are then loaded on demand
    this.partial = !this.data.center && this.data.complete === false;
    this.loaded = {};
    this.shards = {};
    var self = this;
    this.data.nodes.forEach(function (node) {
      self.nodeById[node.id] = node;
    });
    // where each claim, event and article sits in the lists the edges point into, for merging
    this.at = { claims: {}, events: {}, sources: {} };
    ["claims", "events", "sources"].forEach(function (list) {
      self.data[list].forEach(function (row, index) {
        self.at[list][row[0]] = index;
      });
    });
    var toggle = section.querySelector("[data-graph-toggle=cooccurrence]");
    // with no relation to draw (an actor only named with others), the co-occurrence layer shows from the start
    if (toggle && !this.data.edges.length) toggle.checked = true;
    this.layerOn.cooccurrence = !!(toggle && toggle.checked);
    this.draw();
    this.wire();
    this.apply();
    var wanted = new URLSearchParams(window.location.search).get("actor");
    if (wanted && (this.nodeById[wanted] || this.partial)) {
      this.expand(wanted).then(function (added) {
        if (self.nodeById[wanted]) self.focusNode(wanted, added);
      });
    }
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

  Graph.prototype.visNode = function (node) {
    var data = this.data;
    var style = this.kindStyle(node.kind);
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
      title: this.nodeTip(node),
      hidden: node.layer === "cooccurrence" && !this.layerOn.cooccurrence
    };
  };

  // a second relation between the same two actors is drawn curved, the next one curved the other way
  Graph.prototype.curve = function (edge) {
    var key = edge.subject < edge.object ? edge.subject + "\u0000" + edge.object : edge.object + "\u0000" + edge.subject;
    var index = this.pairs[key] = (this.pairs[key] === undefined ? 0 : this.pairs[key] + 1);
    if (!index) return false;
    return { enabled: true, type: index % 2 ? "curvedCW" : "curvedCCW", roundness: 0.12 * Math.ceil(index / 2) + 0.06 };
  };

  Graph.prototype.visEdge = function (edge) {
    var style = this.typeStyle(edge.type);
    this.edgeById[edge.id] = edge;
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
      smooth: this.curve(edge),
      title: this.edgeTip(edge),
      // on a small actor graph each line carries its type as a word; on larger ones the tooltip does
      label: this.data.center && this.data.edges.length <= 12 ? words(edge.type) : undefined
    };
  };

  Graph.prototype.visLink = function (edge) {
    var co = this.data.styles.cooccurrence;
    this.edgeById[edge.id] = edge;
    return {
      id: edge.id,
      from: edge.subject,
      to: edge.object,
      color: { color: co.colour, highlight: co.colour, hover: co.colour, opacity: 0.7 },
      dashes: co.dashes,
      width: Math.min(4, co.width + Math.log(edge.weight) / 1.5),
      arrows: { to: { enabled: false } },
      smooth: false,
      title: this.edgeTip(edge),
      hidden: !this.layerOn.cooccurrence
    };
  };

  Graph.prototype.draw = function () {
    var self = this;
    var data = this.data;
    var nodes = data.nodes.map(function (node) {
      return self.visNode(node);
    });
    var edges = data.edges.map(function (edge) {
      return self.visEdge(edge);
    });
    data.cooccurrence.forEach(function (edge) {
      edges.push(self.visLink(edge));
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

  // Add a loaded neighbourhood: the actors, relations and co-occurrence links not drawn yet, their
  // claims, events and articles appended to the page's lists (the piece's positions in its own
  // lists are mapped to the page's). Returns how many actors were added: related to the actor by a
  // relation, and only named with it (those show with the co-occurrence layer).
  Graph.prototype.merge = function (piece) {
    var self = this, data = this.data;
    function into(list) {
      return function (index) {
        var row = piece[list][index];
        if (self.at[list][row[0]] === undefined) {
          self.at[list][row[0]] = data[list].length;
          data[list].push(row);
        }
        return self.at[list][row[0]];
      };
    }
    var claim = into("claims"), event = into("events"), source = into("sources");
    var nodes = [], edges = [], related = {}, added = { related: 0, named: 0 };
    piece.edges.forEach(function (edge) {
      related[edge.subject] = related[edge.object] = true;
    });
    piece.nodes.forEach(function (node) {
      if (self.nodeById[node.id]) return;
      self.nodeById[node.id] = node;
      data.nodes.push(node);
      nodes.push(self.visNode(node));
      if (related[node.id]) added.related++;
      else added.named++;
    });
    piece.edges.forEach(function (edge) {
      if (self.edgeById[edge.id]) return;
      edge.claims = edge.claims.map(claim);
      edge.sources = edge.sources.map(source);
      edge.disputing = edge.disputing.map(source);
      data.edges.push(edge);
      edges.push(self.visEdge(edge));
    });
    piece.cooccurrence.forEach(function (edge) {
      if (self.edgeById[edge.id]) return;
      edge.claims = edge.claims.map(claim);
      edge.events = edge.events.map(event);
      data.cooccurrence.push(edge);
      edges.push(self.visLink(edge));
    });
    if (nodes.length) this.nodes.add(nodes);
    if (edges.length) this.edges.add(edges);
    this.apply();
    return added;
  };

  // Load an actor's neighbourhood once (on the full page of a large graph; elsewhere everything is
  // drawn already). Resolves to what merge() added (nothing the second time), or null when it could
  // not be loaded.
  Graph.prototype.expand = function (id) {
    var self = this;
    var none = { related: 0, named: 0 };
    if (!this.partial) return Promise.resolve(none);
    if (!this.loaded[id]) {
      this.loaded[id] = window.fetch(this.root + "graph/around/" + encodeURIComponent(id) + ".json")
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (piece) {
          return self.merge(piece);
        })
        .catch(function () {
          delete self.loaded[id];
          return null;
        });
      return this.loaded[id];
    }
    return this.loaded[id].then(function (added) {
      return added === null ? null : none;
    });
  };

  // Select an actor on the full page: it is shown in the panel, and its neighbours are added.
  Graph.prototype.select = function (id) {
    var self = this;
    this.showNode(id, this.partial && !this.loaded[id] ? "loading" : undefined);
    this.expand(id).then(function (added) {
      if (self.shown === id) self.showNode(id, added);  // unless the reader has selected something else since
    });
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
        // the full page shows the actor and adds its neighbours; an actor page's graph opens the page
        if (self.data.center) window.location.href = self.actorUrl(id);
        else self.select(id);
      } else if (params.edges.length) {
        self.showEdge(params.edges[0]);
      }
    });
    this.network.on("doubleClick", function (params) {
      if (params.nodes.length && !self.data.center) window.location.href = self.actorUrl(params.nodes[0]);
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
      var total = this.data.total || this.data.nodes.length;
      var text = "Showing " + Number(shownNodes).toLocaleString("en") + " of " + (this.data.center ? "" : "the graph's ") + count(total, "actor", "actors") + " and " + count(shownEdges, "link", "links");
      this.status.textContent = text + (this.partial ? "; selecting an actor adds the actors linked to it." : ".");
    }
  };

  Graph.prototype.clearPanel = function () {
    this.shown = null;
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

  // An actor in the panel; ``added``: what loading its neighbours did ("loading", the actors added
  // as merge() counts them, null when they could not be loaded; undefined on an actor page).
  Graph.prototype.showNode = function (id, added) {
    var node = this.nodeById[id];
    if (!node || !this.panel) return;
    this.clearPanel();
    this.shown = id;
    var heading = el("h3");
    heading.appendChild(link(this.actorUrl(node.id), node.label));
    this.panel.appendChild(heading);
    this.panel.appendChild(el("p", null, node.kind + " · " + count(node.degree, "relation", "relations") + " · betweenness " + node.betweenness.toFixed(3)));
    if (!this.data.center) {
      var open = el("p");
      open.appendChild(link(this.actorUrl(node.id), "Open " + node.label + "\u2019s page"));
      this.panel.appendChild(open);
    }
    if (this.partial && added !== undefined) {
      var news = "The actors linked to it are drawn.";
      if (added === "loading") news = "Adding the actors linked to it\u2026";
      else if (added === null) news = "The actors linked to it could not be loaded.";
      else if (added.related || added.named) {
        var parts = [];
        if (added.related) parts.push(count(added.related, "actor related to it", "actors related to it"));
        if (added.named) parts.push(count(added.named, "actor named with it", "actors named with it") + (this.layerOn.cooccurrence ? "" : " (shown with the co-occurrence layer)"));
        news = "Added " + parts.join(" and ") + ".";
      }
      this.panel.appendChild(el("p", "graph-added", news));
    }
    this.panel.appendChild(el("p", "muted", "Select a line to list the claims behind it."));
  };

  Graph.prototype.focusNode = function (id, added) {
    this.network.selectNodes([id]);
    this.network.focus(id, { scale: 1.3, animation: { duration: 300 } });
    this.showNode(id, added);
  };

  // How well a name matches what was typed (both folded): 3 the same, 2 it starts so, 1 it holds it.
  function score(name, wanted) {
    var folded = fold(name);
    return folded === wanted ? 3 : folded.indexOf(wanted) === 0 ? 2 : folded.indexOf(wanted) !== -1 ? 1 : 0;
  }

  // The file of names a query is looked up in: the longest key of the page's list that starts the
  // query's letters (a name is filed the same way, graph.views.name_shards); null when none does.
  Graph.prototype.nameFile = function (wanted) {
    var chars = nameChars(wanted), keys = this.data.names || [];
    for (var length = chars.length; length > 0; length--) {
      if (keys.indexOf(chars.slice(0, length)) !== -1) return chars.slice(0, length);
    }
    return null;
  };

  // A file of names (loaded once); an empty list when it cannot be loaded.
  Graph.prototype.names = function (key) {
    if (!this.shards[key]) {
      var self = this;
      this.shards[key] = window.fetch(this.root + "graph/names/" + key + ".json")
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .catch(function () {
          delete self.shards[key];
          return [];
        });
    }
    return this.shards[key];
  };

  // Find an actor by a name or alias: first among the actors drawn, then (when the page holds part
  // of the graph) in the file of names for the query's first letters; the actor found is loaded
  // with its neighbours, selected and shown.
  Graph.prototype.find = function (text) {
    var self = this;
    var query = text.trim();
    var wanted = fold(query);
    var out = this.section.querySelector(".graph-find-result");
    if (!wanted) return Promise.resolve(null);
    var best = null, bestScore = 0;
    this.data.nodes.forEach(function (node) {
      [node.label].concat(node.aliases || []).forEach(function (name) {
        var found = score(name, wanted);
        if (found > bestScore) {
          best = node.id;
          bestScore = found;
        }
      });
    });
    var key = this.partial && bestScore < 3 ? this.nameFile(wanted) : null;
    var look = key ? this.names(key) : Promise.resolve([]);
    if (out) out.textContent = "";
    return look.then(function (names) {
      names.forEach(function (entry) {
        var found = score(entry[0], wanted);
        if (found > bestScore) {
          best = entry[1];
          bestScore = found;
        }
      });
      if (!best) {
        if (out) out.textContent = "No actor in the graph matches \u201c" + query + "\u201d.";
        return null;
      }
      return self.expand(best).then(function (added) {
        var node = self.nodeById[best];
        if (!node) {
          if (out) out.textContent = "The actors around the one found could not be loaded.";
          return null;
        }
        if (self.nodes.get(best).hidden) {
          if (out) out.textContent = node.label + " is hidden by the filters or the layer switch.";
          self.showNode(best, added);
          return best;
        }
        if (out) out.textContent = "Found " + node.label + ".";
        self.focusNode(best, added);
        return best;
      });
    });
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
