"""The command line (`build_site.py`): argument parsing and console output only."""

from corpus_site.cli.cli import main

__all__ = ["main"]
