"""Whole-page cache with surrogate keys: precise purges by key generation, stale copies, one render per miss.

Every cached response remembers the generation of each surrogate key it carries ("article:12",
"section:3", "home"…). Purging a key bumps its generation, so exactly the responses that carry
it stop being fresh — nothing is listed or scanned, and nothing else is touched. A response that
is no longer fresh is kept as a stale copy for readers to get while one request re-renders it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import caches

logger = logging.getLogger(__name__)

STALE_KEEP_SECONDS = 24 * 3600  # how long a stale copy may stand in while a fresh one renders
LOCK_SECONDS = 15  # longest a render may hold the lock before another request may try


class CacheUnavailable(Exception):
    """The cache backend failed (Redis down or frozen): callers render without it."""


@dataclass
class Entry:
    """One cached response, with the key generations it was rendered under."""

    status: int
    headers: list[tuple[str, str]]
    content: bytes
    created_at: float
    fresh_until: float
    keys: dict[str, int] = field(default_factory=dict)
    # True when something due (midnight, a scheduled story, an embargo, a banner) ends its freshness
    # before the configured lifetime: then no cache in front may keep it longer either.
    bounded: bool = False


def _guard(action: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # CacheDown, or a client library's own error: either way "no cache now"
        logger.debug("page cache %s failed: %s", action, exc)
        raise CacheUnavailable from exc


class PageCache:
    def __init__(self, alias: str = "pages") -> None:
        self.alias = alias

    @property
    def _cache(self) -> Any:
        return caches[self.alias]

    def generations(self, keys: Iterable[str]) -> dict[str, int]:
        """Return each surrogate key's current generation (0 for a key never purged)."""
        keys = list(keys)
        stored = _guard("read", self._cache.get_many, [f"sk:{k}" for k in keys])
        return {k: int(stored.get(f"sk:{k}", 0)) for k in keys}

    def get(self, cache_key: str) -> tuple[Entry | None, bool]:
        """Return (entry, is_fresh); a stale entry is still returned, to stand in during a re-render."""
        entry: Entry | None = _guard("get", self._cache.get, f"page:{cache_key}")
        if entry is None:
            return None, False
        fresh = time.time() < entry.fresh_until and self.generations(entry.keys) == entry.keys
        return entry, fresh

    def set(self, cache_key: str, entry: Entry) -> None:
        _guard("set", self._cache.set, f"page:{cache_key}", entry, STALE_KEEP_SECONDS)

    def purge(self, keys: Iterable[str]) -> None:
        """Make every response carrying any of `keys` stale, at once, everywhere.

        Every key gets the same new generation in one write (one MSET on Redis): a render that
        starts during a purge sees all of its keys bumped or none, so it is never judged stale for
        a purge it already saw (the stampede bench counted 5 renders for 3 purges when keys were
        bumped one by one). The generation is the clock in nanoseconds, distinct per purge, so a
        generation lost to eviction can never come back to match a page stored under an old one.
        """
        keys = set(keys)
        generation = time.time_ns()
        try:
            self._cache.set_many({f"sk:{key}": generation for key in keys}, None)
        except Exception as exc:
            logger.warning("page cache purge of %s failed: %s", ", ".join(sorted(keys)), exc)

    def lock(self, cache_key: str) -> bool:
        """Take the right to render `cache_key`; False if another request is rendering it."""
        return bool(_guard("lock", self._cache.add, f"lock:{cache_key}", 1, LOCK_SECONDS))

    def unlock(self, cache_key: str) -> None:
        try:
            self._cache.delete(f"lock:{cache_key}")
        except Exception as exc:
            logger.warning("page cache unlock failed: %s", exc)


page_cache = PageCache()
