"""Property-based fuzzing of `build` (Hypothesis): a mutated copy of tests/fixtures/mini either builds
or fails cleanly, and a failed build never harms the previous site.

Each example copies the small fixture corpus together with a site already built from it (the
unmutated corpus is built once per session with ``main(["--root", ..., "build"])``), applies a
*mutation*, runs ``build`` in-process and checks that:

- no exception escapes ``main`` and no traceback is printed; the exit code is 0 or 1;
- on exit 1, stderr has located lines (``file:line:col: error[code]: ...``), as many error lines
  as the summary line counts, each problem on one line of its own, or a ``build FAILED:`` line
  for an I/O problem; the previous site is byte for byte what it was;
- nothing is written beside the corpus and the site (no staging folder is left behind), and the
  records themselves are not changed (only ``.cache/`` may be);
- the peak resident memory of the process grows by less than 500 MB; an address-space limit set
  around the build (a safety net, 1 GB above what is mapped) turns a runaway allocation into a
  MemoryError instead of taking the machine down; and one build takes less than 30 seconds;
- stderr holds no raw control characters (a value echoed in a message cannot drive the terminal);
- a mutation of the build cache alone (``.cache/``) does not fail the build.

A mutation is a tuple of operations, each a tuple of plain values applied by :func:`apply_mutation`,
so every failing case found is kept below as an ``@example``:

- ``("set", file, path, yaml)``: replace the value at ``path`` (keys and list indexes of the fixture
  file) by ``yaml``, one line of YAML text written as is (a number, a tagged value, a flow list or
  mapping, an alias ...); ``yaml`` may also be a *generator* tuple, see :func:`expand`;
- ``("del", file, path)``: delete that key or list item (``()``: the whole file);
- ``("key", file, path, key, yaml)``: add ``key: yaml`` to the mapping at ``path`` (``<<`` for a merge key);
- ``("anchor", file, path, name)``: put ``&name`` on the value at ``path``;
- ``("rename", old, new)``: rename an id in every YAML file and in urls.txt (whole words);
- ``("file", file, spec)``: change a whole file: ``("text", s)``, ``("bytes", b)``, ``("append", s)``,
  ``("prepend", s)``, ``("splice", offset, b)``, ``("truncate", n)``, ``("crlf",)``, ``("dir",)``,
  ``("symlink", target)`` (``"self"``: a loop), ``("fifo",)`` (a named pipe) or ``("delete",)``.

The fuzz tests are marked ``slow`` (about 25 s together for 90 examples); ``pytest --fuzz-long`` runs
2,000 examples (800 + 600 + 600) instead of the quick sample, in about 8 minutes.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import re
import resource
import shutil
import signal
import stat
import tempfile
import time
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from corpus_site.devtools.cli import main

import conftest
from conftest import FIXTURES

Op = tuple[Any, ...]
Mutation = tuple[Op, ...]

MINI = FIXTURES / "mini"
YAML_FILES = ("seeds/sources.yaml", "actors.yaml", "events.yaml", "claims.yaml", "questions.yaml", "corrections.yaml")
FIXTURE_DATA: dict[str, Any] = {rel: yaml.safe_load((MINI / rel).read_text(encoding="utf-8")) for rel in YAML_FILES}

#: A located problem line, as the editor sees it.
LOCATED = re.compile(r"^[^:\n]+:\d+:\d+: (error|warning)\[[a-z-]+\]: ")
SUMMARY = re.compile(r"^build FAILED: (\d+) error\(s\), (\d+) warning\(s\)")
#: C0 controls but tab and newline, DEL and C1 controls: a message must not carry them raw.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
MAX_RSS_GROWTH_KB = 500 * 1024
#: The address-space limit around one build, above what the process already maps: a safety net only.
ADDRESS_SPACE_HEADROOM = 1024**3
TIME_LIMIT = 30.0


def examples(default: int, long: int) -> int:
    """How many examples a fuzz test runs: a quick sample, or ``long`` with ``--fuzz-long``."""
    return long if conftest.FUZZ_LONG else default


def fuzz_settings(default: int, long: int) -> settings:
    return settings(
        max_examples=examples(default, long),
        derandomize=True,
        database=None,
        deadline=None,
        print_blob=False,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
    )


# ---------------------------------------------------------------------------------------------
# Applying a mutation


def expand(value: Any) -> str:
    """YAML text from a ``yaml`` argument: text is used as is; a tuple generates it (large inputs stay
    short in an ``@example``):

    - ``("repeat", unit, n)``: ``unit`` n times, as is;
    - ``("quoted", unit, n)``: ``unit`` n times, as one double-quoted YAML string;
    - ``("bomb", width, depth)``: nested aliases ("billion laughs"), ``width ** depth`` values;
    - ``("laughs", width, depth)``: the same as a whole block document (a ``lol:`` key per level);
    - ``("deep", depth, style)``: ``depth`` nested flow lists (``"["``), mappings (``"{"``), aliases
      (``"alias"``) or block mappings (``"block"``);
    - ``("wide", n, item)``: a flow list of ``n`` times ``item``.
    """
    if isinstance(value, str):
        return value
    kind, *args = value
    if kind == "repeat":
        return str(args[0]) * int(args[1])
    if kind == "quoted":
        return json.dumps(str(args[0]) * int(args[1]), ensure_ascii=False)
    if kind == "bomb":
        width, depth = int(args[0]), int(args[1])
        levels = ["&lol0 " + json.dumps(["lol"] * width)]
        levels += [f"&lol{level} [" + ", ".join([f"*lol{level - 1}"] * width) + "]" for level in range(1, depth + 1)]
        return "[" + ", ".join(levels) + "]"
    if kind == "laughs":
        width, depth = int(args[0]), int(args[1])
        lines = ["lol0: &lol0 " + json.dumps(["lol"] * width)]
        lines += [f"lol{level}: &lol{level} [" + ", ".join([f"*lol{level - 1}"] * width) + "]" for level in range(1, depth + 1)]
        return "\n".join(lines) + "\n"
    if kind == "deep":
        depth, style = int(args[0]), str(args[1])
        if style == "[":
            return "[" * depth + "x" + "]" * depth
        if style == "{":
            return "{a: " * depth + "x" + "}" * depth
        if style == "alias":
            return "[&d0 [x]" + "".join(f", &d{level} [*d{level - 1}]" for level in range(1, depth)) + "]"
        if style == "block":
            return "".join(f"{'  ' * level}a:\n" for level in range(depth)) + "  " * depth + "x\n"
        raise ValueError(style)
    if kind == "wide":
        return "[" + ", ".join([str(args[1])] * int(args[0])) + "]"
    raise ValueError(f"unknown generator {kind!r}")


_TOKEN = re.compile(r'"(__fzk?\d+__)"|(__fzk?\d+__)')


class _Tree:
    """A fixture YAML file as data, with placeholders where the mutation writes YAML text."""

    def __init__(self, data: Any) -> None:
        self.data = data
        self.snippets: dict[str, Any] = {}
        self.deleted = False

    def token(self, snippet: Any, *, key: bool = False) -> str:
        name = f"__fz{'k' if key else ''}{len(self.snippets)}__"
        self.snippets[name] = snippet
        return name

    def locate(self, path: Sequence[Any]) -> tuple[Any, Any] | None:
        """(container, key) of the value at a non-empty ``path``; None when it is no longer there."""
        node = self.data
        for step in path:
            if (isinstance(node, dict) and step in node) or (isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)):
                parent, node = node, node[step]
            else:
                return None
        return parent, path[-1]

    def value(self, path: Sequence[Any]) -> tuple[bool, Any]:
        if not path:
            return True, self.data
        found = self.locate(path)
        return (False, None) if found is None else (True, found[0][found[1]])

    def replace(self, path: Sequence[Any], new: Any) -> None:
        if not path:
            self.data = new
            return
        found = self.locate(path)
        if found is not None:
            found[0][found[1]] = new

    def apply(self, op: Op) -> None:
        kind, path = op[0], tuple(op[2])
        present, current = self.value(path)
        if not present:
            return  # the value was deleted or replaced by an earlier operation
        if kind == "set":
            self.replace(path, self.token(op[3]))
        elif kind == "del":
            if not path:
                self.deleted = True
                return
            container, key = self.locate(path)  # type: ignore[misc]
            del container[key]
        elif kind == "key":
            if isinstance(current, dict):
                current[self.token(op[3], key=True)] = self.token(op[4])
        elif kind == "anchor":
            self.replace(path, self.token(f"&{op[3]} " + json.dumps(current, ensure_ascii=False)))
        else:
            raise ValueError(f"unknown operation {kind!r}")

    def render(self) -> bytes:
        text = yaml.safe_dump(self.data, sort_keys=False, allow_unicode=True, width=1_000_000, default_flow_style=False)
        for _ in range(len(self.snippets) + 1):  # a snippet may hold the token of another (an anchored value)
            text, count = _TOKEN.subn(lambda match: expand(self.snippets[match.group(1) or match.group(2)]), text)
            if not count:
                break
        return text.encode("utf-8", "surrogatepass")


class _Dir:
    pass


class _Absent:
    pass


class _Fifo:
    pass


class _Link:
    def __init__(self, target: str) -> None:
        self.target = target


_ORIGINAL = object()


def _current_bytes(root: Path, rel: str, state: Any) -> bytes:
    if state is _ORIGINAL:
        path = root / rel
        return path.read_bytes() if path.is_file() and not path.is_symlink() else b""
    if isinstance(state, _Tree):
        return b"" if state.deleted else state.render()
    if isinstance(state, bytes):
        return state
    return b""


def _file_op(current: bytes, spec: Sequence[Any]) -> Any:
    kind = spec[0]
    if kind == "text":
        return expand(spec[1]).encode("utf-8", "surrogatepass")
    if kind == "bytes":
        return bytes(spec[1])
    if kind == "append":
        return current + expand(spec[1]).encode("utf-8", "surrogatepass")
    if kind == "prepend":
        return expand(spec[1]).encode("utf-8", "surrogatepass") + current
    if kind == "splice":
        at = int(spec[1]) % (len(current) + 1)
        return current[:at] + bytes(spec[2]) + current[at:]
    if kind == "truncate":
        return current[: int(spec[1]) % (len(current) + 1)]
    if kind == "crlf":
        return current.replace(b"\n", b"\r\n")
    if kind == "dir":
        return _Dir()
    if kind == "symlink":
        return _Link(str(spec[1]))
    if kind == "delete":
        return _Absent()
    if kind == "fifo":
        return _Fifo()
    raise ValueError(f"unknown file operation {kind!r}")


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def apply_mutation(root: Path, mutation: Mutation) -> None:
    """Apply the operations of ``mutation``, in order, to the corpus at ``root``."""
    states: dict[str, Any] = {}

    def touch(rel: str, state: Any) -> None:
        states.pop(rel, None)  # files are written in the order of their last change
        states[rel] = state

    for op in mutation:
        kind = op[0]
        if kind in ("set", "del", "key", "anchor"):
            rel = op[1]
            state = states.get(rel, _ORIGINAL)
            if state is _ORIGINAL:
                state = _Tree(copy.deepcopy(FIXTURE_DATA[rel]))
            if isinstance(state, _Tree):
                state.apply(op)
                touch(rel, state)
        elif kind == "file":
            rel = op[1]
            touch(rel, _file_op(_current_bytes(root, rel, states.get(rel, _ORIGINAL)), op[2]))
        elif kind == "rename":
            old, new = re.compile(rf"(?<![\w-]){re.escape(op[1])}(?![\w-])"), expand(op[2]).replace("\\", "\\\\")
            for rel in (*YAML_FILES, "urls.txt"):
                state = states.get(rel, _ORIGINAL)
                if isinstance(state, (_Dir, _Absent, _Link, _Fifo)) or (isinstance(state, _Tree) and state.deleted):
                    continue
                text = _current_bytes(root, rel, state).decode("utf-8", "surrogateescape")
                touch(rel, old.sub(new, text).encode("utf-8", "surrogateescape"))
        else:
            raise ValueError(f"unknown operation {kind!r}")

    for rel, state in states.items():
        path = root / rel
        if not path.parent.is_dir() or path.parent.is_symlink():
            continue  # its folder was replaced by a file or a link
        if isinstance(state, _Tree) and state.deleted:
            state = _Absent()
        _remove(path)
        if isinstance(state, _Tree):
            path.write_bytes(state.render())
        elif isinstance(state, bytes):
            path.write_bytes(state)
        elif isinstance(state, _Dir):
            path.mkdir()
        elif isinstance(state, _Fifo):
            os.mkfifo(path)
        elif isinstance(state, _Link):
            path.symlink_to(path.name if state.target == "self" else state.target)  # "self": a link to itself (a loop)


# ---------------------------------------------------------------------------------------------
# Running a build and checking the invariants


class BuildTimeout(BaseException):
    """Raised in the build when it takes longer than :data:`TIME_LIMIT` (a BaseException, so the
    build's own ``except Exception`` cannot turn it into an ordinary failure)."""


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    def expire(_signum: int, _frame: Any) -> None:
        raise BuildTimeout(f"the build took more than {seconds:.0f}s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _mapped_bytes() -> int:
    try:
        return int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


@contextlib.contextmanager
def _address_space_guard(headroom: int) -> Iterator[None]:
    """Limit the address space to what is mapped now plus ``headroom`` while the build runs, so
    that a runaway allocation raises MemoryError in the build instead of exhausting the machine."""
    mapped = _mapped_bytes()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = mapped + headroom
    if not mapped or (hard != resource.RLIM_INFINITY and limit > hard):
        yield
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _max_rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def snapshot(folder: Path, *, skip: str | None = None) -> dict[str, Any]:
    """Relative path -> bytes of a file, the target of a link, or None for a folder."""
    found: dict[str, Any] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        if skip is not None and here == folder and skip in dirnames:
            dirnames.remove(skip)
        for name in [*dirnames, *filenames]:
            path = here / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[rel] = ("link", os.readlink(path))
            elif path.is_dir():
                found[rel] = None
            elif not path.is_file():
                found[rel] = ("special", stat.S_IFMT(path.lstat().st_mode))  # a named pipe would block a read
            else:
                try:
                    found[rel] = path.read_bytes()
                except OSError as exc:
                    found[rel] = ("unreadable", exc.errno)
    return found


def _describe_difference(before: dict[str, Any], after: dict[str, Any]) -> str:
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(rel for rel in set(before) & set(after) if before[rel] != after[rel])
    return f"added {added[:5]}, removed {removed[:5]}, changed {changed[:5]}"


def run_build(root: Path, site: Path) -> tuple[int | None, str, str, str | None]:
    """``main(["--root", root, "build", "--site-dir", site])`` in-process: (exit code, stdout, stderr,
    the traceback of an exception that escaped it)."""
    out, err = io.StringIO(), io.StringIO()
    code: int | None = None
    escaped = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            with _address_space_guard(ADDRESS_SPACE_HEADROOM), _time_limit(TIME_LIMIT):
                code = main(["--root", str(root), "build", "--site-dir", str(site)])
        except KeyboardInterrupt:
            raise
        except BaseException:
            escaped = traceback.format_exc()
    return code, out.getvalue(), err.getvalue(), escaped


def violations_of(template: Path, mutation: Mutation) -> list[str]:
    """Build a mutated copy of the built corpus in ``template``; every invariant it breaks, in words."""
    parent = Path(tempfile.mkdtemp(prefix="corpus-fuzz-"))
    try:
        root, site = parent / "corpus", parent / "site"
        shutil.copytree(template / "corpus", root, symlinks=True)
        shutil.copytree(template / "site", site, symlinks=True)
        apply_mutation(root, mutation)
        listing = sorted(os.listdir(parent))
        site_before = snapshot(site)
        records_before = snapshot(root, skip=".cache")
        rss_before = _max_rss_kb()
        started = time.perf_counter()
        code, _out, err, escaped = run_build(root, site)
        elapsed = time.perf_counter() - started
        grown = _max_rss_kb() - rss_before

        found: list[str] = []
        event(f"exit {code}")
        if escaped is not None:
            found.append(f"exception escaped main:\n{escaped}")
        if "Traceback (most recent call last)" in err:
            found.append(f"a traceback was printed:\n{err[-3000:]}")
        if code not in (0, 1) and escaped is None:
            found.append(f"exit code {code} (expected 0 or 1)")
        lines = err.split("\n")  # not splitlines(): a terminal breaks lines at "\n" only
        if code == 1:
            located = [line for line in lines if LOCATED.match(line)]
            summary = next((match for match in map(SUMMARY.match, lines) if match), None)
            if summary is not None:
                errors = sum(1 for line in located if ": error[" in line)
                if not located:
                    found.append(f"exit 1 without a located problem line:\n{err[-2000:]}")
                elif errors != int(summary.group(1)) or len(located) != int(summary.group(1)) + int(summary.group(2)):
                    found.append(f"{len(located)} located lines ({errors} errors) but the summary says: {summary.group(0)}\n{err[-2000:]}")
                strays = [line for line in lines if line.strip() and not LOCATED.match(line) and not line.startswith("build FAILED")]
                if strays:
                    found.append(f"a problem takes more than one line (one located line per problem); stray lines: {strays[:5]!r}")
            elif not any(line.startswith("build FAILED: ") for line in lines):
                found.append(f"exit 1 without a located problem line or a 'build FAILED:' line:\n{err[-2000:]}")
            else:
                event("build FAILED without a located line: " + next(line for line in lines if line.startswith("build FAILED: "))[:90])
            site_after = snapshot(site)
            if site_after != site_before:
                found.append(f"the failed build changed the previous site: {_describe_difference(site_before, site_after)}")
        if code == 0 and not (site / "index.html").is_file():
            found.append("exit 0 but the site has no index.html")
        if code == 1 and all(op[0] == "file" and (op[1] == ".cache" or str(op[1]).startswith(".cache/")) for op in mutation):
            found.append(f"a damaged build cache alone failed the build (a cache should only cost time):\n{err[-2000:]}")
        left = sorted(os.listdir(parent))
        if left != listing:
            found.append(f"written beside the corpus and the site: {sorted(set(left) ^ set(listing))}")
        records_after = snapshot(root, skip=".cache")
        if records_after != records_before:
            found.append(f"the build changed the records: {_describe_difference(records_before, records_after)}")
        if grown > MAX_RSS_GROWTH_KB:
            found.append(f"peak memory grew by {grown // 1024} MB")
        if CONTROL.search(err):
            controls = sorted({repr(char) for char in CONTROL.findall(err)})
            found.append(f"stderr carries raw control characters {controls}: {[line for line in lines if CONTROL.search(line)][:3]!r}")
        if elapsed > TIME_LIMIT / 2:
            event(f"slow build (> {TIME_LIMIT / 2:.0f}s)")
        return found
    finally:
        shutil.rmtree(parent, ignore_errors=True)


def check(template: Path, mutation: Mutation) -> None:
    found = violations_of(template, mutation)
    assert not found, "\n\n".join(found)


@pytest.fixture(scope="module")
def built_mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture corpus and the site built from it, unmutated: each example starts from a copy."""
    template = tmp_path_factory.mktemp("fuzz-template")
    shutil.copytree(MINI, template / "corpus")
    code, _out, err, escaped = run_build(template / "corpus", template / "site")
    assert escaped is None and code == 0, f"the unmutated fixture corpus did not build:\n{escaped or err}"
    return template


# ---------------------------------------------------------------------------------------------
# Strategies: every value is plain (text, numbers, tuples), so a failing case prints as an @example


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield prefix, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


_ALL = [(rel, path, value) for rel in YAML_FILES for path, value in _paths(FIXTURE_DATA[rel])]
TREE_PATHS = [(rel, path) for rel, path, _value in _ALL]
TEXT_PATHS = [(rel, path) for rel, path, value in _ALL if isinstance(value, str)]
MAPPING_PATHS = [(rel, path) for rel, path, value in _ALL if isinstance(value, dict)]
NUMBER_PATHS = [(rel, path) for rel, path, value in _ALL if isinstance(value, int)]
_FREE_TEXT_KEYS = {"statement", "name", "title", "outlet", "date_basis", "note", "attribution", "summary", "question", "text", "reason"}
#: Values any text may take (the corpus stays valid): a build that gets through to the pages.
FREE_TEXT_PATHS = [(rel, path) for rel, path in TEXT_PATHS if path[-1] in _FREE_TEXT_KEYS or path[-2:-1] in (("aliases",), ("changes",))]
VALID_IDS = st.one_of(st.sampled_from(("x", "0", "a-b-c", "new-id-2", "index-2")), st.just(("repeat", "a", 120)))
_REFERENCE_KEYS = {"id", "actor", "source", "claim", "record", "subject", "object", "actors", "events", "claims", "speakers", "successors"}
ID_PATHS = [(rel, path) for rel, path in TEXT_PATHS if any(step in _REFERENCE_KEYS for step in path[-2:])]
IDS = sorted(
    {value for rel, path, value in _ALL if isinstance(value, str) and path and path[-1] == "id"}
    | {"iran", "hamas", "hezbollah", "israel", "alpha", "beta"}
)
ANCHOR_NAMES = ("fz0", "fz1")

UNICODE_PIECES = (
    "\u202e",  # right-to-left override
    "\u202b\u05e9\u05dc\u05d5\u05dd\u202c",  # RTL embedding, Hebrew
    "\u0627\u064a\u0631\u0627\u0646",  # Arabic
    "\u200f",
    "\u2066\u2069",
    "\u200b",
    "\ufeff",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\r",
    "\n",
    "\t",
    "\u2028",
    "\u0085",
    "\U0001f600",
    "e\u0301",
    "\ufb01",
    "\u0130",
    "\u00df",
    "\ufdfa",
    "\ufffd",
    "\uffff",
    "\U0010ffff",
    "\u00a0",
    "  ",
)
ASCII_PIECES: tuple[str, ...] = (
    "Iran",
    "Hamas",
    "<b>",
    "</div>",
    "<script>alert(1)</script>",
    "&amp;",
    "&",
    "{{ 7*7 }}",
    "{%",
    "%}",
    "$1",
    "\\",
    "'",
    '"',
)
ASCII_PIECES += ("|", "[", "]", ",", "=1+1", "@SUM(1)", "+1", "-1", "# x", ": ", "*", "`", "~", "\\u0000", "%s", "{0}")
TEXT = st.lists(
    st.one_of(st.sampled_from(UNICODE_PIECES), st.sampled_from(ASCII_PIECES), st.text(st.characters(codec="utf-8"), max_size=12)),
    min_size=1,
    max_size=6,
).map("".join)
#: A string as one line of YAML: JSON double quotes (escapes, or the characters themselves).
QUOTED_TEXT = st.builds(lambda text, ascii: json.dumps(text, ensure_ascii=ascii), TEXT, st.booleans())
YAML_ESCAPES = st.sampled_from(
    (
        '"\\x00"',
        '"\\e[2J"',
        '"\\N\\_\\L\\P"',
        '"\\ud800"',
        '"\\udfff\\ud800"',
        '"\\U0010FFFF"',
        '"\\U00110000"',
        '"\\uFEFFx"',
        '"\\a\\b\\v\\f"',
        "'it''s'",
        "'a\\nb'",
        '"\\t x \\t"',
        '"\\/"',
        '"\\u202eevil"',
        '""',
        '" "',
        "''",
    )
)
ID_WORDS = (
    "index",
    "Index",
    "INDEX",
    "Iran",
    "iran ",
    " iran",
    "ir an",
    "iran_x",
    "iran.x",
    "../x",
    "../../x/",
    "x/../y",
    "a/b",
    "a\\b",
    ".",
    "..",
    "-",
    "-a",
    "a-",
    "a--b",
    "",
    "0",
    "007",
    "con",
    "nul",
    "\u0131ran",
    "\uff49ran",
    "iran\u200b",
    "iran\n",
    "iran\x00",
    "%2e%2e",
    "claims",
    "data",
    "assets",
    "search",
    "sitemap.xml",
    "404",
    "q-x-1-2",
    "a" * 120,
    "a" * 121,
)
ID_SNIPPETS = st.one_of(
    st.sampled_from(ID_WORDS).map(json.dumps),
    st.sampled_from(IDS),
    st.sampled_from(ID_WORDS),
    st.builds(lambda unit, n: ("repeat", unit, n), st.sampled_from(("a", "a-", "x")), st.sampled_from((119, 120, 121, 255, 256, 5000))),
)
NUMBERS = st.one_of(
    st.integers(min_value=-3, max_value=200).map(str),
    st.sampled_from(
        ("2023", "20231007", "99999999999999999999999", "-99999999999999999999", "1e400", "-.inf", ".inf", ".nan", "0x7fffffff")
    ),
    st.sampled_from(("0o777", "0b101", "1_000_000", "190:20:30", "3.0", "1e3", "+1", "0.5", "-0")),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
BOOLS_AND_NULLS = st.sampled_from(("true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "Null", "NULL", "", "True"))
TAGS = (
    "!!int",
    "!!float",
    "!!bool",
    "!!null",
    "!!str",
    "!!timestamp",
    "!!binary",
    "!!python/object:os.system",
    "!!python/object/apply:os.system",
    "!!python/name:os.system",
    "!!python/tuple",
    "!!set",
    "!!omap",
    "!!pairs",
    "!!seq",
    "!!map",
    "!!merge",
    "!!value",
    "!unknown",
    "!",
    "!<tag:yaml.org,2002:int>",
    "!<tag:example.com,2000:x>",
)
TAG_VALUES = (
    '"12"',
    '"abc"',
    '"2023-10-07"',
    '"2023-10-07T01:02:03Z"',
    '"2023-10"',
    '"aGVsbG8="',
    '"//79"',
    '"///"',
    '"true"',
    '"maybe"',
    '"1.5"',
    '"nan"',
    '""',
    "[a, b]",
    "{a: 1}",
    "[1, 2]",
    "{a, b}",
    "[{a: 1}]",
    "iran",
    "0x1F",
    "1e400",
    "null",
)
TAGGED = st.builds(lambda tag, value: f"{tag} {value}", st.sampled_from(TAGS), st.sampled_from(TAG_VALUES))
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), TEXT),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=12,
).map(lambda value: json.dumps(value, ensure_ascii=False))
FLOWS = st.sampled_from(
    (
        "[]",
        "{}",
        "[[]]",
        "[null]",
        "[{}]",
        "[iran, hamas]",
        "[iran, iran]",
        "[index]",
        "[Iran]",
        "{a: 1}",
        "{1: a}",
        "{null: a}",
        "{[a, b]: c}",
        "{{a: 1}: b}",
        "{? a}",
        "[a, [b, [c]]]",
        "{id: x, name: y}",
        "{actor: hamas, role: attacker}",
        "{first: 1, last: 1, kind: heading}",
        "{grade: A, rationale: ok}",
        "{reason: split, successors: [hezbollah-surprised]}",
        "{reason: x}",
        "{about-100m: consistent}",
        "[{source: alpha, quote: Iran, stance: mentions}]",
        "{first: 1, last: 99999999999999, kind: heading}",
    )
)
ALIASES = st.sampled_from(("*fz0", "*fz1", "*undefined", "[*fz0, *fz0]", "[*fz0, *fz1]", "&fz0 x", "&fz1 [*fz0]"))
MERGES = st.sampled_from(("*fz0", "*fz1", "[*fz0, *fz1]", "{statement: merged}", "{id: merged}", "{}", "[]", "1", "[1]", "*undefined"))
MERGES |= st.sampled_from(("{<<: {a: 1}}", "null", "[{a: 1}, {b: 2}]", "&fz1 {name: merged}"))
GENERATED = st.one_of(
    st.builds(
        lambda unit, n: ("quoted", unit, n),
        st.sampled_from(("x", "a ", "\u202e", "\U0001f600", "Iran gives Hamas ", "\\", "\x00")),
        st.sampled_from((1000, 100_000, 1_000_000, 3_000_000)),
    ),
    st.builds(lambda width, depth: ("bomb", width, depth), st.integers(min_value=2, max_value=10), st.integers(min_value=1, max_value=30)),
    st.builds(
        lambda depth, style: ("deep", depth, style),
        st.sampled_from((50, 98, 99, 100, 101, 1000, 50_000)),
        st.sampled_from(("[", "{", "alias")),
    ),
    st.builds(
        lambda n, item: ("wide", n, item),
        st.sampled_from((1000, 20_000, 200_000)),
        st.sampled_from(("iran", "x", "*fz0", "[]", "{}", "1", "funding")),
    ),
)
SNIPPETS = st.one_of(NUMBERS, BOOLS_AND_NULLS, QUOTED_TEXT, YAML_ESCAPES, ID_SNIPPETS, TAGGED, FLOWS, JSON_VALUES, ALIASES, GENERATED)
KEYS = st.one_of(
    st.sampled_from(
        ("<<", "tag", "Id", "ID", "id", '"id"', "'id'", "ids", "statment", "evidence", "retired", "x", "[a, b]", "{a: 1}", "1", "null")
    ),
    st.sampled_from(
        ("true", "&k extra", "*fz0", "!!binary aGk=", "!!python/name:os.system", '"a\\nb"', '"\\e[31mred"', '"\\x00"', '"\\u202eevil"')
    ),
    QUOTED_TEXT,
)


def _set(where: st.SearchStrategy[tuple[str, tuple[Any, ...]]], snippet: st.SearchStrategy[Any]) -> st.SearchStrategy[Op]:
    return st.builds(lambda place, value: ("set", place[0], place[1], value), where, snippet)


RECORD_OPS = st.one_of(
    _set(st.sampled_from(FREE_TEXT_PATHS), QUOTED_TEXT),
    _set(st.sampled_from(FREE_TEXT_PATHS), QUOTED_TEXT),  # twice: half the examples should reach the pages
    st.builds(lambda old, new: ("rename", old, new), st.sampled_from(IDS), VALID_IDS),
    _set(st.sampled_from(TEXT_PATHS), st.one_of(QUOTED_TEXT, YAML_ESCAPES)),
    _set(st.sampled_from(ID_PATHS), ID_SNIPPETS),
    _set(st.sampled_from(NUMBER_PATHS), NUMBERS),
    _set(st.sampled_from(TREE_PATHS), SNIPPETS),
    st.builds(lambda place: ("del", place[0], place[1]), st.sampled_from(TREE_PATHS)),
    st.builds(lambda place, key, value: ("key", place[0], place[1], key, value), st.sampled_from(MAPPING_PATHS), KEYS, SNIPPETS),
    st.builds(lambda place, value: ("key", place[0], place[1], "<<", value), st.sampled_from(MAPPING_PATHS), MERGES),
    st.builds(lambda place, name: ("anchor", place[0], place[1], name), st.sampled_from(TREE_PATHS), st.sampled_from(ANCHOR_NAMES)),
    st.builds(
        lambda old, new: ("rename", old, new),
        st.sampled_from(IDS),
        ID_SNIPPETS.filter(lambda value: not isinstance(value, str) or "\n" not in value),
    ),
)

SEEDS = ("seeds/a.txt", "seeds/b.txt")
FILE_TARGETS = (*YAML_FILES, *SEEDS, "urls.txt", "redirects.yaml", "quote-anchors.txt", "seeds/c.txt", "seeds")
CACHE_FILES = (".cache/citations.json", ".cache/layout.json", ".cache")
LINK_TARGETS = ("missing.txt", "../nowhere/x", "/nonexistent/x", ".", "..", "a.txt", "../actors.yaml", "self", "../../outside", "/dev/zero")
BAD_BYTES = (
    b"\xff",
    b"\xfe\xff",
    b"\xc3",
    b"\xc3(",
    b"\xed\xa0\x80",
    b"\xc0\xaf",
    b"\xf4\x90\x80\x80",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\r",
    b"\x1a",
)
YAML_DOCUMENTS = st.one_of(
    st.sampled_from(
        ("", "\n", "# only a comment\n", "---\n", "---\n...\n", "a: 1\n---\nb: 2\n", "%YAML 1.1\n---\nclaims: []\n", "claims:\n")
    ),
    st.sampled_from(
        ("%TAG ! tag:example.com,2000:\n---\n!x 1\n", "claims: []\n", "claims: null\n", "[]\n", "1\n", "\ufeffclaims: []\n", "? a\n")
    ),
    st.sampled_from(("claims: !!binary aGk=\n", "!!python/object/apply:os.system [echo hi]\n", "&a [*a]\n", "{\n", "claims: [\n", "'\n")),
    st.builds(
        lambda width, depth: ("laughs", width, depth), st.integers(min_value=2, max_value=10), st.integers(min_value=1, max_value=30)
    ),
    st.builds(
        lambda depth, style: ("deep", depth, style), st.sampled_from((99, 100, 101, 5000)), st.sampled_from(("[", "{", "alias", "block"))
    ),
)
SITE_PATHS = (
    "claims/old-id/",
    "old/",
    "claims/iran-funds-hamas-amount/",
    "claims/",
    "sources/alpha/",
    "about/",
    "",
    "/",
    "./",
    "../",
    "../../x/",
    "../../../etc/",
    "claims/../../x/",
    "a/../../b/",
    "a/./b/",
    "/abs/",
    "//evil.example/",
    "http://evil.example/",
    "javascript:alert(1)/",
    "C:/x/",
    "x\\..\\y/",
    "claims/x",
    "claims//x/",
    "sitemap.xml/",
    "search/search_index.json/",
    "data/claims.json/",
    "data/",
    "data/claims/iran-funds-hamas-amount.json/",
    "assets/",
    "404.html/",
    "index.html/",
    "claims/index.html/",
    "a" * 300 + "/",
    "caf\u00e9/",
    "\u202e/",
    "x y/",
    "claims/hezbollah-surprised/a/",
)
REDIRECT_LINES = st.one_of(
    st.builds(
        lambda old, new: f"{json.dumps(old, ensure_ascii=False)}: {json.dumps(new, ensure_ascii=False)}",
        st.sampled_from(SITE_PATHS),
        st.sampled_from(SITE_PATHS),
    ),
    st.builds(lambda old, new: f"{old}: {new}", st.sampled_from(SITE_PATHS[:8]), st.sampled_from(SITE_PATHS[:8])),
    st.sampled_from(("1: 2", "[a]: b", "a: [b]", "a/: {b: c}", "x: null", "old/:", "<<: {old/: about/}", "old/: *undefined", "? old/")),
)
URL_LINES = st.sampled_from(
    (
        "/",
        "",
        "   ",
        "#",
        "# comment",
        "../../x/",
        "/abs/",
        "claims/x/",
        "claims/iran-funds-hamas-amount/",
        "claims/iran-funds-hamas-amount",
        "\ufeff/",
        "\ufeffabout/",
        "about/\r",
        "x\x00/",
        "a" * 5000,
        "claims/../x/",
        "\tabout/",
        "ABOUT/",
        "about//",
        "old/",
    )
)
ANCHOR_LINES = st.sampled_from(
    (
        "q-old-1 alpha 5",
        "q-old-1 alpha 0",
        "q-old alpha -1",
        "q-old alpha 99999999999999999999",
        "q-old gamma 1",
        "q-old alpha",
        "a b c d",
        "q\u00a0alpha\u00a05",
        "# comment",
        "",
        "q-old alpha 1e3",
        "q-old alpha \u0665",
        "q-old alpha \u00b2",
        "q-old alpha \u2460",
        "q-old alpha \uff15",
        'q-"><x alpha 5',
        "q-old beta 115",
        "q-old beta 116",
    )
)
CACHE_CONTENT = st.sampled_from(
    ("[]", "1", "null", '"x"', "{", '{"key": 1}', '{"key": null}', '{"a": 1}', '{"a": [1]}', '{"positions": []}', "")
)
SEED_TEXT = st.one_of(TEXT, st.sampled_from(("\ufeff", "\r\n", "\n\n\n", "Iran provides about $100 million a year to Hamas", "\x00" * 10)))

FILE_OPS = st.one_of(
    st.builds(lambda rel, kind: ("file", rel, (kind,)), st.sampled_from(FILE_TARGETS), st.sampled_from(("dir", "delete", "crlf"))),
    st.builds(lambda rel: ("file", rel, ("bytes", b"")), st.sampled_from(FILE_TARGETS)),
    st.builds(lambda rel, target: ("file", rel, ("symlink", target)), st.sampled_from(FILE_TARGETS), st.sampled_from(LINK_TARGETS)),
    st.builds(
        lambda rel, at, bad: ("file", rel, ("splice", at, bad)),
        st.sampled_from(FILE_TARGETS),
        st.integers(0, 1000),
        st.sampled_from(BAD_BYTES),
    ),
    st.builds(lambda rel, data: ("file", rel, ("bytes", data)), st.sampled_from(FILE_TARGETS), st.binary(max_size=64)),
    st.builds(lambda rel, n: ("file", rel, ("truncate", n)), st.sampled_from(FILE_TARGETS), st.integers(0, 1000)),
    st.builds(lambda rel: ("file", rel, ("prepend", "\ufeff")), st.sampled_from(FILE_TARGETS)),
    st.builds(lambda rel, document: ("file", rel, ("text", document)), st.sampled_from(YAML_FILES), YAML_DOCUMENTS),
    st.builds(
        lambda lines: ("file", "redirects.yaml", ("text", "\n".join(lines) + "\n")), st.lists(REDIRECT_LINES, min_size=1, max_size=4)
    ),
    st.builds(lambda lines: ("file", "urls.txt", ("append", "\n".join(lines) + "\n")), st.lists(URL_LINES, min_size=1, max_size=4)),
    st.builds(
        lambda lines: ("file", "quote-anchors.txt", ("text", "\n".join(lines) + "\n")), st.lists(ANCHOR_LINES, min_size=1, max_size=4)
    ),
    st.builds(
        lambda rel, where, text: ("file", rel, (where, text)), st.sampled_from(SEEDS), st.sampled_from(("prepend", "append")), SEED_TEXT
    ),
    st.builds(lambda rel, content: ("file", rel, ("text", content)), st.sampled_from(CACHE_FILES), CACHE_CONTENT),
    st.builds(lambda rel, kind: ("file", rel, (kind,)), st.sampled_from(CACHE_FILES), st.sampled_from(("dir", "delete"))),
    st.builds(lambda rel, target: ("file", rel, ("symlink", target)), st.sampled_from(CACHE_FILES), st.sampled_from(LINK_TARGETS)),
)


def mutations(operations: st.SearchStrategy[Op], max_size: int) -> st.SearchStrategy[Mutation]:
    return st.lists(operations, min_size=1, max_size=max_size).map(tuple)


# ---------------------------------------------------------------------------------------------
# The fuzz tests. Failing cases found by the fuzzer are kept as @example (one per distinct failure).


@pytest.mark.slow
@fuzz_settings(default=40, long=800)
@given(mutation=mutations(RECORD_OPS, 4))
# A raw control character in a YAML file: yaml.reader.ReaderError escapes load_yaml (a traceback, no located line).
@example(mutation=(("set", "claims.yaml", ("claims", 0, "statement"), "Iran\x1a"),))
# An escape past U+10FFFF: libyaml reports a syntax error, then the pure-Python rescan for a runaway
# string (load._runaway_string) raises ValueError from chr().
@example(mutation=(("set", "claims.yaml", ("claims", 0, "statement"), '"\\U00110000"'),))
# A huge non_article range: bad-range is reported, yet range(first, last + 1) is still expanded into
# a set (corpus._read_articles); MemoryError here, all the memory of the machine without the guard.
@example(mutation=(("set", "seeds/sources.yaml", ("sources", 0, "non_article", 0, "last"), "0x7fffffff"),))
# A value echoed raw in a message: an escape sequence reaches the terminal.
@example(mutation=(("set", "claims.yaml", ("claims", 1, "evidence", 0, "stance"), '"\\e[2J"'),))
# A newline in an echoed key: the problem spans two lines, the second unlocated.
@example(mutation=(("key", "actors.yaml", ("actors", 1), '"a\\nb"', "1"),))
def test_fuzz_records(built_mini: Path, mutation: Mutation) -> None:
    """Values replaced (types, tags, unicode, ids, sizes), keys added and deleted, anchors, aliases, merge keys, renames."""
    check(built_mini, mutation)


@pytest.mark.slow
@fuzz_settings(default=30, long=600)
@given(mutation=mutations(FILE_OPS, 3))
# An offset that str.isdigit() accepts and int() does not: ValueError escapes corpus._read_legacy_anchors.
@example(mutation=(("file", "quote-anchors.txt", ("text", "q-old alpha \u00b2\n")),))
# A build cache that is valid JSON but not an object fails the build: AttributeError in
# graph.cached_layout, TypeError in cite.CitationCache (a cache should only cost time).
@example(mutation=(("file", ".cache/layout.json", ("text", "[]")),))
@example(mutation=(("file", ".cache/citations.json", ("text", "1")),))
# Cache files are written through symbolic links: into a record, or outside the corpus.
@example(mutation=(("file", ".cache/layout.json", ("symlink", "../actors.yaml")),))
@example(mutation=(("file", ".cache/citations.json", ("symlink", "../../outside")),))
# A seed that never ends (a link to /dev/zero) is read whole: MemoryError.
@example(mutation=(("file", "seeds/a.txt", ("symlink", "/dev/zero")),))
# The same through the cache: the MemoryError (an exception without a message) is reported as
# "build FAILED: 0 error(s), 0 warning(s)" (cli._build prints str(exc) or the counts).
@example(mutation=(("file", ".cache/citations.json", ("symlink", "/dev/zero")),))
# A named pipe in place of a record file: the build waits for a writer forever (stopped after 30 s).
@example(mutation=(("file", "claims.yaml", ("fifo",)),))
# A NUL in urls.txt is echoed raw in the lost-url message.
@example(mutation=(("file", "urls.txt", ("append", "x\x00/\n")),))
def test_fuzz_files(built_mini: Path, mutation: Mutation) -> None:
    """Whole files: kinds (folder, link, deleted), bytes, documents, redirects.yaml, urls.txt, quote-anchors.txt, the build cache."""
    check(built_mini, mutation)


@pytest.mark.slow
@fuzz_settings(default=20, long=600)
@given(mutation=mutations(st.one_of(RECORD_OPS, FILE_OPS), 6))
# A NUL echoed raw in a bad-id message (the class of the escape-sequence example of test_fuzz_records).
@example(mutation=(("set", "seeds/sources.yaml", ("sources", 0, "id"), '"\\x00"'),))
def test_fuzz_mixed(built_mini: Path, mutation: Mutation) -> None:
    """Both kinds of operation together."""
    check(built_mini, mutation)


def test_mutations_apply_as_described(tmp_path: Path) -> None:
    """The mutation language itself: an unchanged value renders to an equivalent file, operations land where they say."""
    root = tmp_path / "corpus"
    shutil.copytree(MINI, root)
    apply_mutation(
        root,
        (
            ("set", "claims.yaml", ("claims", 0, "statement"), '!!str "x"'),
            ("anchor", "actors.yaml", ("actors", 0), "fz0"),
            ("key", "actors.yaml", ("actors", 1), "<<", "*fz0"),
            ("del", "events.yaml", ("events", 0, "actors")),
            ("rename", "hamas", ("repeat", "h", 3)),
            ("file", "seeds/b.txt", ("dir",)),
            ("file", "urls.txt", ("append", "old/\n")),
        ),
    )
    claims = yaml.safe_load((root / "claims.yaml").read_text(encoding="utf-8"))
    assert claims["claims"][0]["statement"] == "x"
    assert claims["claims"][0]["actors"] == ["iran", "hhh"]
    actors = yaml.safe_load((root / "actors.yaml").read_text(encoding="utf-8"))
    assert actors["actors"][1] == {"id": "hhh", "name": "Hamas", "kind": "armed-group", "aliases": ["Islamic Republic", "Tehran"]}
    assert "actors" not in yaml.safe_load((root / "events.yaml").read_text(encoding="utf-8"))["events"][0]
    assert (root / "seeds" / "b.txt").is_dir()
    urls = (root / "urls.txt").read_text(encoding="utf-8")
    assert "actors/hhh/\n" in urls and "actors/hamas/" not in urls and urls.endswith("tags/\nold/\n")
    assert expand(("bomb", 2, 2)) == '[&lol0 ["lol", "lol"], &lol1 [*lol0, *lol0], &lol2 [*lol1, *lol1]]'
    for rel in YAML_FILES:  # rendering the data unchanged gives the same records
        tree = _Tree(copy.deepcopy(FIXTURE_DATA[rel]))
        assert yaml.safe_load(tree.render()) == FIXTURE_DATA[rel]
