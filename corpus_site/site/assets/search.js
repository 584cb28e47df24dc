/* The site's search: Material's search box (theme/partials/search.html) reading the Pagefind index
   (pagefind/, written by the build). Nothing is fetched until the reader starts a search; then
   Pagefind loads its small entry files and only the index chunks and result fragments the query
   needs. Keys as in Material: "/" or "s" (or "f") opens the search, Escape closes it, the arrow keys
   move through the results. Facets (kind, article, agreement, stance, tag, period) narrow them. */
(function () {
  "use strict";

  var FACETS = [
    ["kind", "Kind"], ["article", "Article"], ["agreement", "Agreement"],
    ["stance", "Stance"], ["tag", "Tag"], ["period", "Period"]
  ];
  var KIND_LABELS = { claim: "Claim", actor: "Actor", event: "Event", article: "Article", question: "Key question", page: "Page" };
  var PAGE_SIZE = 10;
  var SHORT_WORDS = /^(a|an|and|are|as|at|be|by|did|do|does|for|from|had|has|have|how|in|is|it|of|on|or|the|to|was|were|what|when|where|which|who|whom|why|with)$/i;

  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  ready(function () {
    var root = document.querySelector("[data-corpus-search]");
    var toggle = document.getElementById("__search");
    if (!root || !toggle) return;
    var input = root.querySelector(".md-search__input");
    var form = root.querySelector("form");
    var status = root.querySelector(".md-search-result__meta");
    var list = root.querySelector(".md-search-result__list");
    var facetBox = root.querySelector(".corpus-search__facets");
    var more = root.querySelector(".corpus-search__more");
    var base = new URL((root.getAttribute("data-base") || ".").replace(/\/?$/, "/"), location.href);
    var pagefind = null;
    var loading = null;
    var chosen = {};          // facet -> value the reader picked
    var current = null;       // the last search: {query, results, shown}
    var generation = 0;       // a newer search makes older ones drop their results

    function load() {
      if (!loading) {
        loading = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
          return module.options({ baseUrl: base.pathname, excerptLength: 28, noWorker: true }).then(function () {
            pagefind = module;
            module.init();
            return module;
          });
        });
      }
      return loading;
    }

    function open() {
      if (!toggle.checked) {
        toggle.checked = true;
        toggle.dispatchEvent(new Event("change"));
      }
      input.focus();
      load();
    }

    function close() {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
      input.blur();
    }

    function typing(target) {
      return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    }

    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      if (!toggle.checked) {
        if ((event.key === "/" || event.key === "s" || event.key === "f") && !typing(event.target)) {
          event.preventDefault();
          open();
        }
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        var links = Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
        if (!links.length) return;
        event.preventDefault();
        var at = links.indexOf(document.activeElement);
        var next = event.key === "ArrowDown" ? at + 1 : (at < 0 ? links.length - 1 : at - 1);
        if (next < 0 || next >= links.length) input.focus();
        else links[next].focus();
      }
    });

    toggle.addEventListener("change", function () {
      if (toggle.checked) { input.focus(); load(); }
    });
    input.addEventListener("focus", function () {
      if (!toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
      load();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector(".md-search-result__link");
      if (first) location.href = first.href;
    });
    form.addEventListener("reset", function () {
      chosen = {};
      setTimeout(function () { run(); input.focus(); }, 0);
    });

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    more.addEventListener("click", function () { if (current) show(current, current.shown + PAGE_SIZE); });

    function filters() {
      var picked = {};
      Object.keys(chosen).forEach(function (name) { if (chosen[name]) picked[name] = chosen[name]; });
      return picked;
    }

    function run() {
      var query = input.value.trim();
      var mine = ++generation;
      list.removeAttribute("data-query");
      if (!query) {
        list.textContent = "";
        facetBox.hidden = true;
        more.hidden = true;
        status.textContent = "Type to start searching";
        current = null;
        return;
      }
      load().then(function (module) {
        return find(module, query).then(function (search) {
          if (mine !== generation) return;
          current = { query: query, results: search.results, shown: 0, filters: search.filters };
          renderFacets(search.filters);
          list.textContent = "";
          return show(current, PAGE_SIZE).then(function () {
            if (mine === generation) list.setAttribute("data-query", query);  // what the results answer
          });
        });
      }).catch(function (error) {
        status.textContent = "Search is unavailable (" + error.message + ")";
      });
    }

    /* Pagefind finds the pages that hold every word of the query. A question is not always worded
       as the page that answers it: when fewer than three pages hold every word, the words that carry
       meaning are also searched one by one, and pages are ranked by how many of them they hold, then
       by their summed scores (each word's own ranking: titles and names first); the pages holding
       every word come first among equals. */
    function find(module, query) {
      var options = { filters: filters() };
      var words = query.split(/\s+/).map(function (word) { return word.replace(/^[^\w$]+|[^\w%]+$/g, ""); })
        .filter(function (word) { return word && !SHORT_WORDS.test(word); });
      return module.search(query, options).then(function (search) {
        if (search.results.length >= 3 || words.length < 2) return search;
        return Promise.all(words.map(function (word) { return module.search(word, options); })).then(function (each) {
          var byId = {};
          function entry(result) {
            return byId[result.id] || (byId[result.id] = { result: result, hits: 0, score: 0, all: 0 });
          }
          search.results.forEach(function (result) { entry(result).all = 1; });
          each.forEach(function (found) {
            found.results.forEach(function (result) {
              var row = entry(result);
              row.hits += 1;
              row.score += result.score;
            });
          });
          var merged = Object.keys(byId).map(function (id) { return byId[id]; });
          merged.sort(function (a, b) { return b.hits - a.hits || b.all - a.all || b.score - a.score; });
          var widest = each.reduce(function (best, found) {
            return found.results.length > best.results.length ? found : best;
          }, search);
          return { results: merged.map(function (row) { return row.result; }), filters: widest.filters };
        });
      });
    }

    function show(state, upTo) {
      var slice = state.results.slice(state.shown, upTo);
      var mine = generation;
      return Promise.all(slice.map(function (result) { return result.data(); })).then(function (pages) {
        if (mine !== generation) return;
        pages.forEach(function (data) { list.appendChild(item(data)); });
        state.shown = Math.min(upTo, state.results.length);
        var count = state.results.length;
        status.textContent = count === 0 ? "No matching documents" : count === 1 ? "1 matching document" : count.toLocaleString("en") + " matching documents";
        more.hidden = state.shown >= count;
      });
    }

    /* Pagefind's excerpt is the page's text (escaped) with <mark> around the matched words: it is
       parsed inert and rebuilt from its text and marks only. */
    function excerpt(html) {
      var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body.firstChild;
      var out = document.createElement("p");
      out.className = "md-search-result__teaser";
      (parsed ? parsed.childNodes : []).forEach(function (node) {
        if (node.nodeName === "MARK") {
          var mark = document.createElement("mark");
          mark.textContent = node.textContent;
          out.appendChild(mark);
        } else {
          out.appendChild(document.createTextNode(node.textContent));
        }
      });
      return out;
    }

    function item(data) {
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = data.url;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var kind = (data.filters && data.filters.kind && data.filters.kind[0]) || "page";
      var label = document.createElement("p");
      label.className = "corpus-search__kind";
      var bits = [KIND_LABELS[kind] || kind];
      if (data.meta.agreement) bits.push(data.meta.agreement);
      if (data.meta.date) bits.push(data.meta.date);
      if (data.meta.about) bits.push(data.meta.about);
      label.textContent = bits.join(" · ");
      var title = document.createElement("h2");
      title.textContent = data.meta.title || data.url;
      article.appendChild(label);
      article.appendChild(title);
      article.appendChild(excerpt(data.excerpt || ""));
      link.appendChild(article);
      li.appendChild(link);
      return li;
    }

    /* Facets load on demand: their index grows with the site, so a first search does without it;
       "Narrow results" loads it once, and from then on every search shows the facets. */
    var facetsLoaded = false;

    function renderFacets(available) {
      facetBox.textContent = "";
      if (!facetsLoaded) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "corpus-search__narrow";
        button.textContent = "Narrow results by kind, article, agreement, stance, tag or period";
        button.addEventListener("click", function () {
          button.disabled = true;
          button.textContent = "Loading the facets\u2026";
          load().then(function (module) { return module.filters(); }).then(function () {
            facetsLoaded = true;
            run();
          });
        });
        facetBox.appendChild(button);
        facetBox.hidden = false;
        return;
      }
      var any = false;
      FACETS.forEach(function (facet) {
        var name = facet[0];
        var values = (available && available[name]) || {};
        var keys = Object.keys(values).filter(function (key) { return values[key] > 0 || chosen[name] === key; });
        if (keys.length < 2 && !chosen[name]) return;
        any = true;
        keys.sort(function (a, b) { return name === "period" ? b.localeCompare(a) : values[b] - values[a] || a.localeCompare(b); });
        var label = document.createElement("label");
        label.className = "corpus-search__facet";
        var caption = document.createElement("span");
        caption.textContent = facet[1];
        var select = document.createElement("select");
        select.name = name;
        var all = document.createElement("option");
        all.value = "";
        all.textContent = "any";
        select.appendChild(all);
        keys.forEach(function (key) {
          var option = document.createElement("option");
          option.value = key;
          option.textContent = (name === "kind" ? (KIND_LABELS[key] || key) : key) + " (" + (values[key] || 0) + ")";
          if (chosen[name] === key) option.selected = true;
          select.appendChild(option);
        });
        select.addEventListener("change", function () {
          chosen[name] = select.value;
          run();
        });
        label.appendChild(caption);
        label.appendChild(select);
        facetBox.appendChild(label);
      });
      facetBox.hidden = !any;
    }
  });
})();
