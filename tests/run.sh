#!/usr/bin/env bash
# Set up and run the whole test suite: a virtual environment with the project and its test extra,
# Debian's Chromium and pandoc (installed with apt-get when missing), then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
# Debian's Chromium (browser tests) and pandoc (the citation tests' reference), installed when missing
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v pandoc >/dev/null || missing="$missing pandoc"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  elif command -v sudo >/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "tests/run.sh: missing$missing and cannot install (need root): apt-get install$missing" >&2
    exit 1
  fi
fi
.venv/bin/python -m ruff check corpus_site tests build_site.py
.venv/bin/python -m mypy
.venv/bin/lint-imports
.venv/bin/python -m pytest "$@"
