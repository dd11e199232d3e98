"""RSS and Atom feeds -> stories, one per item, each with the id that keeps it from being taken twice."""

from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from xml.sax import SAXParseException

import feedparser

from broadsheet.wire.story import ImportRefused, Story

RSS_AUTHOR = re.compile(r"^\S+@\S+\s*\((?P<name>[^()]+)\)$")


@dataclass(frozen=True)
class FeedItem:
    guid: str
    version: str  # the item's updated time, when the feed gives one: a change means a correction
    story: Story


def _time(entry: Any, name: str) -> datetime | None:
    # Looked up in keys(): feedparser's item access maps a missing "updated" to "published", with a warning.
    parsed = dict.get(entry, f"{name}_parsed") if f"{name}_parsed" in entry.keys() else None  # noqa: SIM118
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)


def _authors(entry: Any) -> tuple[str, ...]:
    # RSS writes "email (Name)"; feedparser's own split of that mangles some addresses, so read it here.
    rss = RSS_AUTHOR.match(entry.get("author", "") or "")
    if rss:
        return (rss["name"].strip(),)
    names = (author.get("name", "").strip() for author in entry.get("authors", []))
    return tuple(name for name in names if name and "@" not in name)


def _body(entry: Any) -> str:
    # feedparser has already sanitised the HTML; the content services sanitise it again on save.
    contents = entry.get("content") or []
    html = next((c.value for c in contents if "html" in c.get("type", "")), "") or (
        contents[0].value if contents else ""
    )
    return html or entry.get("summary", "")


def parse_feed(data: bytes, *, source: str, credit: str = "") -> list[FeedItem]:
    """Return the items of an RSS or Atom document; a feed that cannot be read is refused by name."""
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    problem = parsed.get("bozo_exception")
    # Broken XML is refused whole: feedparser's loose fallback could take half an item for a story.
    if isinstance(problem, SAXParseException) or (problem and not parsed.entries):
        raise ImportRefused(source, f"the feed's XML is broken ({problem}).")
    if not parsed.get("version") and not parsed.entries:
        raise ImportRefused(source, "this is not an RSS or Atom feed.")
    items = []
    for index, entry in enumerate(parsed.entries):
        title = " ".join((entry.get("title") or "").split())
        body = _body(entry)
        if not title:
            raise ImportRefused(f"{source} item {index + 1}", "the item has no title.")
        guid = entry.get("id") or entry.get("link") or hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()
        updated = _time(entry, "updated")
        authors = _authors(entry)
        story = Story(
            headline=title[:200],
            body_html=body,
            bylines=authors,
            credit=credit,
            published_at=_time(entry, "published") or updated,
            tags=tuple(t.get("term", "") for t in entry.get("tags", []) if t.get("term")),
        )
        items.append(FeedItem(guid=guid[:500], version=updated.isoformat() if updated else "", story=story))
    return items
