"""The site's generated overview pages: one list, which the pages and the check of published URLs share."""

from __future__ import annotations

#: Site pages that are not records: url -> (template, title). Their URLs are as permanent as ids.
OVERVIEW_PAGES = {
    "": ("home.md.j2", "Home"),
    "agreement/": ("agreement.md.j2", "Agreement matrix"),
    "contested/": ("contested.md.j2", "Contested claims"),
    "tags/": ("tags.md.j2", "Tags"),
    "graph/": ("graph.md.j2", "Relationship graph"),
    "relations/": ("relations_index.md.j2", "Relations"),
    "questions/": ("questions_index.md.j2", "Key questions"),
    "differences/": ("differences.md.j2", "Where the sources differ"),
    "blind-spots/": ("blind_spots.md.j2", "Blind spots"),
    "methodology/": ("methodology.md.j2", "Methodology"),
    "corrections/": ("corrections.md.j2", "Corrections"),
}
