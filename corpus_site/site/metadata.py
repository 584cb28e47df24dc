"""What a page tells machines about itself: the citation tags reference managers read, the
schema.org JSON-LD of a claim, and the downloads offered beside it."""

from __future__ import annotations

from corpus_site.cite.cite import Citations, SiteInfo
from corpus_site.corpus.corpus import ClaimView, Corpus
from corpus_site.records.urls import record_url
from corpus_site.util.jsonio import script_json

#: Download formats offered for every record: the record itself, and its citation.
DOWNLOADS = ("json", "bib", "ris", "csl.json")


def head_tags(citation: Citations, site: SiteInfo) -> list[tuple[str, str, str]]:
    """(attribute, key, content) for the <meta> tags reference managers and link previews read."""
    item = citation.csl
    title = item["title"]
    built = site.built.isoformat()
    tags = [
        ("name", "citation_title", title),
        ("name", "citation_author", site.name),
        ("name", "citation_publisher", site.name),
        ("name", "citation_date", site.built.strftime("%Y/%m/%d")),
        ("name", "citation_public_url", item["URL"]),
        ("name", "DC.title", title),
        ("name", "DC.creator", site.name),
        ("name", "DC.publisher", site.name),
        ("name", "DC.date", built),
        ("name", "DC.identifier", item["URL"]),
        ("name", "DC.type", "Text"),
        ("name", "DC.format", "text/html"),
        ("name", "DC.language", "en"),
        ("property", "og:title", title),
        ("property", "og:type", "article"),
        ("property", "og:url", item["URL"]),
        ("property", "og:site_name", site.name),
        ("property", "og:description", item["genre"]),
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
                "publisher": {"@type": "Organization", "name": article.source.outlet},
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
        "version": str(corpus.version(view.id).number),
        "datePublished": corpus.version(view.id).first or None,
        "dateModified": corpus.version(view.id).date or None,
        "appearance": appearances,
        "firstAppearance": appearances[0] if appearances else None,
    }
    return script_json(data)
