#!/usr/bin/env python3
"""Validate the records and build the corpus site: check | build | serve | quote | schema.

Run `python build_site.py --help`. The code lives in the `corpus_site` package.
"""

import sys

from corpus_site.cli import main

if __name__ == "__main__":
    sys.exit(main())
