"""Names where the records keep ids (corpus_site/site/naming.py), and the quote marks of quotes."""

from __future__ import annotations

from corpus_site.corpus.loading import load_corpus
from corpus_site.site.naming import Namer, coverage, eras, relation_words
from corpus_site.site.pages import quoted

from conftest import FIXTURES


def test_prose_names_articles_and_actors_and_sets_other_ids_as_code() -> None:
    namer = Namer({"wotr": "War on the Rocks", "daily-beast": "The Daily Beast", "iran": "Iran"}, ["iran-funds-hamas"])
    assert str(namer("leader (portal, wotr)")) == "leader (portal, War on the Rocks)"
    assert str(namer("the daily-beast quote")) == "the Daily Beast quote"
    assert str(namer("split from iran-funds-hamas")) == "split from <code>iran-funds-hamas</code>"
    # only whole ids: a longer slug or a path is left alone, and the text is escaped
    assert str(namer("wotr-2 and /sources/wotr/ <b>")) == "wotr-2 and /sources/wotr/ &lt;b&gt;"
    assert namer.plain("(wotr, iran)") == "(War on the Rocks, Iran)"


def test_coverage_says_what_was_counted() -> None:
    corpus, problems = load_corpus(FIXTURES / "mini")
    assert not problems.errors
    view = corpus.claims["iran-funds-hamas-amount"]
    shown = coverage(view, list(corpus.articles), {key: article.short_name for key, article in corpus.articles.items()})
    assert shown.summary == "1 of 2 articles supports, 1 qualifies"
    assert [(cell.name, cell.stance) for cell in shown.cells] == [("Alpha News", "supports"), ("Beta Review", "qualifies")]


def test_relation_types_read_as_words_and_periods_as_eras() -> None:
    assert relation_words("coordinates-with") == "coordinates with"
    assert eras("since the early 1990s") == ("before-2000", "2000-2022", "from-2023")
    assert eras("1980s") == ("before-2000",)
    assert eras("until January 2020") == ("before-2000", "2000-2022")
    assert eras("from October 2023") == ("from-2023",)
    assert eras("former") == ("unstated",)


def test_quotes_are_not_given_a_second_pair_of_marks() -> None:
    assert quoted("Iran is a major player") == "\u201cIran is a major player\u201d"
    assert quoted("\u201cIran is a major player\u201d") == "\u201cIran is a major player\u201d"
    assert quoted("\u201cIran is a major player,\u201d he said") == "\u201cIran is a major player,\u201d he said"
