"""`build_site.py synth` and `build_site.py bench`: the developer tools, beside the product's commands.

The product never imports this package; `build_site.py` routes these two commands here and every
other command to :func:`corpus_site.cli.main`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from corpus_site.cli import main as product_main
from corpus_site.cli.cli import EXIT_OK, EXIT_USAGE
from corpus_site.site.project import Project

COMMANDS = ("synth", "bench")


def main(argv: list[str] | None = None, project: Project | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["bench"]:
        from corpus_site.devtools.bench import main as bench

        try:
            return bench(argv[1:])
        except SystemExit as exc:  # argparse's --help and usage errors
            return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if argv[:1] == ["synth"]:
        return _synth(argv[1:])
    return product_main(argv, project)


def _synth(argv: list[str]) -> int:
    from corpus_site.devtools.synth import synthesize
    from corpus_site.devtools.synth_vocabulary import SEED

    parser = argparse.ArgumentParser(
        prog="build_site.py synth", description="write a synthetic corpus N times the real one (for benchmarks)"
    )
    parser.add_argument("--scale", type=int, default=1, help="how many times the real corpus (default: 1)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write it into (new, empty, or an earlier synthetic corpus)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: fixed, so the same scale gives the same files)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.scale < 1:
        print("build_site.py synth: error: --scale must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    out: Path = args.out
    try:
        summary = synthesize(out.resolve(), args.scale, SEED if args.seed is None else args.seed)
    except FileExistsError as exc:
        print(f"build_site.py synth: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    counts = ", ".join(f"{number} {name}" for name, number in summary.counts.items())
    print(f"wrote {out}: scale {summary.scale}, seed {summary.seed}; {counts}; {summary.seconds:.2f}s")
    print(f"build it with: python build_site.py --root {out} build")
    return EXIT_OK
