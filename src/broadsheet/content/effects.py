"""Side effects of content writes, run after commit: the one list of what a change touches."""

from __future__ import annotations

from django.core.cache import cache

SITE_CACHE_KEYS = ("content:site-settings", "content:navigation")


def site_changed() -> None:
    """Forget the cached site settings and navigation so the next page reads them afresh."""
    cache.delete_many(list(SITE_CACHE_KEYS))
