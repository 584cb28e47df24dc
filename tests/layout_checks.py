"""What the walking browser test (tests/test_layout.py) measures on a page: JavaScript run in the page."""

from __future__ import annotations

import re
from typing import Any

#: Elements whose content overflows sideways, or that pass the right edge of the window. Code blocks,
#: the graph's canvas and visually hidden text are left out.
OVERFLOW_JS = r"""
() => {
  const width = window.innerWidth;
  const clipped = el => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up);
      if ((style.overflowX === 'hidden' || style.overflowX === 'clip') && up.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  const skip = el => el.closest('pre, code, .graph-canvas, .md-sidebar, .md-header, .md-tabs, .md-search, .md-footer, [hidden], .preview-card, .sr-only, .md-nav, .md-skip, label.md-overlay');
  const problems = [];
  if (document.documentElement.scrollWidth > width + 1) problems.push('page is ' + document.documentElement.scrollWidth + 'px wide');
  for (const el of document.querySelectorAll('.md-content *')) {
    if (skip(el)) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
    if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
      problems.push(name + ' scrolls sideways (' + el.scrollWidth + ' > ' + el.clientWidth + ')');
    }
    if ((rect.right > width + 1 || rect.left < -1) && !clipped(el)) problems.push(name + ' passes the screen edge (' + Math.round(rect.left) + '..' + Math.round(rect.right) + ')');
  }
  return problems.slice(0, 12);
}
"""

#: The visible words of the page's content, without code, URLs, tags and scripts.
TEXT_JS = r"""
() => {
  const root = document.querySelector('.md-content');
  if (!root) return '';
  const copy = root.cloneNode(true);
  copy.querySelectorAll('code, pre, kbd, script, style, noscript, template, .tag, [data-id-ok], .md-content__button').forEach(el => el.remove());
  return copy.textContent;
}
"""


def record_ids(data: dict[str, Any]) -> set[str]:
    """Every record id of the exports that could be mistaken for text: the ids of sources, actors,
    events, claims and questions, and the hyphenated relation types and hypothesis ids."""
    ids = {item["id"] for name in ("sources", "actors", "events", "claims", "questions") for item in data.get(name, [])}
    ids |= {edge["type"] for edge in data.get("relations", []) if "-" in edge["type"]}
    for question in data.get("questions", []):
        ids |= {hypothesis["id"] for hypothesis in question.get("hypotheses", []) if "-" in hypothesis["id"]}
    return ids


def ids_in_text(text: str, ids: set[str]) -> list[str]:
    """The ids that occur in ``text`` as words of their own (case-sensitive, hyphens part of the word)."""
    text = re.sub(r"\b(?:https?://|www\.)\S+|#[\w-]+", " ", text)  # URLs and tags are not prose
    words = set(re.findall(r"[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]|[A-Za-z0-9]", text))
    return sorted(words & ids)
