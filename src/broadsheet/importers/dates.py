"""Dates as wire copy and news pages write them: "5 February 2026", "Feb 5, 2026 10:32", ISO 8601."""

from __future__ import annotations

import re
from datetime import date, datetime

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = (
    r"(?:(?:,|\s+at|\s*[-–|•])?\s+(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?)?"
)
_YEAR = r"(?P<year>(?:19|20)\d{2})"
PATTERNS = [
    re.compile(rf"{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}{_TIME}", re.I),
    re.compile(rf"{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}{_TIME}", re.I),
    re.compile(rf"{_YEAR}-(?P<mnum>\d{{2}})-(?P<day>\d{{2}})(?:[T ](?P<hour>\d{{2}}):(?P<minute>\d{{2}}))?"),
]
# "Feb 5" inside a dateline: no year, which the caller supplies.
DAY_MONTH = re.compile(
    rf"^(?:{_MONTH}\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+{_MONTH.replace('month', 'month2')})$", re.I
)


def find_date(text: str) -> tuple[datetime, re.Match[str]] | None:
    """Return the first date (with its time when given) written in `text`, and where it was."""
    best: tuple[datetime, re.Match[str]] | None = None
    for pattern in PATTERNS:
        match = pattern.search(text)
        if match is None or (best is not None and match.start() >= best[1].start()):
            continue
        found = _from_match(match)
        if found is not None:
            best = (found, match)
    return best


def _from_match(match: re.Match[str]) -> datetime | None:
    parts = match.groupdict()
    month = int(parts["mnum"]) if parts.get("mnum") else MONTHS[parts["month"].lower()]
    hour = int(parts["hour"]) if parts.get("hour") else 0
    minute = int(parts["minute"]) if parts.get("minute") else 0
    ampm = (parts.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        return datetime(int(parts["year"]), month, int(parts["day"]), hour, minute)
    except ValueError:
        return None  # "31 February": not a date


def is_only_a_date(text: str) -> bool:
    """True when `text` is a date and nothing else (a date banner or a "Published" line)."""
    found = find_date(text)
    if found is None:
        return False
    rest = (text[: found[1].start()] + text[found[1].end() :]).strip(" ,.|•·-–—:")
    return rest.lower() in {"", "published", "updated", "posted", "posted on", "last updated", "first published"}


def day_month(text: str, *, year: int) -> date | None:
    """Return the date of "Feb 5" / "5 Feb" in `year`, or None when `text` is not that."""
    match = DAY_MONTH.match(text.strip())
    if match is None:
        return None
    month = MONTHS[(match["month"] or match["month2"]).lower()]
    try:
        return date(year, month, int(match["day"] or match["day2"]))
    except ValueError:
        return None
