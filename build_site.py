#!/usr/bin/env python3
"""Validate the records and build the corpus site: check | build | serve | quote | schema | urls,
and the developer tools synth | bench.

Run `python build_site.py --help`. The code lives in the `corpus_site` package.
"""

import sys
from pathlib import Path

from corpus_site.devtools.cli import main
from corpus_site.site.project import Project

if __name__ == "__main__":
    sys.exit(main(project=Project(Path(__file__).resolve().parent)))
