"""IPTC ninjs (1.x and 2.x JSON) items -> wire items: headline, byline, credit, dateline, embargo, urgency."""

from __future__ import annotations

import json
from typing import Any

from broadsheet.importers.items import (
    CANCELED,
    USABLE,
    WITHHELD,
    WireItem,
    dateline_city,
    parse_time,
    parse_urgency,
    strip_dateline,
)
from broadsheet.wire.story import ImportRefused, Story

STATUSES = {"usable": USABLE, "canceled": CANCELED, "cancelled": CANCELED, "withheld": WITHHELD}


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _first(values: Any, key: str = "value", *, role: str = "") -> str:
    """ninjs 2 lists (headlines, bodies, descriptions): the one with the role asked for, else the first."""
    if not isinstance(values, list):
        return ""
    chosen = [v for v in values if isinstance(v, dict) and (not role or v.get("role") == role)] or [
        v for v in values if isinstance(v, dict)
    ]
    return str(chosen[0].get(key, "")) if chosen else ""


def parse_ninjs(data: bytes, *, source: str) -> WireItem:
    """Return the item in a ninjs document; malformed input is refused naming the file or item."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ImportRefused(source, "the file is not UTF-8 (ninjs is JSON, which must be UTF-8).") from exc
    except json.JSONDecodeError as exc:
        raise ImportRefused(source, f"the JSON is broken at line {exc.lineno}, column {exc.colno}: {exc.msg}.") from exc
    if not isinstance(document, dict):
        raise ImportRefused(source, "a ninjs item is a JSON object.")
    guid = _text(document.get("uri")) or _text(document.get("guid"))
    item = f"{source} ({guid})" if guid else source
    if not guid:
        raise ImportRefused(source, "the item has no “uri”, so it could not be matched to a later correction or kill.")
    status = STATUSES.get(_text(document.get("pubstatus")).lower() or "usable")
    if status is None:
        raise ImportRefused(item, f"pubstatus “{document.get('pubstatus')}” is not usable, withheld or canceled.")
    headline = _text(document.get("headline")) or _text(_first(document.get("headlines")))
    if not headline and status == USABLE:
        raise ImportRefused(item, "the item has no headline.")
    body = document.get("body_html") or _first(document.get("bodies"), role="") or _text(document.get("body_text"))
    if not isinstance(body, str):
        raise ImportRefused(item, "body_html is not text.")
    byline = _text(document.get("byline")) or _text(document.get("by"))
    credit = _text(document.get("copyrightholder")) or _first(document.get("infosource"), "name")
    located = _text(document.get("located")) or _text(document.get("dateline"))
    city, agency = dateline_city(located) if located else ("", "")
    subjects = document.get("subject") or []
    story = Story(
        headline=headline[:200],
        body_html=strip_dateline(body, located),
        bylines=tuple(name.strip() for name in byline.replace(" and ", ",").split(",") if name.strip()),
        credit=credit or agency,
        dateline=city,
        published_at=parse_time(
            document.get("firstcreated") or document.get("versioncreated"), item=item, field="firstcreated"
        ),
        embargo_until=parse_time(document.get("embargoed"), item=item, field="embargoed"),
        dek=_text(document.get("description_text")) or _first(document.get("descriptions")),
        urgency=parse_urgency(document.get("urgency"), item=item),
        tags=tuple(_text(s.get("name")) for s in subjects if isinstance(s, dict) and _text(s.get("name"))),
    )
    return WireItem(guid=guid, version=str(document.get("version", "")), status=status, story=story,
                    urgency=story.urgency)  # fmt: skip
