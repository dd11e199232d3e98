"""A news page (fetched or saved) -> a story, with trafilatura finding the main content and metadata."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from urllib.parse import urljoin

import trafilatura
from trafilatura.settings import Document

from broadsheet.importers.dates import find_date
from broadsheet.importers.fetch import Fetched, FetchPolicy, fetch_ok
from broadsheet.importers.htmltext import parse_html
from broadsheet.importers.wiretext import Extraction, extract
from broadsheet.wire.story import ImportRefused


def _authors(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    names = re.split(r"\s*[;|]\s*|\s+and\s+", text)
    return tuple(name.strip() for name in names if name.strip())


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    found = find_date(value)
    return found[0] if found else None


def extract_webpage(markup: str | bytes, *, url: str = "", source: str = "", today: date | None = None) -> Extraction:
    """Return the story in a news page: headline, author or credit, date, lead image URL and body."""
    source = source or url or "the page"
    parse_html(markup, source=source)  # refuses what lxml cannot read, naming the page
    document = trafilatura.bare_extraction(
        markup, url=url or None, with_metadata=True, include_comments=False, include_tables=False, fast=True
    )
    if not isinstance(document, Document) or not document.text:
        raise ImportRefused(source, "no article text was found on the page.")
    lines = document.text.split("\n")
    found = extract(lines, source=source, headline_hint=document.title or "", today=today)
    story = found.story
    authors = _authors(document.author)
    image = urljoin(url, document.image) if document.image else ""  # og:image may be relative
    found.story = replace(
        story,
        bylines=story.bylines or authors,
        published_at=story.published_at or _date(document.date),
        dek=(document.description or "")[:400],
        lead_image_url=image if image.startswith(("http://", "https://")) else "",
    )
    return found


def fetch_webpage(url: str, *, rules: FetchPolicy | None = None) -> Fetched:
    """Fetch `url` safely; refuse anything that is not an HTML page."""
    fetched = fetch_ok(url, rules=rules)
    if "html" not in fetched.content_type.lower():
        raise ImportRefused(url, f"it is {fetched.content_type or 'of no declared type'}, not a web page.")
    return fetched


def import_webpage(url: str, *, rules: FetchPolicy | None = None) -> Extraction:
    """Fetch `url` safely and return the story on it."""
    fetched = fetch_webpage(url, rules=rules)
    return extract_webpage(fetched.body, url=fetched.url, source=url)
