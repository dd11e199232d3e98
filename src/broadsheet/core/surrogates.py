"""Surrogate keys: naming what a response shows, so a change can purge exactly those responses."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.http import HttpResponseBase

R = TypeVar("R", bound=HttpResponseBase)

HEADER = "Surrogate-Key"  # read by Fastly-style CDNs; Varnish's xkey module reads "xkey"
SITE = "site"  # on every page: site settings and navigation appear everywhere


def set_keys(response: R, keys: Iterable[str]) -> R:
    """Declare the keys of what `response` shows; only responses with keys are cached whole."""
    value = " ".join(sorted({SITE, *keys}))
    response[HEADER] = value
    response["xkey"] = value
    return response


def keys_of(response: HttpResponseBase) -> list[str]:
    return response.get(HEADER, "").split()


def article(pk: int) -> str:
    return f"article:{pk}"


def section(pk: int) -> str:
    return f"section:{pk}"


def author(pk: int) -> str:
    return f"author:{pk}"


def tag(pk: int) -> str:
    return f"tag:{pk}"


HOME, FEEDS, SITEMAPS, CORRECTIONS = "home", "feeds", "sitemaps", "corrections"
