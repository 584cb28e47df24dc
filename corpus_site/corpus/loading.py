"""Building a corpus: load and validate the records, read the seeds, anchor every quote, then
the checks that need the whole corpus (retired claims cited, unused records, the evidence checks)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus_site.corpus.anchor import MAX_FUZZY_HINTS, Anchor, SeedText
from corpus_site.corpus.checks import EvidenceChecks
from corpus_site.corpus.corpus import Article, ClaimView, Corpus, Quote
from corpus_site.corpus.versions import SNAPSHOTS, load_snapshots, snapshot_of
from corpus_site.records.load import position_of_byte, unreadable
from corpus_site.records.model import Claim, Evidence, Source
from corpus_site.records.problems import Problems
from corpus_site.records.references import check_questions, check_references
from corpus_site.records.validate import SOURCES_FILE, Placed, ReadCache, Records, load_records
from corpus_site.util.files import InputError, read_input
from corpus_site.util.progress import Timings


def load_corpus(root: Path, timings: Timings | None = None, cache: ReadCache | None = None) -> tuple[Corpus, Problems]:
    """Run load -> validate -> anchor; the corpus holds what validated, problems the rest. ``cache``:
    what the records files gave last time (`serve` keeps one; see :class:`ReadCache`)."""
    timings = timings if timings is not None else Timings()
    problems = Problems()
    seeds_dir = root / "seeds"
    seed_names = sorted(path.name for path in seeds_dir.glob("*.txt")) if seeds_dir.is_dir() else []
    with timings.phase("read+validate"):
        records = load_records(root, problems, cache)
        check_references(records, problems, seed_files=seed_names)
        check_questions(records, problems)
    corpus = Corpus(root)
    with timings.phase("anchor"):
        corpus.articles = _read_articles(root, records.sources, problems)
        memo = _Memo(cache.memo if cache is not None else None, corpus.articles)
        anchored = _anchor_claims(records.claims, corpus.articles, problems, memo)
        corpus.claims = {claim_id: view for claim_id, view in anchored.items() if view.claim.retired is None}
        corpus.retired_claims = {claim_id: view for claim_id, view in anchored.items() if view.claim.retired is not None}
    corpus.corrections = [placed.record for placed in records.corrections]
    corpus.published = records.published or ""
    corpus.actors = {placed.record.id: placed.record for placed in records.actors}
    corpus.relations = [placed.record for placed in records.relations]
    corpus.events = {placed.record.id: placed.record for placed in records.events}
    corpus.questions = {placed.record.id: placed.record for placed in records.questions}
    corpus.legacy_anchors = _read_legacy_anchors(root, corpus.articles, problems)
    actors = list(corpus.actors.values())
    naming = memo.get("naming", actors)
    corpus._index(naming)
    if naming is None:
        memo.put("naming", actors, corpus.articles_naming)
    _check_retired_references(records, corpus, problems)
    _check_published_versions(records, corpus, problems)
    _warn_unused(records, corpus, problems)
    _warn_to_fill(records, problems)
    if not problems.errors:
        EvidenceChecks(records, corpus, problems, known=cache.patterns if cache is not None else None, memo=memo).run()
    return corpus, problems


def _check_published_versions(records: Records, corpus: Corpus, problems: Problems) -> None:
    """Keep the published versions of the claims; a claim that no longer says what was published under
    its current version number changed without a corrections entry, and its citations would lie."""
    published = load_snapshots(corpus.root, problems)
    corpus.published_versions = {
        claim_id: {number: snap for number, (snap, _line) in versions.items()} for claim_id, versions in published.items()
    }
    for placed in records.claims:
        claim = placed.record
        version = corpus.version(claim.id)
        stored = published.get(claim.id, {}).get(version.number)
        if stored is None or stored[0].same_text(snapshot_of(claim, version.number, version.date)):
            continue
        if any(correction.date == version.date for correction in version.corrections):
            continue  # corrected on the version's own day: its text is settled when the site is published
        problems.warn(
            placed.file.file,
            placed.where("statement"),
            "unrecorded-change",
            f"claim '{claim.id}' no longer says what was published as its version {version.number} ({SNAPSHOTS} line {stored[1]})",
            f"add a corrections.yaml entry dated today saying what changed (the claim becomes version {version.number + 1}), "
            "or undo the change",
        )


def _check_retired_references(records: Records, corpus: Corpus, problems: Problems) -> None:
    """A relation or a question rests on current claims only: a retired claim no longer says what
    the articles say (its successors do)."""

    def report(placed: Placed[Any], path: tuple[str | int, ...], claim_id: str, what: str) -> None:
        successors = corpus.retired_claims[claim_id].claim.retired.successors  # type: ignore[union-attr]
        problems.add(
            placed.file.file,
            placed.where(*path),
            "retired-claim",
            f"{what} cites claim '{claim_id}', which is retired",
            f"cite its successors instead: {', '.join(successors)}" if successors else "cite a current claim, or remove it",
        )

    for placed_relation in records.relations:
        for index, claim_id in enumerate(placed_relation.record.claims):
            if claim_id in corpus.retired_claims:
                report(placed_relation, ("claims", index), claim_id, "relation")
    for placed_question in records.questions:
        for index, item in enumerate(placed_question.record.evidence):
            if item.claim in corpus.retired_claims:
                report(placed_question, ("evidence", index, "claim"), item.claim, "question")


LEGACY_ANCHORS = "quote-anchors.txt"


def _read_legacy_anchors(root: Path, articles: dict[str, Article], problems: Problems) -> dict[str, list[tuple[str, int]]]:
    """quote-anchors.txt: 'anchor article offset' per line, '#' comments; optional."""
    path = root / LEGACY_ANCHORS
    if not path.exists() and not path.is_symlink():
        return {}
    try:
        text = read_input(path).decode("utf-8")
    except InputError as exc:
        problems.add(LEGACY_ANCHORS, (1, 1), "unreadable-file", f"{LEGACY_ANCHORS} {exc.what}", exc.hint)
        return {}
    except UnicodeError:
        problems.add(LEGACY_ANCHORS, (1, 1), "unreadable-file", f"{LEGACY_ANCHORS} is not valid UTF-8", "restore it from version control")
        return {}
    found: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        offset_ok = len(parts) == 3 and parts[2].isascii() and parts[2].isdecimal()
        if not offset_ok or parts[1] not in articles or int(parts[2]) > len(articles[parts[1]].text):
            problems.add(
                LEGACY_ANCHORS,
                (number, 1),
                "bad-anchor",
                f"'{line.strip()}' is not 'anchor article offset' with a known article and an offset inside it",
                "this file lists anchors already published; restore the line from version control",
            )
            continue
        found[parts[1]].append((parts[0], int(parts[2])))
    return dict(found)


def _read_articles(root: Path, sources: list[Placed[Source]], problems: Problems) -> dict[str, Article]:
    articles: dict[str, Article] = {}
    for placed in sources:
        source = placed.record
        path = root / "seeds" / source.seed_file
        if source.id in articles or not (path.exists() or path.is_symlink()):
            continue  # a missing seed is reported with the references
        try:
            raw = read_input(path)
        except (InputError, OSError) as exc:
            what, hint = (exc.what, exc.hint) if isinstance(exc, InputError) else unreadable(path, exc)
            # said once, where the source names it: every claim quoting it would fail too
            problems.add(SOURCES_FILE, placed.where("seed_file"), "unreadable-seed", f"seeds/{source.seed_file} {what}", hint)
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line, col = position_of_byte(raw, exc.start)
            problems.add(
                f"seeds/{source.seed_file}",
                (line, col),
                "seed-encoding",
                f"seeds/{source.seed_file} is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at byte offset {exc.start})",
                "seeds are copied byte for byte from the original article; restore the original UTF-8 file",
            )
            continue
        line_count = text.count("\n") + 1
        excluded: set[int] = set()
        for index, run in enumerate(source.non_article):
            if run.last > line_count:
                problems.add(
                    SOURCES_FILE,
                    placed.where("non_article", index),
                    "bad-range",
                    f"non_article run {run.first}-{run.last} goes past the end of {source.seed_file} ({line_count} lines)",
                )
            excluded.update(range(run.first, min(run.last, line_count) + 1))
        articles[source.id] = Article(source, SeedText(text), frozenset(excluded))
    return articles


def _found_elsewhere(quote: str, cited: str, articles: dict[str, Article]) -> str:
    """Where else the quote occurs word for word, e.g. "'alpha' (a.txt:3)"; empty when nowhere."""
    places = []
    for article_id, article in articles.items():
        if article_id != cited:
            anchors = article.seed.find_all(quote)
            if anchors:
                places.append(f"'{article_id}' ({article.source.seed_file}:{article.seed.line_of(anchors[0].start)})")
    return ", ".join(places)


class _Memo:
    """What this stage worked out in the last load of `serve` (kept in its ReadCache), used again
    while its inputs are equal; everything is forgotten when an article's text or lines change."""

    def __init__(self, store: dict[str, Any] | None, articles: dict[str, Article]) -> None:
        self.store = store
        texts = [(article.id, article.text, article.non_article_lines) for article in articles.values()]
        if store is not None and store.get("texts") != texts:
            store.clear()
            store["texts"] = texts

    def get(self, key: str, inputs: Any) -> Any:
        kept = self.store.get(key) if self.store is not None else None
        return kept[1] if kept is not None and kept[0] == inputs else None

    def put(self, key: str, inputs: Any, value: Any) -> None:
        if self.store is not None:
            self.store[key] = (inputs, value)

    def forget(self, prefix: str) -> None:
        if self.store is not None:
            for key in [key for key in self.store if key.startswith(prefix)]:
                del self.store[key]


def _anchor_claims(
    claims: list[Placed[Claim]], articles: dict[str, Article], problems: Problems, memo: _Memo | None = None
) -> dict[str, ClaimView]:
    anchoring = _Anchoring(articles, problems)
    views: dict[str, ClaimView] = {}
    for placed in claims:
        view = memo.get(f"claim/{placed.record.id}", placed.record) if memo is not None else None
        if view is None:
            before = len(problems.items)
            view = anchoring.claim(placed)
            if view is not None and memo is not None and len(problems.items) == before:  # kept only when clean
                memo.put(f"claim/{placed.record.id}", placed.record, view)
        if view is not None and view.id not in views:
            views[view.id] = view
    return views


@dataclass
class _Anchoring:
    """Finds each quote in its article; what cannot be found unambiguously is reported, located."""

    articles: dict[str, Article]
    problems: Problems
    fuzzy_budget: int = MAX_FUZZY_HINTS
    """How many closest-passage searches are left (each is slow; a broken file could ask thousands)."""

    def claim(self, placed: Placed[Claim]) -> ClaimView | None:
        """The claim with its quotes anchored; None when one of them could not be."""
        claim = placed.record
        quotes: list[Quote] = []
        for index, evidence in enumerate(claim.evidence):
            article = self.articles.get(evidence.source)
            anchor = self.anchor(placed, index, evidence, article) if article is not None else None
            if article is None or anchor is None:
                self._rest(placed, index + 1)  # an unknown source is reported with the references
                return None
            line = article.seed.line_of(anchor.start)
            end_line = article.seed.line_of(anchor.end - 1)
            if article.non_article_lines & set(range(line, end_line + 1)):
                self.problems.warn(
                    placed.file.file,
                    placed.where("evidence", index, "quote"),
                    "non-article-quote",
                    f"quote lies in lines {line}-{end_line} of '{evidence.source}', listed as non-article text",
                    "quote the article text, or correct non_article in seeds/sources.yaml",
                )
            text = article.text[anchor.start : anchor.end]
            if text == evidence.quote:
                text = evidence.quote  # one copy of the words, not two
            quotes.append(Quote(claim.id, index, evidence, anchor.start, anchor.end, text, line))
        return ClaimView(claim, tuple(quotes))

    def _rest(self, placed: Placed[Claim], start: int) -> None:
        """Report the problems of the remaining quotes of a claim that cannot be kept anyway."""
        for index in range(start, len(placed.record.evidence)):
            evidence = placed.record.evidence[index]
            article = self.articles.get(evidence.source)
            if article is not None:
                self.anchor(placed, index, evidence, article)

    def anchor(self, placed: Placed[Claim], index: int, evidence: Evidence, article: Article) -> Anchor | None:
        anchors = article.seed.find_all(evidence.quote)
        file = placed.file.file
        if not anchors:
            self._not_found(placed, index, evidence, article)
            return None
        if evidence.occurrence is not None:
            if evidence.occurrence <= len(anchors):
                return anchors[evidence.occurrence - 1]
            self.problems.add(
                file,
                placed.where("evidence", index, "occurrence"),
                "bad-occurrence",
                f"occurrence {evidence.occurrence} asked, but the quote occurs {len(anchors)} time(s) in '{evidence.source}'",
            )
            return None
        if len(anchors) > 1:
            lines = ", ".join(str(article.seed.line_of(a.start)) for a in anchors)
            self.problems.add(
                file,
                placed.where("evidence", index, "quote"),
                "ambiguous-quote",
                f"quote occurs {len(anchors)} times in source '{evidence.source}' (lines {lines})",
                "lengthen the quote until it is unique, or add 'occurrence: N'",
            )
            return None
        return anchors[0]

    def _not_found(self, placed: Placed[Claim], index: int, evidence: Evidence, article: Article) -> None:
        hint = 'copy the words exactly from the article, or find them with: python build_site.py quote "..."'
        elsewhere = _found_elsewhere(evidence.quote, evidence.source, self.articles)
        if elsewhere:
            hint = f"the quote is in {elsewhere}; correct 'source:'"
        elif self.fuzzy_budget > 0:
            self.fuzzy_budget -= 1
            near = article.seed.closest(evidence.quote)
            if near is not None:
                passage = article.text[near.start : near.end].replace("\n", " ")
                place = f"{article.source.seed_file}:{article.seed.line_of(near.start)}"
                hint = f'closest passage ({near.score:.0f}% similar) at {place}: "{passage}"'
        self.problems.add(
            placed.file.file,
            placed.where("evidence", index, "quote"),
            "quote-not-found",
            f"quote not found in source '{evidence.source}'",
            hint,
        )


TO_FILL = "TO FILL"
"""What `add-source` writes where the editor has a value to give."""


def _warn_to_fill(records: Records, problems: Problems) -> None:
    """A source entry add-source wrote, not yet filled in."""
    for placed in records.sources:
        for name, value in placed.record:
            if isinstance(value, str) and TO_FILL in value:
                problems.warn(
                    placed.file.file,
                    placed.where(name),
                    "to-fill",
                    f"source '{placed.record.id}': '{name}' is still to fill",
                    f"give the value the text supports, and check the other fields marked {TO_FILL} in this entry",
                )


def _warn_unused(records: Records, corpus: Corpus, problems: Problems) -> None:
    if records.unreadable or records.invalid_ids:
        return  # with records missing, "unused" says nothing
    referenced: set[str] = set()
    evidenced_events: set[str] = set()
    for placed_claim in records.claims:
        claim = placed_claim.record
        referenced.update(claim.actors)
        referenced.update(speaker for evidence in claim.evidence for speaker in evidence.speakers)
        evidenced_events.update(claim.events)
    for event in corpus.events.values():
        referenced.update(participant.actor for participant in event.actors)
    for relation in corpus.relations:
        referenced.update((relation.subject, relation.object))
    for actor in corpus.actors.values():
        referenced.update(affiliation.actor for affiliation in actor.affiliations)
    for placed in records.actors:
        if placed.record.id not in referenced:
            problems.warn(
                placed.file.file,
                placed.where("id"),
                "unused-actor",
                f"actor '{placed.record.id}' is not named by any claim, event or relation",
                "link it from the claims that are about it, or remove it",
            )
    for placed_event in records.events:
        if placed_event.record.id not in evidenced_events:
            problems.warn(
                placed_event.file.file,
                placed_event.where("id"),
                "unevidenced-event",
                f"event '{placed_event.record.id}' has no claim evidencing it",
                "add its id to the 'events:' of the claims that describe it",
            )
