"""Signed tokens of the ads: click addresses and impression tokens, so nobody can forge or redirect."""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

_CLICK_SALT = "broadsheet.ads.click"
_IMPRESSION_SALT = "broadsheet.ads.impression"
# Impression tokens sit in a short-lived cached answer; a day covers any page left open.
IMPRESSION_TOKEN_MAX_AGE = 24 * 3600


@dataclass(frozen=True)
class Click:
    unit_id: int
    target_url: str


def click_token(unit_id: int, target_url: str) -> str:
    """Return the signed part of a house ad's click address, naming the unit and its link."""
    return signing.dumps({"u": unit_id, "t": target_url}, salt=_CLICK_SALT, compress=True)


def read_click_token(token: str) -> Click | None:
    """Return what a click token names, or None when it was tampered with or is malformed."""
    try:
        data = signing.loads(token, salt=_CLICK_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("t"), str):
        return None
    return Click(data["u"], data["t"])


def impression_token(unit_id: int) -> str:
    """Return a signed, timestamped token that lets the page report one impression of the unit."""
    return signing.TimestampSigner(salt=_IMPRESSION_SALT).sign(str(unit_id))


def read_impression_token(token: str) -> int | None:
    """Return the unit id in a fresh, untampered impression token; None otherwise."""
    try:
        value = signing.TimestampSigner(salt=_IMPRESSION_SALT).unsign(token, max_age=IMPRESSION_TOKEN_MAX_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    return int(value) if value.isdigit() else None
