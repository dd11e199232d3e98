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


def cache_publicly(response: R) -> R:
    """Let browsers and a CDN keep `response` for the configured times (purges end it sooner)."""
    settings = config()
    patch_cache_control(
        response,
        public=True,
        max_age=settings.cdn_max_age,
        s_maxage=settings.cdn_s_maxage,
        stale_while_revalidate=settings.cdn_stale_while_revalidate,
    )
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
