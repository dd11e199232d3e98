"""Side effects of ad writes, run after commit: the cached slot answers are renewed."""

from __future__ import annotations

import time

from django.core.cache import cache

VERSION_KEY = "ads:version"


def units_changed() -> None:
    """Retire every cached slot answer at once by moving their cache keys to a new version."""
    # A clock value rather than incr(): a version lost to eviction can never come back as an old one.
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def current_version() -> int:
    """Return the version that cached slot answers are keyed with."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return int(version)
