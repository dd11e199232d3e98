"""A Redis cache that fails fast: when Redis is down or frozen, pages render without it.

After one failed call, every call skips Redis for a few seconds (a tiny circuit breaker per
process), so a dead Redis costs one socket timeout every few seconds rather than one per call,
and the site recovers within seconds of Redis returning.

- `ResilientRedisCache` (the `default` alias) answers like an empty cache while Redis is away:
  reads miss, writes are dropped. Site settings and navigation simply come from the database.
- `StrictRedisCache` (`pages`, `shared`) raises `CacheDown` instead, for callers that must know:
  the page cache renders without storing, and rate limits fail closed.

`SharedFileCache` is the embedded profile's `pages` and `shared` cache: every worker process
must see the same pages, purges and locks, which process memory cannot give.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 2.0
_down_until: dict[str, float] = {}  # per Redis location, for this process


class CacheDown(Exception):
    """Redis did not answer (or failed just now); the caller decides what that means."""


class _FailFast(RedisCache):
    tolerant = True

    def _guarded(self, name: str, default: Any, *args: Any, **kwargs: Any) -> Any:
        location = str(getattr(self, "_servers", ""))
        if time.monotonic() < _down_until.get(location, 0.0):
            return self._fallback(default)
        try:
            return getattr(super(), name)(*args, **kwargs)
        except Exception as exc:  # redis-py raises several kinds; all mean "not now"
            _down_until[location] = time.monotonic() + RETRY_AFTER_SECONDS
            logger.warning("redis cache %s failed, skipping Redis for %.0fs: %s", name, RETRY_AFTER_SECONDS, exc)
            return self._fallback(default)

    def _fallback(self, default: Any) -> Any:
        if self.tolerant:
            return default
        raise CacheDown

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._guarded("get", default, key, default, version)

    def get_many(self, keys: Any, version: Any = None) -> Any:
        return self._guarded("get_many", {}, keys, version)

    def set(self, key: Any, value: Any, timeout: Any = 300, version: Any = None) -> None:
        self._guarded("set", None, key, value, timeout, version)

    def add(self, key: Any, value: Any, timeout: Any = 300, version: Any = None) -> bool:
        return bool(self._guarded("add", False, key, value, timeout, version))

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        return int(self._guarded("incr", 0, key, delta, version))

    def set_many(self, data: Any, timeout: Any = 300, version: Any = None) -> list[Any]:
        return list(self._guarded("set_many", [], data, timeout, version) or [])

    def delete(self, key: Any, version: Any = None) -> bool:
        return bool(self._guarded("delete", False, key, version))

    def delete_many(self, keys: Any, version: Any = None) -> None:
        self._guarded("delete_many", None, keys, version)

    def has_key(self, key: Any, version: Any = None) -> bool:
        return bool(self._guarded("has_key", False, key, version))


class ResilientRedisCache(_FailFast):
    tolerant = True


class StrictRedisCache(_FailFast):
    tolerant = False


class SharedFileCache(FileBasedCache):
    """The embedded profile's cache shared by every worker process: files in the data directory.

    `add` is atomic across processes (an exclusive create), so a render lock taken by one worker
    holds for all of them; Django's own file cache checks and then writes, which two workers can
    both pass at once.
    """

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        fname = self._key_to_file(key, version)  # type: ignore[attr-defined]
        self._createdir()  # type: ignore[attr-defined]
        # Written whole to a private file, then linked into place: the link either creates the
        # entry complete or fails because it exists, so no reader ever sees half an entry.
        descriptor, staged = tempfile.mkstemp(dir=self._dir)  # type: ignore[attr-defined]
        try:
            with os.fdopen(descriptor, "wb") as handle:
                self._write_content(handle, timeout, value)  # type: ignore[attr-defined]
            for _ in range(2):
                try:
                    os.link(staged, fname)
                    return True
                except FileExistsError:
                    if self.has_key(key, version):  # has_key deletes the file when it has expired
                        return False
            return False
        finally:
            Path(staged).unlink()
