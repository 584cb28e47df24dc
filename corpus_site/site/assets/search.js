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
  /* Words readers ask with -> the words the records say the same thing in (a record states what an
     article reports: "was not told in advance", not "did not know"). Pagefind stems both sides. */
  var READER_WORDS = [
    [["know", "knew", "known", "aware", "awareness"], ["told", "tell", "warning", "warned", "informed"]],
    [["command", "commands", "control", "controls", "controlled", "direct", "directs", "directed", "orders"], ["directs", "command", "control", "orders", "instructions"]],
    [["money", "cash", "pay", "pays", "paid"], ["funding", "funds", "financial", "finance"]],
    [["killing", "killed", "kill", "assassination", "assassinated", "death"], ["killed", "assassinated", "assassination"]],
    [["restraint", "restrained", "hold", "held"], ["restraint", "restrained", "limited", "held"]]
  ];
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
          // pageLength 0.3 (Pagefind's default 0.75): an article's page holds its whole text, and a
          // record named by the query should not lose to every short claim that mentions it
          return module.options({ baseUrl: base.pathname, excerptLength: 28, ranking: { pageLength: 0.3 }, noWorker: true }).then(function () {
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

    /* Pagefind finds the pages that hold every word of the query. A reader's question is not worded
       as the record that answers it ("did Hezbollah know ..." is answered by "Hezbollah was not told
       ..."), so a query of two or more words that carry meaning is also searched as a phrase and
       word by word, each word together with the words the records use for it (READER_WORDS). Pages
       holding the phrase come first ("War on the Rocks", "31 July 2024"), then pages by how many of
       the query's words they hold, then by their summed scores (each word's own ranking, names and
       titles first, plus the whole query's and the phrase's). */
    function find(module, query) {
      var options = { filters: filters() };
      var words = query.split(/\s+/).map(function (word) { return word.replace(/^[^\w$]+|[^\w%]+$/g, ""); })
        .filter(function (word) { return word && !SHORT_WORDS.test(word); });
      return module.search(query, options).then(function (search) {
        if (words.length < 2) return search;
        var groups = words.map(alternatives);
        var phrase = module.search('"' + query.replace(/"/g, "") + '"', options);
        return Promise.all([phrase].concat(groups.map(function (group) {
          return Promise.all(group.map(function (word) { return module.search(word, options); }));
        }))).then(function (found) {
          var each = found.slice(1);
          var byId = {};
          function entry(result) {
            return byId[result.id] || (byId[result.id] = { result: result, hits: 0, score: 0, all: 0, phrase: 0 });
          }
          search.results.forEach(function (result) { entry(result).all = result.score; });
          found[0].results.forEach(function (result) { entry(result).phrase = result.score; });
          var widest = search;
          each.forEach(function (found) {
            var best = {};  // page -> its best score among the word and the words the records use for it
            found.forEach(function (one) {
              if (one.results.length > widest.results.length) widest = one;
              one.results.forEach(function (result) {
                if (!(result.id in best) || result.score > best[result.id].score) best[result.id] = result;
              });
            });
            Object.keys(best).forEach(function (id) {
              var row = entry(best[id]);
              row.hits += 1;
              row.score += best[id].score;
            });
          });
          var merged = Object.keys(byId).map(function (id) { return byId[id]; });
          merged.sort(function (a, b) { return (b.phrase > 0) - (a.phrase > 0) || b.hits - a.hits || (b.score + b.all + b.phrase) - (a.score + a.all + a.phrase); });
          return { results: merged.map(function (row) { return row.result; }), filters: widest.filters };
        });
      });
    }

    /* A word of the query and the words the records use for the same thing. */
    function alternatives(word) {
      var lower = word.toLowerCase();
      for (var i = 0; i < READER_WORDS.length; i++) {
        if (READER_WORDS[i][0].indexOf(lower) !== -1) return [word].concat(READER_WORDS[i][1]);
      }
      return [word];
    }

    function show(state, upTo) {
      var slice = state.results.slice(state.shown, upTo);
      var mine = generation;
      return Promise.all(slice.map(function (result) { return result.data(); })).then(function (pages) {
        if (mine !== generation) return;
        if (!state.shown) pages = namedFirst(pages, state.query);
        pages.forEach(function (data) { list.appendChild(item(data)); });
        state.shown = Math.min(upTo, state.results.length);
        var count = state.results.length;
        status.textContent = count === 0 ? "No matching documents" : count === 1 ? "1 matching document" : count.toLocaleString("en") + " matching documents";
        more.hidden = state.shown >= count;
      });
    }

    /* A reader who types a name ("IRGC", "War on the Rocks") wants the record of that name, but its
       page is long and the name also stands in the titles of short pages that mention it: among the
       first results, the page whose name, alias or outlet is the query goes first. */
    function namedFirst(pages, query) {
      var wanted = plain(query);
      var at = -1;
      pages.forEach(function (data, index) {
        if (at >= 0) return;
        var names = String(data.meta.names || "").split("|").concat([data.meta.outlet || ""]);
        if (names.some(function (name) { return name && plain(name) === wanted; })) at = index;
      });
      if (at <= 0) return pages;
      return [pages[at]].concat(pages.slice(0, at), pages.slice(at + 1));
    }

    function plain(text) {
      return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
        .replace(/[\u2018\u2019']/g, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim().replace(/^the /, "");
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
