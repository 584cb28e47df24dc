// Filters for index tables and the timeline, and highlighting of a quote opened from a claim page.
// Plain script, no dependencies; runs once per page load (instant navigation is off).
(function () {
  "use strict";

  function setupFilters(bar) {
    var target = document.getElementById(bar.getAttribute("data-filter-target"));
    if (!target) return;
    var controls = bar.querySelectorAll("[data-filter]");
    var count = bar.querySelector(".filter-count");
    var items = target.querySelectorAll("tbody tr, li[data-actor], li[data-tag]");

    function matches(item) {
      for (var i = 0; i < controls.length; i++) {
        var key = controls[i].getAttribute("data-filter");
        var wanted = controls[i].value.trim().toLowerCase();
        if (!wanted) continue;
        var have = (item.getAttribute("data-" + key) || "").toLowerCase();
        if (key === "text") {
          if (have.indexOf(wanted) === -1) return false;
        } else if (have.split(" ").indexOf(wanted) === -1) {
          return false;
        }
      }
      return true;
    }

    function apply() {
      var shown = 0;
      items.forEach(function (item) {
        var ok = matches(item);
        item.hidden = !ok;
        if (ok) shown++;
      });
      target.querySelectorAll("[data-group]").forEach(function (group) {
        group.hidden = !group.querySelector("li:not([hidden])");
      });
      if (count) count.textContent = shown + " of " + items.length + " shown";
    }

    controls.forEach(function (control) {
      control.addEventListener("input", apply);
      control.addEventListener("change", apply);
    });
    apply();
  }

  function highlightTarget() {
    document.querySelectorAll(".q.targeted").forEach(function (el) {
      el.classList.remove("targeted");
    });
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id || id.indexOf("q-") !== 0) return;
    var first = null;
    document.querySelectorAll(".q[data-q]").forEach(function (el) {
      if (el.getAttribute("data-q").split(" ").indexOf(id) !== -1) {
        el.classList.add("targeted");
        if (!first) first = el;
      }
    });
    if (first) first.scrollIntoView({ block: "center" });
  }

  function setupCopyButtons() {
    document.querySelectorAll(".copy-button").forEach(function (button) {
      button.addEventListener("click", function () {
        var text = button.getAttribute("data-copy-text");
        if (text === null) {
          var target = document.getElementById(button.getAttribute("data-copy-target"));
          text = target ? target.innerText.trim() : "";
        }
        var label = button.textContent;
        function done(ok) {
          button.textContent = ok ? "Copied" : "Select and copy";
          setTimeout(function () { button.textContent = label; }, 1500);
        }
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
        } else {
          var area = document.createElement("textarea");
          area.value = text;
          document.body.appendChild(area);
          area.select();
          var ok = false;
          try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
          document.body.removeChild(area);
          done(ok);
        }
      });
    });
  }

  // Chicago's access date is the day the reader reads the page, never the day the site was built.
  function fillAccessDates() {
    var today = new Date().toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric" });
    document.querySelectorAll(".access-date").forEach(function (slot) {
      slot.textContent = " Accessed " + today + ".";
      slot.hidden = false;
    });
  }

  // A link to an earlier version of a claim (#v1) opens its folded text.
  function openVersion() {
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (target && target.tagName === "DETAILS") target.open = true;
  }

  // On a phone, tables show one card per row: each cell is labelled by its column's header.
  function labelCells(table) {
    var heads = table.querySelectorAll("thead th");
    if (!heads.length) return;
    var names = Array.prototype.map.call(heads, function (th) { return th.textContent.trim(); });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        if (cell.tagName === "TD" && !cell.hasAttribute("data-label") && names[index]) cell.setAttribute("data-label", names[index]);
      });
    });
  }

  // Sortable tables: a button in each header (added here when the page has none); numbers sort as
  // numbers, text by locale; a cell's data-sort, when present, is what it sorts by.
  function sortable(table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, column) {
      if (th.hasAttribute("data-nosort")) return;
      var button = th.querySelector("button.sort");
      if (!button) {
        button = document.createElement("button");
        button.type = "button";
        button.className = "sort";
        while (th.firstChild) button.appendChild(th.firstChild);
        th.appendChild(button);
      }
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        function key(row) {
          var cell = row.cells[column];
          if (!cell) return "";
          return cell.getAttribute("data-sort") || cell.textContent.trim();
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var nx = Number(x), ny = Number(y);
          var order = x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y, undefined, { sensitivity: "base" });
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  // The annotated reader: highlight only the passages of a stance, a claim or an actor; a passage
  // quoted by several claims opens the list of them; the margin lists stay closed on narrow screens.
  function setupReader(reader) {
    var data = {};
    var holder = document.getElementById("reader-data");
    try { data = holder ? JSON.parse(holder.textContent) : {}; } catch (e) { data = {}; }
    var picks = reader.querySelectorAll("[data-reader-pick]");
    var count = reader.querySelector(".reader-count");
    var marks = reader.querySelectorAll("a.q");
    var items = reader.querySelectorAll(".line-claims li[data-claim]");
    function wanted() {
      var out = {};
      picks.forEach(function (pick) { out[pick.getAttribute("data-reader-pick")] = pick.value; });
      return out;
    }
    function claimMatches(claim, stances, want) {
      if (want.claim && claim !== want.claim) return false;
      if (want.actor && (data[claim] || []).indexOf(want.actor) === -1) return false;
      if (want.stance && stances.indexOf(want.stance) === -1) return false;
      return true;
    }
    function apply() {
      var want = wanted();
      var picking = !!(want.stance || want.claim || want.actor);
      reader.classList.toggle("picking", picking);
      var hits = 0;
      marks.forEach(function (mark) {
        var claims = mark.getAttribute("data-claims").split(" ");
        var stances = mark.getAttribute("data-stances").split(" ");
        var hit = picking && claims.some(function (claim) { return claimMatches(claim, stances, want); });
        mark.classList.toggle("hit", hit);
        if (hit) hits++;
      });
      items.forEach(function (item) {
        var stances = (item.getAttribute("data-stances") || "").split(" ");
        item.classList.toggle("hit", picking && claimMatches(item.getAttribute("data-claim"), stances, want));
      });
      if (count) count.textContent = picking ? hits + " passage" + (hits === 1 ? "" : "s") + " highlighted" : "";
    }
    picks.forEach(function (pick) { pick.addEventListener("change", apply); });
    apply();

    var narrow = window.matchMedia("(max-width: 76.1875em)");
    function fold() {
      reader.querySelectorAll("details.line-claims").forEach(function (details) {
        if (narrow.matches) details.removeAttribute("open"); else details.setAttribute("open", "");
      });
    }
    fold();
    if (narrow.addEventListener) narrow.addEventListener("change", fold);
    // on wide screens the margin list is always shown: its summary does not fold it
    reader.querySelectorAll("details.line-claims > summary").forEach(function (summary) {
      summary.addEventListener("click", function (event) { if (!narrow.matches) event.preventDefault(); });
    });

    var menu = null, opener = null;
    function closeMenu(focusBack) {
      if (!menu) return;
      menu.remove();
      menu = null;
      if (opener) opener.setAttribute("aria-expanded", "false");
      if (focusBack && opener) opener.focus();
    }
    reader.addEventListener("click", function (event) {
      var mark = event.target.closest ? event.target.closest("a.q-multi") : null;
      if (!mark) return;
      event.preventDefault();
      var same = menu && opener === mark;
      closeMenu(false);
      if (same) return;
      opener = mark;
      var line = document.getElementById(mark.getAttribute("href").slice(1));
      var claims = mark.getAttribute("data-claims").split(" ");
      menu = document.createElement("div");
      menu.className = "q-menu";
      menu.setAttribute("role", "dialog");
      menu.setAttribute("aria-label", "Claims quoting this passage");
      var title = document.createElement("p");
      title.textContent = claims.length + " claims quote this passage";
      menu.appendChild(title);
      var list = document.createElement("ul");
      claims.forEach(function (claim) {
        var source = line ? line.querySelector('li[data-claim="' + claim + '"]') : null;
        if (!source) return;
        var item = document.createElement("li");
        item.innerHTML = source.innerHTML;  // the page's own markup for the claim: its stance and link
        list.appendChild(item);
      });
      menu.appendChild(list);
      document.body.appendChild(menu);
      var rect = mark.getBoundingClientRect();
      var left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - menu.offsetWidth - 8));
      menu.style.left = left + "px";
      menu.style.top = (rect.bottom + window.scrollY + 4) + "px";
      mark.setAttribute("aria-expanded", "true");
      var first = menu.querySelector("a");
      if (first) first.focus();
    });
    document.addEventListener("keydown", function (event) { if (event.key === "Escape") closeMenu(true); });
    document.addEventListener("click", function (event) {
      if (menu && !menu.contains(event.target) && !(event.target.closest && event.target.closest("a.q-multi"))) closeMenu(false);
    });
  }

  // Hover previews of links to claims, actors, events and articles: the linked page (same site) is
  // read once and its heading and summary shown in a card, on hover and on keyboard focus. Off on
  // touch screens, where a tap should simply follow the link.
  var PREVIEWED = "a.ref-claim, a.ref-actor, a.ref-event, a.ref-source";
  function setupPreviews() {
    if (!window.matchMedia || !window.matchMedia("(hover: hover) and (pointer: fine)").matches) return;
    if (!window.fetch || !window.DOMParser) return;
    var cache = {};
    var card = null, shownFor = null, showTimer = null, hideTimer = null;

    function summaryOf(doc) {
      var record = doc.querySelector("article.record");
      if (!record) return null;
      var out = document.createElement("div");
      var kind = record.querySelector(".record-kind");
      if (kind) {
        var k = kind.cloneNode(true);
        k.querySelectorAll("code, .tag").forEach(function (el) { el.remove(); });
        var p = document.createElement("p");
        p.className = "preview-kind";
        p.textContent = k.textContent.replace(/\s*·\s*$/, "").replace(/\s+·\s+·\s+/, " · ").replace(/\s+/g, " ").trim();
        out.appendChild(p);
      }
      var h1 = record.querySelector("h1");
      if (h1) {
        var t = document.createElement("p");
        t.className = "preview-title";
        t.textContent = h1.textContent.trim();
        out.appendChild(t);
      }
      record.querySelectorAll(".agreement-line, .source-line").forEach(function (detail) {
        var d = detail.cloneNode(true);
        d.removeAttribute("id");
        d.querySelectorAll("a").forEach(function (a) { var span = document.createElement("span"); span.innerHTML = a.innerHTML; span.className = a.className; a.replaceWith(span); });
        d.className = "preview-detail";
        out.appendChild(d);
      });
      record.querySelectorAll("dl.meta dt").forEach(function (dt) {
        var name = dt.textContent.trim();
        if (name !== "Description" && name !== "Summary" && name !== "Date") return;
        var dd = dt.nextElementSibling;
        if (!dd) return;
        var p = document.createElement("p");
        p.className = "preview-detail";
        var text = dd.textContent.replace(/\s+/g, " ").trim();
        p.textContent = (name === "Date" ? text : text.length > 280 ? text.slice(0, 277) + "…" : text);
        out.appendChild(p);
      });
      return out.innerHTML;
    }

    function load(url) {
      if (!cache[url]) {
        cache[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        }).then(function (text) {
          return summaryOf(new DOMParser().parseFromString(text, "text/html"));
        }).catch(function () { return null; });
      }
      return cache[url];
    }

    function hide() {
      clearTimeout(showTimer);
      if (card) card.hidden = true;
      if (shownFor) shownFor.removeAttribute("aria-describedby");
      shownFor = null;
    }

    function show(link) {
      clearTimeout(hideTimer);
      if (shownFor === link) return;
      var url = link.href.split("#")[0];
      load(url).then(function (html) {
        if (!html || (document.activeElement !== link && !link.matches(":hover"))) return;
        if (!card) {
          card = document.createElement("div");
          card.className = "preview-card";
          card.id = "preview-card";
          card.setAttribute("role", "tooltip");
          card.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
          card.addEventListener("mouseleave", function () { hideTimer = setTimeout(hide, 200); });
          document.body.appendChild(card);
        }
        card.innerHTML = html;
        card.hidden = false;
        shownFor = link;
        link.setAttribute("aria-describedby", "preview-card");
        var rect = link.getBoundingClientRect();
        var width = card.offsetWidth;
        var left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
        var below = rect.bottom + card.offsetHeight + 8 < window.innerHeight;
        card.style.left = left + "px";
        card.style.top = (below ? rect.bottom + window.scrollY + 6 : rect.top + window.scrollY - card.offsetHeight - 6) + "px";
      });
    }

    document.addEventListener("mouseover", function (event) {
      var link = event.target.closest ? event.target.closest(PREVIEWED) : null;
      if (!link || (card && card.contains(link))) return;
      clearTimeout(showTimer);
      showTimer = setTimeout(function () { show(link); }, 250);
    });
    document.addEventListener("mouseout", function (event) {
      var link = event.target.closest ? event.target.closest(PREVIEWED) : null;
      if (!link) return;
      clearTimeout(showTimer);
      hideTimer = setTimeout(hide, 200);
    });
    document.addEventListener("focusin", function (event) {
      var link = event.target.closest ? event.target.closest(PREVIEWED) : null;
      if (link) show(link); else if (!(card && card.contains(event.target))) hide();
    });
    document.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });
  }

  function start() {
    fillAccessDates();
    openVersion();
    setupPreviews();
    document.querySelectorAll("[data-reader]").forEach(setupReader);
    document.querySelectorAll(".md-typeset table").forEach(labelCells);
    document.querySelectorAll("table.sortable").forEach(sortable);
    setupCopyButtons();
    document.querySelectorAll(".filters[data-filter-target]").forEach(setupFilters);
    highlightTarget();
  }

  window.addEventListener("hashchange", highlightTarget);
  window.addEventListener("hashchange", openVersion);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
