// Select to quote (served by `build_site.py serve` only, never part of the built site).
// On an article page, selecting text offers "Copy as evidence": the server finds the exact passage in
// the article's text and answers with a ready-to-paste evidence item and the claims that already
// quote it. The quote always comes from the text, never from what the page happens to show.
(function () {
  "use strict";
  var match = location.pathname.match(/\/sources\/([^\/]+)\/(?:index\.html)?$/);
  if (!match || match[1] === "index") return;
  var source = decodeURIComponent(match[1]);
  var root = location.pathname.replace(/sources\/[^\/]+\/(?:index\.html)?$/, "");
  var button, panel;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var style = el("style");
  style.textContent =
    "#corpus-quote-button{position:absolute;z-index:9999;font:600 13px system-ui,sans-serif;padding:4px 10px;" +
    "border-radius:4px;border:1px solid #1f6feb;background:#1f6feb;color:#fff;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.3)}" +
    "#corpus-quote-panel{position:fixed;right:16px;bottom:16px;z-index:9999;width:min(560px,calc(100vw - 32px));max-height:60vh;overflow:auto;" +
    "background:#fff;color:#111;border:1px solid #999;border-radius:6px;padding:12px 14px;box-shadow:0 6px 24px rgba(0,0,0,.35);font:14px/1.4 system-ui,sans-serif}" +
    "#corpus-quote-panel pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f4;padding:8px;border-radius:4px;font-size:12.5px}" +
    "#corpus-quote-panel h3{margin:0 0 6px;font-size:15px}#corpus-quote-panel .close{float:right}" +
    "#corpus-quote-panel ul{padding-left:18px;margin:4px 0}" +
    "#corpus-quote-panel button{border:1px solid #888;border-radius:4px;padding:2px 10px;background:#f4f4f4;color:#111;cursor:pointer;font:13px system-ui,sans-serif}";
  document.head.appendChild(style);

  function selectedText() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return "";
    var container = selection.getRangeAt(0).commonAncestorContainer;
    var element = container.nodeType === 1 ? container : container.parentElement;
    if (!element || !element.closest("article, .md-content")) return "";
    if (element.closest("#corpus-quote-panel, #corpus-overlay")) return "";
    return selection.toString().trim();
  }

  function hideButton() { if (button) { button.remove(); button = null; } }

  function showButton() {
    hideButton();
    var text = selectedText();
    if (text.length < 3) return;
    var rect = window.getSelection().getRangeAt(0).getBoundingClientRect();
    button = el("button", { id: "corpus-quote-button", type: "button" }, "Copy as evidence");
    button.style.top = (window.scrollY + rect.bottom + 6) + "px";
    button.style.left = (window.scrollX + Math.max(rect.left, 8)) + "px";
    button.addEventListener("mousedown", function (event) { event.preventDefault(); });
    button.addEventListener("click", function () { ask(text); });
    document.body.appendChild(button);
  }

  function ask(text) {
    hideButton();
    var url = "/__corpus__/evidence?source=" + encodeURIComponent(source) + "&text=" + encodeURIComponent(text);
    fetch(url).then(function (response) { return response.json(); }).then(show, function (error) {
      show({ found: false, reason: String(error) });
    });
  }

  function show(answer) {
    if (panel) panel.remove();
    panel = el("div", { id: "corpus-quote-panel", role: "dialog", "aria-label": "Evidence from the selection" });
    var close = el("button", { type: "button", class: "close" }, "close");
    close.addEventListener("click", function () { panel.remove(); panel = null; });
    panel.appendChild(close);
    if (!answer.found) {
      panel.appendChild(el("h3", {}, "Not a passage of this article"));
      panel.appendChild(el("p", {}, answer.reason || ""));
      document.body.appendChild(panel);
      return;
    }
    panel.appendChild(el("h3", {}, "Evidence item (paste under a claim's evidence:)"));
    var yaml = el("pre", { class: "evidence-yaml" }, answer.yaml);
    panel.appendChild(yaml);
    var copy = el("button", { type: "button", class: "copy" }, "Copy");
    copy.addEventListener("click", function () {
      var done = function () { copy.textContent = "Copied"; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(answer.yaml).then(done, function () { selectNode(yaml); });
      } else {
        selectNode(yaml);
      }
    });
    panel.appendChild(copy);
    if (answer.occurrences > 1) {
      panel.appendChild(el("p", {}, "This passage occurs " + answer.occurrences + " times in the article: lengthen it so that it is unique."));
    }
    var claims = answer.claims || [];
    panel.appendChild(el("p", { class: "already" }, claims.length ? "Already quoted by " + claims.length + " claim(s):" : "No claim quotes this passage yet."));
    if (claims.length) {
      var list = el("ul", { class: "quoting-claims" });
      claims.forEach(function (claim) {
        var item = el("li");
        var link = el("a", { href: root + "claims/" + encodeURIComponent(claim.id) + "/" }, claim.id);
        item.appendChild(link);
        item.appendChild(document.createTextNode(" (" + claim.stance + "): " + claim.statement));
        list.appendChild(item);
      });
      panel.appendChild(list);
    }
    document.body.appendChild(panel);
  }

  function selectNode(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  document.addEventListener("mouseup", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("#corpus-quote-button, #corpus-quote-panel")) return;
    setTimeout(showButton, 0);
  });
  document.addEventListener("keyup", function (event) { if (event.shiftKey) showButton(); });
})();
