"""The browser helpers live with the developer tools (the benchmark uses them too)."""

from corpus_site.devtools.browser import CHROMIUM, launch, serve

__all__ = ["CHROMIUM", "launch", "serve"]
