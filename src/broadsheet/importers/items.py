"""A wire-service item (ninjs, NewsML-G2) as the importers hand it on: a story plus its lifecycle signal."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from broadsheet.importers.wiretext import DATELINE
from broadsheet.wire.story import ImportRefused, Story

USABLE, CANCELED, WITHHELD = "usable", "canceled", "withheld"


@dataclass(frozen=True)
class WireItem:
    guid: str
    version: str
    status: str  # usable: take it in or correct it; canceled / withheld: a kill
    story: Story
    urgency: int | None = None


def parse_time(value: str | None, *, item: str, field: str) -> datetime | None:
    """Return an ISO 8601 time from a wire item; a malformed one is refused naming the item and field."""
    if not value or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(text)
    except ValueError as exc:
        raise ImportRefused(item, f"{field} “{value}” is not an ISO 8601 time.") from exc


def parse_urgency(value: object, *, item: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        urgency = int(str(value).strip())
    except ValueError as exc:
        raise ImportRefused(item, f"urgency “{value}” is not a number from 1 to 9.") from exc
    if not 1 <= urgency <= 9:
        raise ImportRefused(item, f"urgency {urgency} is outside 1 to 9.")
    return urgency


def dateline_city(dateline: str) -> tuple[str, str]:
    """Return (city, agency) from a wire dateline such as "MERIDIAN, Feb 5 (Northwind Press) -"."""
    text = dateline.strip()
    match = DATELINE.match(text if re.search(r"[—–-]\s*$", text) is None else text + " x")
    if match:
        return match["city"].strip(), (match["agency"] or "").strip()
    return re.split(r"[,(]", text, maxsplit=1)[0].strip(" -–—"), ""


def strip_dateline(body_html: str, dateline: str) -> str:
    """Drop a dateline the source also wrote at the start of the body, since pages set it themselves."""
    if not dateline.strip():
        return body_html
    pattern = re.compile(r"^(\s*<p[^>]*>\s*)" + re.escape(dateline.strip()) + r"\s*[—–-]*\s*", re.I)
    return pattern.sub(r"\1", body_html, count=1)
