"""Command line: check | build | serve | quote | add-source | schema | urls. A thin layer over the library: it
parses arguments, calls one function, and prints what came back."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from corpus_site.corpus.corpus import Corpus
from corpus_site.records.problems import Problem
from corpus_site.site.project import Project

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130
"""What a shell reports for Ctrl-C."""


def parser(project: Project) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build_site.py",
        description="Validate the records and build the corpus site.",
        epilog="Developer tools: build_site.py synth --help, build_site.py bench --help.",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=project.folder,
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
    serve.add_argument(
        "--editor",
        default=None,
        metavar="URL",
        help="editor URL scheme for the error overlay's links, e.g. 'vscode://file/{path}:{line}:{col}' (default: $CORPUS_EDITOR_URL)",
    )
    serve.add_argument("-v", "--verbose", action="store_true", help="show MkDocs' own log and every step")

    quote = commands.add_parser("quote", help="find passages matching some words, with a ready-to-paste evidence snippet")
    quote.add_argument("words", help="the words to look for")
    quote.add_argument("--limit", type=int, default=5, help="how many passages to show (default: 5)")

    add = commands.add_parser("add-source", help="copy an article's text into seeds/ byte for byte and add its sources.yaml entry, to fill")
    add.add_argument("file", type=Path, help="the article as a UTF-8 text file")
    add.add_argument("--id", default=None, help="the source's id (default: from its title)")

    commands.add_parser("schema", help="write the JSON Schemas of the YAML files into schemas/")

    urls = commands.add_parser("urls", help="list the page addresses not yet in urls.txt (the manifest of published URLs)")
    urls.add_argument("--update", action="store_true", help="add them to urls.txt (lines are never removed)")
    return parser


def main(argv: list[str] | None = None, project: Project | None = None) -> int:
    """Run one command; the exit code: 0 ok, 1 problems in the data, 2 usage, 130 interrupted."""
    project = project or Project.find(Path.cwd())
    if project is None:
        print("build_site.py: error: no mkdocs.yml here or above; run it from the project folder", file=sys.stderr)
        return EXIT_USAGE
    try:
        return _run(project, sys.argv[1:] if argv is None else argv)
    except KeyboardInterrupt:
        print("\ninterrupted; nothing was changed (the previous site, if any, was left as it was)", file=sys.stderr)
        return EXIT_INTERRUPTED


def _run(project: Project, argv: list[str]) -> int:
    try:
        args = parser(project).parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    root: Path = args.root.resolve()
    if args.command == "schema":
        from corpus_site.records.schema import write_schemas

        for path in write_schemas(project.schemas_dir):
            print(f"wrote {path.relative_to(project.folder)}")
        return EXIT_OK
    if not root.is_dir():
        print(f"build_site.py: error: --root {root} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "check":
        return _check(project, root, strict=args.strict)
    if args.command == "build":
        return _build(project, root, strict=args.strict, site_dir=args.site_dir)
    if args.command == "serve":
        from corpus_site.plugin.serve import serve_site

        return serve_site(project, root, args.dev_addr, verbose=args.verbose, editor=args.editor)
    if args.command == "quote":
        from corpus_site.corpus.quotefind import print_matches

        return print_matches(root, args.words, args.limit)
    if args.command == "urls":
        return _urls(project, root, update=args.update)
    if args.command == "add-source":
        return _add_source(root, args.file, args.id)
    return EXIT_USAGE  # pragma: no cover - argparse requires a command


def coverage_line(corpus: Corpus) -> str:
    shares = ", ".join(f"{source} {share:.0%}" for source, share in corpus.coverage().items())
    return f"coverage of article text by quotes: {shares}; {corpus.multi_source_claims()} claims with evidence from 2+ articles"


def uncurated_line(corpus: Corpus) -> str:
    """Per article, how many paragraphs no claim quotes yet (information: precision is the goal, not coverage)."""
    from corpus_site.corpus.curation import paragraph_count, uncurated_lines

    counts = ", ".join(
        f"{article.id} {len(uncurated_lines(article, corpus.quotes_by_source.get(article.id, [])))} of {paragraph_count(article)}"
        for article in corpus.articles.values()
    )
    return f"paragraphs no claim quotes yet (for information): {counts}"


def _add_source(root: Path, file: Path, source_id: str | None) -> int:
    from corpus_site.corpus.addsource import AddSourceError, add_source

    try:
        added = add_source(root, file, source_id)
    except AddSourceError as exc:
        print(f"build_site.py add-source: error: {exc}", file=sys.stderr)
        return EXIT_DATA
    seed = added.seed_file.relative_to(root)
    print(f"copied {file} to {seed} byte for byte ({added.lines} lines)")
    print(f"added source '{added.source_id}' to seeds/sources.yaml, titled {added.title!r}")
    print(f"  fill in the fields marked TO FILL: {', '.join(added.fields_to_fill)} ('check' warns until they are)")
    if added.named:
        print(f"known actors the text names ({len(added.named)}, by name or alias):")
        for named in added.named:
            print(f"  {named.actor}: '{named.alias}' x{named.count}, first on line {named.first_line}")
    else:
        print("the text names none of the known actors")
    print(f"its page: sources/{added.source_id}/ (serve shows it now; select a passage there to copy it as evidence)")
    return EXIT_OK


def report(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem.format(), file=sys.stderr)


def counts_of(corpus: Corpus) -> str:
    return ", ".join(f"{number} {name}" for name, number in corpus.counts().items())


def _check(project: Project, root: Path, *, strict: bool) -> int:
    from corpus_site.site.pipeline import load_site

    started = time.perf_counter()
    corpus, problems, _redirects = load_site(root, project.docs_dir)
    report(problems.sorted())
    errors, warnings = len(problems.errors), len(problems.warnings)
    elapsed = time.perf_counter() - started
    failed = errors > 0 or (strict and warnings > 0)
    verdict = "FAILED" if failed else "ok"
    if not errors:
        print(coverage_line(corpus))
        print(uncurated_line(corpus))
    strict_note = " (--strict: warnings fail)" if strict and warnings else ""
    print(
        f"check {verdict}: {errors} error(s), {warnings} warning(s){strict_note}; {counts_of(corpus)}; {elapsed:.2f}s",
        file=sys.stderr if failed else sys.stdout,
    )
    return EXIT_DATA if failed else EXIT_OK


def _build(project: Project, root: Path, *, strict: bool, site_dir: Path | None) -> int:
    from corpus_site.plugin.build import build_site
    from corpus_site.site.permalinks import MANIFEST, unpublished

    result = build_site(project, root, strict=strict, site_dir=site_dir)
    problems = result.problems
    report(problems.sorted())
    if result.code != 0:
        cause = result.failure or f"{len(problems.errors)} error(s), {len(problems.warnings)} warning(s)"
        print(f"build FAILED: {cause}; the previous site was left as it was", file=sys.stderr)
        return EXIT_DATA
    corpus = result.corpus
    assert corpus is not None
    print(coverage_line(corpus))
    new_urls = unpublished(root, corpus, project.docs_dir) if (root / MANIFEST).exists() else []
    if new_urls:
        print(f"{len(new_urls)} new page address(es) not yet in {MANIFEST}: run 'python build_site.py urls --update' when you publish")
    print(
        f"built {result.target} : {counts_of(corpus)}; {result.pages} pages; {len(problems.warnings)} warning(s); "
        f"check {result.checked_seconds:.2f}s, total {result.total_seconds:.2f}s"
    )
    return EXIT_OK


def _urls(project: Project, root: Path, *, update: bool) -> int:
    from corpus_site.corpus.versions import SNAPSHOTS, unpublished_versions, write_snapshots
    from corpus_site.site.permalinks import MANIFEST, unpublished, update_manifest
    from corpus_site.site.pipeline import load_site

    corpus, problems, _redirects = load_site(root, project.docs_dir)
    if problems.errors:
        report(problems.sorted())
        return EXIT_DATA
    versions = unpublished_versions(corpus)
    if update:
        try:
            added = update_manifest(root, corpus, project.docs_dir)
            write_snapshots(root, versions)
        except OSError as exc:
            print(f"build_site.py urls: error: cannot write in {root} ({exc.strerror or exc})", file=sys.stderr)
            return EXIT_DATA
        print(f"{MANIFEST}: added {len(added)} URL(s); {SNAPSHOTS}: added {len(versions)} claim version(s)")
    else:
        for url in unpublished(root, corpus, project.docs_dir):
            print(url or "/")
        for snapshot in versions:
            print(f"claims/{snapshot.claim}/#v{snapshot.version}")
    return EXIT_OK
