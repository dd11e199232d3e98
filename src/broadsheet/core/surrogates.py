"""Surrogate keys: naming what a response shows, so a change can purge exactly those responses."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.http import HttpResponseBase
from django.utils.cache import patch_cache_control

from broadsheet.conf.config import config

R = TypeVar("R", bound=HttpResponseBase)

HEADER = "Surrogate-Key"  # read by Fastly-style CDNs; Varnish's xkey module reads "xkey"
SITE = "site"  # on every page: site settings and navigation appear everywhere


def set_keys(response: R, keys: Iterable[str]) -> R:
    """Declare the keys of what `response` shows; only responses with keys are cached whole."""
    value = " ".join(sorted({SITE, *keys}))
    response[HEADER] = value
    response["xkey"] = value
    return response


def cache_publicly(response: R, *, fresh_for: float | None = None) -> R:
    """Let browsers and a CDN keep `response` for the configured times (purges end it sooner).

    `fresh_for` is how long the page stays right (until midnight, the next scheduled story or
    embargo, a banner's expiry): no cache is told to keep it longer, nor to serve it stale past that.
    """
    settings = config()
    max_age, s_maxage, stale = settings.cdn_max_age, settings.cdn_s_maxage, settings.cdn_stale_while_revalidate
    if fresh_for is not None and fresh_for < s_maxage:
        seconds = max(0, int(fresh_for))
        max_age, s_maxage, stale = min(max_age, seconds), seconds, 0
    options: dict[str, int | bool] = {"public": True, "max_age": max_age, "s_maxage": s_maxage}
    if stale:
        options["stale_while_revalidate"] = stale
    patch_cache_control(response, **options)
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
