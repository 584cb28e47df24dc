"""What a page tells machines about itself: the citation tags reference managers read, the
schema.org JSON-LD of a claim, and the downloads offered beside it."""

from __future__ import annotations

from corpus_site.cite.cite import Citations, SiteInfo
from corpus_site.cite.formats import date_text
from corpus_site.corpus.corpus import ClaimView, Corpus
from corpus_site.records.urls import record_url
from corpus_site.util.jsonio import script_json

#: Download formats offered for every record: the record itself, and its citation.
DOWNLOADS = ("json", "bib", "ris", "csl.json")


def head_tags(citation: Citations, site: SiteInfo) -> list[tuple[str, str, str]]:
    """(attribute, key, content) for the <meta> tags reference managers and link previews read.

    The site is named as one name, never a person's: Zotero's Embedded Metadata translator reads a
    ``citation_author`` with a comma as "Last, First", so the site's name ends in one (a last name and
    nothing else); Dublin Core names it only as publisher, since DC.creator has no such convention.
    Dates are the cited version's, so a rebuild of unchanged records changes none of them."""
    item = citation.csl
    title = item["title"]
    url = citation.permalink
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    tags = [
        ("name", "citation_title", title),
        ("name", "citation_author", f"{site.name},"),
        ("name", "citation_publisher", site.name),
    ]
    if parts:
        tags.append(("name", "citation_date", date_text(parts, "/")))
    tags += [
        ("name", "citation_public_url", url),
        ("name", "DC.title", title),
        ("name", "DC.publisher", site.name),
    ]
    if parts:
        tags.append(("name", "DC.date", date_text(parts)))
    tags += [
        ("name", "DC.identifier", url),
        ("name", "DC.type", "Text"),
        ("name", "DC.format", "text/html"),
        ("name", "DC.language", "en"),
        ("property", "og:title", title),
        ("property", "og:type", "article"),
        ("property", "og:url", url),
        ("property", "og:site_name", site.name),
        ("property", "og:description", item.get("genre", "")),
    ]
    return tags


def claim_jsonld(corpus: Corpus, view: ClaimView, site: SiteInfo) -> str:
    """schema.org Claim with one appearance per article, as JSON safe inside a <script> element."""
    url = site.url + record_url("claims", view.id)
    appearances = []
    for source_id, stances in view.stances_by_source().items():
        article = corpus.articles[source_id]
        appearances.append(
            {
                "@type": "NewsArticle" if article.source.kind == "news-report" else "Article",
                "headline": article.source.title,
                **({} if article.source.outlet_is_descriptive else {"publisher": {"@type": "Organization", "name": article.source.outlet}}),
                "datePublished": article.source.published,
                "url": site.url + record_url("sources", source_id),
                "identifier": source_id,
                "description": f"stance: {', '.join(stances)}",
                "citation": [
                    {"@type": "Quotation", "text": quote.text, "url": site.url + record_url("sources", source_id) + "#" + quote.anchor_id}
                    for quote in view.quotes
                    if quote.evidence.source == source_id
                ],
            }
        )
    data = {
        "@context": "https://schema.org",
        "@type": "Claim",
        "@id": url,
        "url": url,
        "identifier": view.id,
        "text": view.claim.statement,
        "name": view.claim.statement,
        "description": f"agreement: {view.agreement}",
        "keywords": list(view.claim.tags),
        "isPartOf": {"@type": "WebSite", "name": site.name, "url": site.url},
        "author": {"@type": "Organization", "name": site.name},
        "version": str(corpus.version(view.id).number),
        "datePublished": corpus.version(view.id).first or None,
        "dateModified": corpus.version(view.id).date or None,
        "appearance": appearances,
        "firstAppearance": appearances[0] if appearances else None,
    }
    return script_json(data)
