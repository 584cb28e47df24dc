"""The MkDocs plugin (`corpus` in mkdocs.yml) and the build that drives MkDocs with it."""

from corpus_site.plugin.plugin import CorpusConfig, CorpusPlugin

__all__ = ["CorpusConfig", "CorpusPlugin"]
