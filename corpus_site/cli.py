"""Command line: check | build | serve | quote | schema | urls | synth | bench. A thin layer over the library."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import Problem

if TYPE_CHECKING:
    from .corpus import Corpus

PROJECT = Path(__file__).resolve().parent.parent
DOCS = PROJECT / "docs"
EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build_site.py", description="Validate the records and build the corpus site.")
    parser.add_argument(
        "--root",
        type=Path,
        default=PROJECT,
        help="corpus folder holding actors.yaml, events.yaml, claims.yaml and seeds/ (default: this project)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate the records and anchor every quote")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")

    build = commands.add_parser("build", help="validate, then build the site into ROOT/site (atomically)")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--site-dir", type=Path, default=None, help="where to write the site (default: ROOT/site)")

    serve = commands.add_parser("serve", help="live preview that rebuilds when a record or seed changes")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")

    quote = commands.add_parser("quote", help="find passages matching some words, with a ready-to-paste evidence snippet")
    quote.add_argument("words", help="the words to look for")
    quote.add_argument("--limit", type=int, default=5, help="how many passages to show (default: 5)")

    commands.add_parser("schema", help="write the JSON Schemas of the YAML files into schemas/")

    synth = commands.add_parser("synth", help="write a synthetic corpus N times the real one (for benchmarks)")
    synth.add_argument("--scale", type=int, default=1, help="how many times the real corpus (default: 1)")
    synth.add_argument("--out", type=Path, required=True, help="folder to write it into (new, empty, or an earlier synthetic corpus)")
    synth.add_argument("--seed", type=int, default=None, help="random seed (default: fixed, so the same scale gives the same files)")

    # its options are the benchmark's own (bench --help); main() hands them over unparsed
    commands.add_parser("bench", add_help=False, help="benchmark the build at several scales against the MkDocs floor")

    urls = commands.add_parser("urls", help="list the page addresses not yet in urls.txt (the manifest of published URLs)")
    urls.add_argument("--update", action="store_true", help="add them to urls.txt (lines are never removed)")
    return parser


EXIT_INTERRUPTED = 130
"""What a shell reports for Ctrl-C."""


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(sys.argv[1:] if argv is None else argv)
    except KeyboardInterrupt:
        print("\ninterrupted; nothing was changed (the previous site, if any, was left as it was)", file=sys.stderr)
        return EXIT_INTERRUPTED


def _main(argv: list[str]) -> int:
    if argv[:1] == ["bench"]:
        from .bench import main as bench

        try:
            return bench(argv[1:])
        except SystemExit as exc:  # argparse's --help and usage errors
            return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    root: Path = args.root.resolve()
    if args.command == "synth":
        return _synth(args.out, args.scale, args.seed)
    if args.command != "schema" and not root.is_dir():
        print(f"build_site.py: error: --root {root} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "check":
        return _check(root, strict=args.strict)
    if args.command == "build":
        from .build import build_site

        return build_site(root, strict=args.strict, site_dir=args.site_dir)
    if args.command == "serve":
        from .build import serve_site

        return serve_site(root, args.dev_addr)
    if args.command == "quote":
        from .quotefind import print_matches

        return print_matches(root, args.words, args.limit)
    if args.command == "urls":
        return _urls(root, update=args.update)
    if args.command == "schema":
        from .schema import write_schemas

        for path in write_schemas(PROJECT / "schemas"):
            print(f"wrote {path.relative_to(PROJECT)}")
        return EXIT_OK
    return EXIT_USAGE  # pragma: no cover - argparse requires a command


def coverage_line(corpus: Corpus) -> str:
    shares = ", ".join(f"{source} {share:.0%}" for source, share in corpus.coverage().items())
    return f"coverage of article text by quotes: {shares}; {corpus.multi_source_claims()} claims with evidence from 2+ articles"


def report(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem.format(), file=sys.stderr)


def _urls(root: Path, *, update: bool) -> int:
    from .permalinks import MANIFEST, unpublished, update_manifest
    from .pipeline import load_site

    corpus, problems, _redirects = load_site(root, DOCS)
    if problems.errors:
        report(problems.sorted())
        return EXIT_DATA
    if update:
        try:
            added = update_manifest(root, corpus, DOCS)
        except OSError as exc:
            print(f"build_site.py urls: error: cannot write {root / MANIFEST} ({exc.strerror or exc})", file=sys.stderr)
            return EXIT_DATA
        print(f"{MANIFEST}: added {len(added)} URL(s)")
    else:
        for url in unpublished(root, corpus, DOCS):
            print(url or "/")
    return EXIT_OK


def _synth(out: Path, scale: int, seed: int | None) -> int:
    from .synth import SEED, synthesize

    if scale < 1:
        print("build_site.py synth: error: --scale must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        summary = synthesize(out.resolve(), scale, SEED if seed is None else seed)
    except FileExistsError as exc:
        print(f"build_site.py synth: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    counts = ", ".join(f"{number} {name}" for name, number in summary.counts.items())
    print(f"wrote {out}: scale {summary.scale}, seed {summary.seed}; {counts}; {summary.seconds:.2f}s")
    print(f"build it with: python build_site.py --root {out} build")
    return EXIT_OK


def _check(root: Path, *, strict: bool) -> int:
    from .pipeline import load_site

    started = time.perf_counter()
    corpus, problems, _redirects = load_site(root, DOCS)
    report(problems.sorted())
    errors, warnings = len(problems.errors), len(problems.warnings)
    counts = ", ".join(f"{number} {name}" for name, number in corpus.counts().items())
    elapsed = time.perf_counter() - started
    failed = errors > 0 or (strict and warnings > 0)
    verdict = "FAILED" if failed else "ok"
    if not errors:
        print(coverage_line(corpus))
    strict_note = " (--strict: warnings fail)" if strict and warnings else ""
    print(
        f"check {verdict}: {errors} error(s), {warnings} warning(s){strict_note}; {counts}; {elapsed:.2f}s",
        file=sys.stderr if failed else sys.stdout,
    )
    return EXIT_DATA if failed else EXIT_OK
